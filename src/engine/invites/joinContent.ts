// The two messages of the invite flow, sent in the DM between the person who opened a link and
// the inviter: parley.app/groupJoinRequest:1.0 (the token, an optional note) and
// parley.app/groupJoinResponse:1.0 (what became of the request). JSON payloads; a fallback text
// so the official SDKs and other clients show what they are.
import { z } from "zod"
import { encodedContentOf, type ContentCodec } from "../content/codec"
import { contentTypeId, contentTypeIdToString } from "../content/contentTypeId"
import { ContentDecodeError } from "../content/errors"
import type { EncodedContent } from "../content/proto/encodedContentMessage"

export const JOIN_REQUEST_CONTENT_TYPE = contentTypeId("parley.app", "groupJoinRequest", 1, 0)
export const JOIN_RESPONSE_CONTENT_TYPE = contentTypeId("parley.app", "groupJoinResponse", 1, 0)

/** A note is a line or two, like a friend request's message. */
export const MAX_JOIN_NOTE_LENGTH = 280

const joinRequestSchema = z.strictObject({
  token: z.string().min(1).max(512),
  note: z.string().max(MAX_JOIN_NOTE_LENGTH).optional(),
})
export type GroupJoinRequest = z.infer<typeof joinRequestSchema>

export const JOIN_OUTCOMES = ["added", "declined", "invalid"] as const
export type JoinOutcome = (typeof JOIN_OUTCOMES)[number]

const joinResponseSchema = z.strictObject({
  /** Hex id of the request message answered. */
  requestId: z.string().regex(/^[0-9a-f]{64}$/),
  outcome: z.enum(JOIN_OUTCOMES),
  /** Why an invalid request was refused (the InviteError message), for the requester to read. */
  reason: z.string().max(500).optional(),
})
export type GroupJoinResponse = z.infer<typeof joinResponseSchema>

function jsonCodec<T>(contentType: EncodedContent["type"] & object, schema: z.ZodType<T>, fallback: (value: T) => string): ContentCodec<T> {
  const name = contentTypeIdToString(contentType)
  const codec: ContentCodec<T> = {
    contentType,
    encode: (value) => encodedContentOf(codec, value, new TextEncoder().encode(JSON.stringify(schema.parse(value)))),
    decode(encoded) {
      let json: unknown
      try {
        json = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(encoded.content))
      } catch (error) {
        throw new ContentDecodeError("InvalidJson", `not UTF-8 JSON: ${String(error)}`, name, { cause: error })
      }
      const parsed = schema.safeParse(json)
      if (!parsed.success) throw new ContentDecodeError("InvalidJson", parsed.error.issues.map((issue) => issue.message).join("; "), name)
      return parsed.data
    },
    fallback,
    shouldPush: () => true,
  }
  return codec
}

export const joinRequestCodec = jsonCodec(JOIN_REQUEST_CONTENT_TYPE, joinRequestSchema, () => "Asked to join a group through an invite link.")

const RESPONSE_TEXT: Record<JoinOutcome, string> = {
  added: "Added you to the group you asked to join.",
  declined: "Declined your request to join the group.",
  invalid: "Could not add you to the group: the invite link is no longer valid.",
}

export const joinResponseCodec = jsonCodec(JOIN_RESPONSE_CONTENT_TYPE, joinResponseSchema, (response) => RESPONSE_TEXT[response.outcome])
