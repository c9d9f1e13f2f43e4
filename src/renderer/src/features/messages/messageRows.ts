// The rows of a conversation, oldest first: day separators, group-update lines and message
// bubbles. Reactions and read receipts are not rows (reactions are shown on their message).
import type { Message } from "../../../../shared/dto/message"
import { isDisappearingStartBefore } from "../../lib/groupUpdateText"
import { dayKey } from "../../lib/time"

export type MessageRow =
  | { kind: "day"; key: string; sentAtNs: string }
  | { kind: "system"; key: string; message: Message }
  /** `continued`: same sender as the row above within a few minutes, so name and avatar are left out. */
  | { kind: "message"; key: string; message: Message; continued: boolean }

const RUN_GAP_NS = 5n * 60n * 1_000_000_000n

function isHidden(message: Message): boolean {
  return message.content.type === "reaction" || message.content.type === "readReceipt"
}

function isSystem(message: Message): boolean {
  return message.content.type === "groupUpdated" || message.content.type === "leaveRequest" || message.kind === "membershipChange"
}

export function sortMessages(byId: Record<string, Message> | undefined): Message[] {
  return Object.values(byId ?? {}).sort((a, b) => {
    const x = BigInt(a.sentAtNs)
    const y = BigInt(b.sentAtNs)
    return x < y ? -1 : x > y ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0
  })
}

/** The first of the two transcripts one disappearing-messages change makes (the second says it all). */
function isRedundantUpdate(message: Message, next: Message | undefined): boolean {
  return message.content.type === "groupUpdated" && next?.content.type === "groupUpdated" && isDisappearingStartBefore(message.content.groupUpdated, next.content.groupUpdated)
}

export function messageRows(messages: readonly Message[]): MessageRow[] {
  const rows: MessageRow[] = []
  let lastDay: number | undefined
  let previous: Message | undefined
  const shown = messages.filter((message) => !isHidden(message))
  for (const [index, message] of shown.entries()) {
    if (isRedundantUpdate(message, shown[index + 1])) continue
    const day = dayKey(message.sentAtNs)
    if (day !== lastDay) {
      rows.push({ kind: "day", key: `day-${day}`, sentAtNs: message.sentAtNs })
      lastDay = day
      previous = undefined
    }
    if (isSystem(message)) {
      rows.push({ kind: "system", key: message.id, message })
      previous = undefined
      continue
    }
    const continued =
      previous !== undefined && previous.senderInboxId === message.senderInboxId && BigInt(message.sentAtNs) - BigInt(previous.sentAtNs) < RUN_GAP_NS
    rows.push({ kind: "message", key: message.id, message, continued })
    previous = message
  }
  return rows
}
