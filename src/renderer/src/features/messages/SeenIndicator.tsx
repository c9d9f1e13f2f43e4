// "Seen" / "Seen by N" under the one message of the user's that readStatus.ts picks. Every own
// bubble asks; the answer is worked out once per change of the conversation's messages or receipts.
import type { ConversationSummary } from "../../../../shared/dto/conversation"
import type { MessageId } from "../../../../shared/dto/identifiers"
import { useOwnInboxId, useParley } from "../../store/store"
import { sortMessages } from "./messageRows"
import { audienceOf, type SeenStatus, seenStatus } from "./readStatus"

const NO_TIMES = {}
let memo: { inputs: readonly unknown[]; status: SeenStatus | null } | undefined

function useSeenStatus(conversation: ConversationSummary): SeenStatus | null {
  const byId = useParley((state) => state.messages[conversation.id])
  const readTimes = useParley((state) => state.readTimes[conversation.id] ?? NO_TIMES)
  const ownInboxId = useOwnInboxId()
  const members = useParley((state) => state.members[conversation.id])
  const inputs = [byId, readTimes, ownInboxId, conversation.kind === "dm" ? conversation.peerInboxId : members]
  if (!memo || memo.inputs.some((input, index) => input !== inputs[index])) {
    memo = { inputs, status: seenStatus(sortMessages(byId), readTimes, ownInboxId, audienceOf(conversation, members)) }
  }
  return memo.status
}

export function SeenIndicator({ conversation, messageId }: { conversation: ConversationSummary; messageId: MessageId }) {
  const status = useSeenStatus(conversation)
  if (status?.messageId !== messageId) return null
  return <span className="bubble__seen">{status.label}</span>
}
