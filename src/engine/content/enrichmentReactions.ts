// Reactions as a reader sees them: the SDK lists every reaction message (additions and removals)
// under the message it references and leaves the tally to apps; this folds that list into who
// currently reacts with what. A removal takes back the same sender's earlier addition of the same
// content and schema; actions other than added/removed change nothing.
import type { DecodedMessage } from "../groups/publicTypes"
import type { Reaction, ReactionSchema } from "./codecs/reactionCodec"

export interface ReactionSummary {
  content: string
  schema: ReactionSchema
  /** Inbox ids reacting with it now, in the order they first (re)added it. */
  inboxIds: string[]
}

/** One entry per reaction someone still has, in the order each was first added. */
export function summarizeReactions(reactions: readonly DecodedMessage<Reaction>[]): ReactionSummary[] {
  const byKey = new Map<string, ReactionSummary>()
  for (const message of reactions) {
    const reaction = message.content
    if (!reaction) continue
    const key = `${reaction.schema}\u0000${reaction.content}`
    const summary = byKey.get(key) ?? { content: reaction.content, schema: reaction.schema, inboxIds: [] }
    const sender = message.senderInboxId
    if (reaction.action === "added" && !summary.inboxIds.includes(sender)) summary.inboxIds.push(sender)
    else if (reaction.action === "removed") summary.inboxIds = summary.inboxIds.filter((inboxId) => inboxId !== sender)
    byKey.set(key, summary)
  }
  return [...byKey.values()].filter((summary) => summary.inboxIds.length > 0)
}
