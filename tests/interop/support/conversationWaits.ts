// Waits on what an SDK client sees after syncing with the node: a conversation appearing, or a
// conversation's text messages becoming exactly a given list. Each wait syncs, then looks again.
import type { Dm, Group } from "@xmtp/node-sdk"
import { pollUntil } from "./deadline"
import { textsOf, type LabelledClient } from "./sdkClient"

type Conversation = Group | Dm

/** The conversation `id` as `who` sees it, once a sync has brought it (from its welcome). */
export async function conversationSeenBy(who: LabelledClient, id: string, timeoutMs?: number): Promise<Conversation> {
  return pollUntil(
    `${who.label} to receive conversation ${id}`,
    async () => {
      await who.client.conversations.sync()
      return who.client.conversations.getConversationById(id)
    },
    { timeoutMs, intervalMs: 200 },
  )
}

/**
 * Syncs `conversation` until its text messages, as `sender: text` oldest first, are exactly
 * `expected`; returns them so the caller asserts on the content it got.
 */
export async function textsSeenBy(
  who: LabelledClient,
  conversation: Conversation,
  expected: readonly string[],
  labelOf: (inboxId: string) => string,
  timeoutMs?: number,
): Promise<string[]> {
  let last: string[] = []
  await pollUntil(
    `${who.label} to see exactly ${JSON.stringify(expected)}`,
    async () => {
      await conversation.sync()
      last = textsOf(await conversation.messages(), labelOf)
      return last.length === expected.length && last.every((text, i) => text === expected[i])
    },
    { timeoutMs, intervalMs: 200, describe: () => JSON.stringify(last) },
  )
  return last
}
