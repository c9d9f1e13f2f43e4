// Conversions between Parley's content values and the official SDK's (node-bindings 1.10) shapes,
// which differ only in representation: enums as numbers, parameters as a Record, absent fields as
// undefined. node-bindings declares its enums as ambient const enums, which `verbatimModuleSyntax`
// forbids reading, so their numbers are spelled out here from its index.d.ts.
import type * as Sdk from "@xmtp/node-bindings"
import type { Action, Actions, ActionStyle, EncodedContent, Reaction, ReactionAction, ReactionSchema } from "../../../../src/engine/content/index"

const REACTION_ACTIONS: readonly ReactionAction[] = ["unknown", "added", "removed"]
const REACTION_SCHEMAS: readonly ReactionSchema[] = ["unknown", "unicode", "shortcode", "custom"]
const ACTION_STYLES: readonly ActionStyle[] = ["primary", "secondary", "danger"]

export function toSdkEncoded(encoded: EncodedContent): Sdk.EncodedContent {
  return {
    ...(encoded.type ? { type: { ...encoded.type } } : {}),
    parameters: Object.fromEntries(encoded.parameters),
    ...(encoded.fallback === undefined ? {} : { fallback: encoded.fallback }),
    ...(encoded.compression === undefined ? {} : { compression: encoded.compression }),
    content: encoded.content,
  }
}

export function fromSdkEncoded(encoded: Sdk.EncodedContent): EncodedContent {
  return {
    ...(encoded.type ? { type: { ...encoded.type } } : {}),
    parameters: new Map(Object.entries(encoded.parameters)),
    ...(encoded.fallback == null ? {} : { fallback: encoded.fallback }),
    ...(encoded.compression == null ? {} : { compression: encoded.compression }),
    content: new Uint8Array(encoded.content),
  }
}

export function toSdkReaction(reaction: Reaction): Sdk.Reaction {
  return {
    reference: reaction.reference,
    referenceInboxId: reaction.referenceInboxId,
    action: REACTION_ACTIONS.indexOf(reaction.action) as Sdk.ReactionAction,
    content: reaction.content,
    schema: REACTION_SCHEMAS.indexOf(reaction.schema) as Sdk.ReactionSchema,
  }
}

export function fromSdkReaction(reaction: Sdk.Reaction): Reaction {
  return {
    reference: reaction.reference,
    referenceInboxId: reaction.referenceInboxId,
    action: REACTION_ACTIONS[reaction.action] ?? "unknown",
    content: reaction.content,
    schema: REACTION_SCHEMAS[reaction.schema] ?? "unknown",
  }
}

export function toSdkActions(actions: Actions): Sdk.Actions {
  const toSdkAction = (action: Action): Sdk.Action => ({
    id: action.id,
    label: action.label,
    ...(action.imageUrl === undefined ? {} : { imageUrl: action.imageUrl }),
    ...(action.style === undefined ? {} : { style: ACTION_STYLES.indexOf(action.style) as Sdk.ActionStyle }),
    ...(action.expiresAtNs === undefined ? {} : { expiresAtNs: action.expiresAtNs }),
  })
  return {
    id: actions.id,
    description: actions.description,
    actions: actions.actions.map(toSdkAction),
    ...(actions.expiresAtNs === undefined ? {} : { expiresAtNs: actions.expiresAtNs }),
  }
}

export function fromSdkActions(actions: Sdk.Actions): Actions {
  const fromSdkAction = (action: Sdk.Action): Action => {
    const style = action.style == null ? undefined : ACTION_STYLES[action.style]
    return {
      id: action.id,
      label: action.label,
      ...(action.imageUrl == null ? {} : { imageUrl: action.imageUrl }),
      ...(style === undefined ? {} : { style }),
      ...(action.expiresAtNs == null ? {} : { expiresAtNs: action.expiresAtNs }),
    }
  }
  return {
    id: actions.id,
    description: actions.description,
    actions: actions.actions.map(fromSdkAction),
    ...(actions.expiresAtNs == null ? {} : { expiresAtNs: actions.expiresAtNs }),
  }
}

/** Drops keys whose value is undefined or null, as napi objects carry absent options either way. */
export function withoutAbsent<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutAbsent) as T
  if (value === null || typeof value !== "object" || value instanceof Uint8Array) return value
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined && v !== null)
      .map(([k, v]) => [k, withoutAbsent(v)]),
  ) as T
}
