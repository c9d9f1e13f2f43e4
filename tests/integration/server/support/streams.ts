// Reading what subscriptions received against what the node stored.
import { expect } from "vitest"
import type { MlsApiTypes } from "../../../../src/engine/proto/index"
import { ids, type Api } from "./api"
import type { Subscription } from "./rawClient"

export const hex = (bytes: Uint8Array | undefined): string => Buffer.from(bytes ?? []).toString("hex")

/** Group messages received, grouped by group id, as ids. */
export function idsByGroup(messages: MlsApiTypes.GroupMessage[]): Map<string, number[]> {
  const byGroup = new Map<string, number[]>()
  for (const message of messages) {
    const key = hex(message.v1?.groupId)
    byGroup.set(key, [...(byGroup.get(key) ?? []), message.v1?.id.toNumber() ?? -1])
  }
  return byGroup
}

/** Every stored message of the group, oldest first, as ids (paging through the node's answers). */
export async function allStoredIds(node: Api, groupId: Uint8Array): Promise<number[]> {
  const all: number[] = []
  let cursor = 0
  for (;;) {
    const page = await node.queryGroupMessages(groupId, { direction: 1, idCursor: cursor })
    all.push(...ids(page.messages))
    cursor = page.pagingInfo?.idCursor.toNumber() ?? 0
    if (!cursor) return all
  }
}

/**
 * Checks that `sub` received exactly the `expected` ids of each group, in order and once each,
 * then `marker` (published after everything else, so a duplicate or stray message would arrive
 * before it) and nothing more; ends the subscription.
 */
export async function expectExactlyThenMarker(
  sub: Subscription<MlsApiTypes.GroupMessage>,
  expected: Map<string, number[]>,
  marker: Uint8Array,
): Promise<void> {
  const total = [...expected.values()].reduce((sum, list) => sum + list.length, 0)
  const received = await sub.waitFor(total + 1)
  expect(idsByGroup(received.slice(0, total))).toEqual(expected)
  expect(hex(received[total]?.v1?.data)).toBe(hex(marker))
  sub.cancel()
  await sub.ended
  expect(sub.received).toHaveLength(total + 1)
}
