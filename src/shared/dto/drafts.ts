// Unsent composer text, kept by main per conversation (encrypted at rest) so it survives a restart.
import { z } from "zod"
import { utf8Limited } from "./groupLimits"
import { conversationIdSchema } from "./identifiers"
import { MAX_TEXT_MESSAGE_BYTES } from "./messageRequests"

/** A draft is at most what could be sent; the empty draft deletes the conversation's entry. */
export const draftTextSchema = utf8Limited(MAX_TEXT_MESSAGE_BYTES, "A draft")

/** How many conversations may hold a draft at once: bounds the file and what the renderer is sent. */
export const MAX_DRAFTS = 1000

export const draftsSchema = z
  .record(conversationIdSchema, draftTextSchema)
  .refine((drafts) => Object.keys(drafts).length <= MAX_DRAFTS, `at most ${MAX_DRAFTS} conversations hold a draft`)
export type Drafts = z.infer<typeof draftsSchema>
