import type { ConversationSummary } from "../../../../shared/dto/conversation"

/** The summary of a group (not a DM), which every settings section works on. */
export type GroupSummary = Extract<ConversationSummary, { kind: "group" }>
