// Conversation listing (behaviours §18 and QUERY-08): Parley clients on a real node, with an
// official SDK client in the same conversations whose list order is the reference.
import { beforeAll, describe, expect, it } from "vitest"
import {
  ConversationQueryError,
  ListConversationsOrderBy,
  type Client,
  type DecodedMessage,
  type Dm,
  type Group,
  type ListConversationsOptions,
} from "../../../src/engine/index"
import type { Reaction } from "../../../src/engine/content/index"
import { StoredMessageKind } from "../../../src/engine/storage/messages"
import { type ClientProfile, type EngineHarness, useEngineClients } from "../engine/support/engineHarness"
import { conversationOf } from "../groups/support/groupScenario"
import { createSdkClient, type LabelledClient } from "../../interop/support/sdkClient"
import { among, sdkOrderBy, withStoredDatabase } from "../consent/support/consentPeers"

describe("conversation listing", () => {
  let h: EngineHarness
  let alice: Client
  let bobProfile: ClientProfile
  let bob: Client
  let sam: LabelledClient
  /** Three groups alice made with bob and sam, oldest first. */
  let groups: Group[]
  let ids: string[]

  useEngineClients("listing", ["alice", "bob"], (s) => ({ h, profiles: { bob: bobProfile }, clients: { alice, bob } } = s))
  beforeAll(async () => {
    sam = await createSdkClient(h.address, h.dir, { label: "sam" })
    groups = []
    for (let i = 0; i < 3; i++) groups.push(await alice.conversations.createGroup([bob.inboxId, sam.client.inboxId]))
    ids = groups.map((g) => g.id)
    await bob.conversations.sync()
    await sam.client.conversations.sync()
  })

  async function orders(options: ListConversationsOptions = {}): Promise<{ parley: string[]; sdk: string[] }> {
    await bob.conversations.syncAll()
    await sam.client.conversations.syncAll()
    const sdkOptions = options.orderBy === ListConversationsOrderBy.CreatedAt ? { orderBy: sdkOrderBy.CreatedAt } : {}
    return { parley: among(await bob.conversations.list(options), ids), sdk: among(await sam.client.conversations.list(sdkOptions), ids) }
  }

  it("LIST-03, LIST-04: newest displayable message first (markdown and read receipts do not count), in the SDK's order; CreatedAt is newest first", async () => {
    const [g1, g2, g3] = groups as [Group, Group, Group]
    const created = await orders({ orderBy: ListConversationsOrderBy.CreatedAt })
    expect(created.parley).toEqual([g3.id, g2.id, g1.id])
    expect(created.sdk).toEqual(created.parley)

    const a = await g2.sendText("a")
    await g1.sendText("b")
    await g3.sendText("c")
    await g1.sendReadReceipt()
    await g2.sendMarkdown("**not counted**")
    const byActivity = await orders()
    expect(byActivity.parley).toEqual([g3.id, g1.id, g2.id])
    expect(byActivity.sdk).toEqual(byActivity.parley)
    const items = (await bob.conversations.listItems()).filter((item) => ids.includes(item.conversation.id))
    expect(items.map((item) => [item.conversation.id, item.lastMessage?.content])).toEqual([
      [g3.id, "c"],
      [g1.id, "b"],
      [g2.id, "a"],
    ])

    await g2.sendReaction({ reference: a, referenceInboxId: alice.inboxId, action: "added", content: "👍", schema: "unicode" })
    const afterReaction = await orders()
    expect(afterReaction.parley).toEqual([g2.id, g3.id, g1.id])
    expect(afterReaction.sdk).toEqual(afterReaction.parley)
    const [top] = (await bob.conversations.listItems()).filter((item) => ids.includes(item.conversation.id))
    expect((top?.lastMessage as DecodedMessage<Reaction> | undefined)?.content).toMatchObject({ reference: a, content: "👍" })
    // A conversation with no displayable message counts from its creation: a new one goes first.
    const fresh = await alice.conversations.createGroup([bob.inboxId])
    await bob.conversations.sync()
    expect((await bob.conversations.list())[0]?.id).toBe(fresh.id)
  })

  it("LIST-02, LIST-05: find_groups lists oldest first, and by last activity counts every stored message, transcripts included", async () => {
    const [g1, g2, g3] = groups as [Group, Group, Group]
    await g1.sendText("raw one")
    await g2.sendReadReceipt()
    await bob.conversations.syncAll()
    const oldestFirst = withStoredDatabase(bobProfile, (db) => among(db.conversationList.findGroups({}).map(hexId), ids))
    expect(oldestFirst).toEqual([g1.id, g2.id, g3.id])

    const dana = await h.open(h.profile("dana"))
    await g3.addMembers([dana.inboxId])
    await (await conversationOf(bob, g3.id)).sync()
    withStoredDatabase(bobProfile, (db) => {
      const newest = (id: string) => {
        const stored = db.messages.list([Buffer.from(id, "hex")], { direction: "descending", limit: 1 })
        return stored[0]
      }
      const g3Newest = newest(g3.id)
      // The commit's transcript is g3's newest message, and it moved g3's raw activity.
      expect(g3Newest?.kind).toBe(StoredMessageKind.MembershipChange)
      for (const id of ids) expect(db.groups.find(Buffer.from(id, "hex"))?.lastMessageNs).toBe(newest(id)?.sentAtNs)
      expect(among(db.conversationList.findGroups({ orderBy: "lastActivity" }).map(hexId), ids)).toEqual([g3.id, g2.id, g1.id])
    })
    // The list view still orders g1 (a text) before g3 (a transcript) and g2 (a read receipt).
    expect(among(await bob.conversations.list(), ids)[0]).toBe(g1.id)
  })

  it("LIST-06, LIST-01: time bounds are exclusive, the limit applies after them, and the two bounds on one side do not combine", async () => {
    const erin = await h.open(h.profile("erin"))
    const own: Array<Group | Dm> = []
    for (let i = 0; i < 6; i++) own.push(await erin.conversations.createGroup([]))
    const activity = new Map<string, bigint>()
    for (const index of [2, 0, 4, 1, 5, 3]) {
      const group = own[index] as Group
      await group.sendText(`text ${index}`)
      activity.set(group.id, (await group.lastMessage())?.sentAtNs ?? 0n)
    }
    const created = new Map(own.map((g) => [g.id, g.createdAtNs]))
    const listed = async (options: ListConversationsOptions) => (await erin.conversations.list(options)).map((g) => g.id)
    const all = await listed({})
    const where = (pick: (id: string) => boolean) => all.filter(pick)
    const [first, second] = own as [Group, Group]

    const createdAfter = created.get(first.id) ?? 0n
    expect(await listed({ createdAfterNs: createdAfter })).toEqual(where((id) => (created.get(id) ?? 0n) > createdAfter))
    expect(await listed({ createdAfterNs: createdAfter })).not.toContain(first.id)
    const createdBefore = created.get(own[5]?.id ?? "") ?? 0n
    expect(await listed({ createdBeforeNs: createdBefore })).toEqual(where((id) => (created.get(id) ?? 0n) < createdBefore))
    const activeAfter = activity.get(second.id) ?? 0n
    expect(await listed({ lastActivityAfterNs: activeAfter })).toEqual(where((id) => (activity.get(id) ?? 0n) > activeAfter))
    expect(await listed({ lastActivityBeforeNs: activeAfter })).toEqual(where((id) => (activity.get(id) ?? 0n) < activeAfter))
    expect(await listed({ lastActivityBeforeNs: activeAfter })).not.toContain(second.id)
    expect(await listed({ createdAfterNs: createdAfter, limit: 2 })).toEqual((await listed({ createdAfterNs: createdAfter })).slice(0, 2))

    for (const options of [
      { lastActivityAfterNs: 1n, createdAfterNs: 1n },
      { lastActivityBeforeNs: 1n, createdBeforeNs: 1n },
    ]) {
      await expect(erin.conversations.list(options)).rejects.toMatchObject({ name: ConversationQueryError.name, code: "InvalidQuery" })
    }
  })

  it("QUERY-08: paging by the last item's last-message time returns every conversation exactly once", async () => {
    const fay = await h.open(h.profile("fay"))
    for (let i = 0; i < 7; i++) await (await fay.conversations.createGroup([])).sendText(`page ${i}`)
    const everything = (await fay.conversations.list()).map((g) => g.id)
    const paged: string[] = []
    let before: bigint | undefined
    for (;;) {
      const page = await fay.conversations.listItems({ limit: 3, ...(before === undefined ? {} : { lastActivityBeforeNs: before }) })
      if (page.length === 0) break
      paged.push(...page.map((item) => item.conversation.id))
      before = page.at(-1)?.lastMessage?.sentAtNs
      expect(before).toBeDefined()
    }
    expect(everything).toHaveLength(7)
    expect(paged).toEqual(everything)
  })
})

function hexId(row: { id: Uint8Array }): { id: string } {
  return { id: Buffer.from(row.id).toString("hex") }
}
