// Read receipts as the renderer sees them: per other member's inbox, the sent time of its newest
// read receipt in a conversation (the SDK's lastReadTimes without the user's own).
import { z } from "zod"
import { inboxIdSchema, nanosSchema } from "./identifiers"

export const lastReadTimesSchema = z.record(inboxIdSchema, nanosSchema)
export type LastReadTimes = z.infer<typeof lastReadTimesSchema>
