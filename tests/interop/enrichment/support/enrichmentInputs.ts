// Inputs that enrichment tests give Parley and the official SDK alike: a Unicode reaction, and
// Parley's list options in the SDK's types.
import type { ContentType as SdkContentType, GroupMessageKind as SdkKind, ListMessagesOptions as SdkListOptions } from "@xmtp/node-sdk"
import type { Reaction } from "../../../../src/engine/content/index"
import type { ListMessagesOptions } from "../../../../src/engine/index"

export const reaction = (reference: string, referenceInboxId: string, content: string, action: Reaction["action"] = "added"): Reaction => ({
  reference,
  referenceInboxId,
  action,
  content,
  schema: "unicode",
})

/** Parley's options in the SDK's types: both number their enums as node-bindings does. */
export const toSdkListOptions = (options: ListMessagesOptions): SdkListOptions =>
  ({
    ...options,
    ...(options.contentTypes ? { contentTypes: options.contentTypes as number[] as SdkContentType[] } : {}),
    ...(options.excludeContentTypes ? { excludeContentTypes: options.excludeContentTypes as number[] as SdkContentType[] } : {}),
    ...(options.kind === undefined ? {} : { kind: options.kind as number as SdkKind }),
  }) as SdkListOptions
