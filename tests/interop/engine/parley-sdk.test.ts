// Parley's engine and the official SDK (@xmtp/node-sdk 6.0.0, libxmtp 1.10) in one group and one DM,
// through Parley's node. The scenario is written once against the Peer adapter and run twice: Parley
// creates and the SDK joins, then the other way round. In each run both sides add and remove a third
// member; across the two runs every pairing of committer and added member (Parley adds SDK, SDK adds
// Parley, SDK adds SDK, Parley adds Parley) occurs once. Every check compares content: exact texts
// with their senders, member lists, and the group_updated transcripts each side derives from the
// other's commits.
//
// Timing rule (as in tests/interop/node/sdk-scenario.test.ts): a member writes only once it has
// synced past the last membership change, or its text is encrypted in an epoch the new member cannot
// read (or that the removed member still can).
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { pollUntil } from "../support/deadline"
import { InteropHarness } from "../support/interopHarness"
import type { TestNode } from "../support/testNode"
import {
  MEMBERS_MAY_REMOVE,
  membershipChange,
  refusalOf,
  Roster,
  type ClientKind,
  type HistoryEntry,
  type Peer,
  type PeerConversation,
} from "./support/interopPeer"
import { ParleyPeer } from "./support/parleyPeer"
import { SdkPeer } from "./support/sdkPeer"

interface Casting {
  creator: ClientKind
  joiner: ClientKind
  /** The kind of the third member the creator adds and removes. */
  creatorsThird: ClientKind
  /** The kind of the third member the joiner adds and removes. */
  joinersThird: ClientKind
}

const CASTINGS: Casting[] = [
  { creator: "parley", joiner: "sdk", creatorsThird: "sdk", joinersThird: "parley" },
  { creator: "sdk", joiner: "parley", creatorsThird: "sdk", joinersThird: "parley" },
]

describe.each(CASTINGS)("Parley and the official SDK: $creator creates, $joiner joins; they add a $creatorsThird and a $joinersThird member", (casting) => {
  let h: InteropHarness
  let node: TestNode
  const roster = new Roster()
  // A creates the group, B joins it; carol is A's third member, dave is B's.
  let a: Peer
  let b: Peer
  let carol: Peer
  let dave: Peer
  const groups = new Map<Peer, PeerConversation>()
  /** The group as the creator and the joiner expect to see it, oldest first. */
  const history: HistoryEntry[] = []
  /** What each third member saw while it was in the group. */
  const thirdsHistory = new Map<Peer, HistoryEntry[]>()

  const group = (who: Peer): PeerConversation => {
    const found = groups.get(who)
    if (!found) throw new Error(`${who.label} has not joined the group`)
    return found
  }

  const createPeer = async (kind: ClientKind, label: string): Promise<Peer> =>
    kind === "parley" ? h.own(await ParleyPeer.create(node.address, h.dir, label, roster)) : SdkPeer.create(h, node, label, roster)

  /** Waits until `who` has joined conversation `id` from its welcome. */
  const joined = (who: Peer, id: string): Promise<PeerConversation> =>
    pollUntil(`${who.label} (${who.kind}) to join ${id} from its welcome`, async () => {
      await who.syncWelcomes()
      return who.conversationById(id)
    })

  /**
   * Syncs until `who`'s texts are exactly `expected` (`sender: text`, oldest first); fails with
   * what it last saw when they never are.
   */
  const expectTexts = async (who: Peer, conversation: PeerConversation, expected: string[]): Promise<void> => {
    let last: string[] = []
    await pollUntil(
      `${who.label} (${who.kind}) to see exactly ${JSON.stringify(expected)}`,
      async () => {
        await conversation.sync()
        last = await conversation.texts()
        return JSON.stringify(last) === JSON.stringify(expected)
      },
      { describe: () => JSON.stringify(last) },
    )
  }

  /** Syncs until `who` sees exactly the members labelled `expected`; fails with what it last saw. */
  const expectMembers = async (who: Peer, conversation: PeerConversation, expected: string[]): Promise<void> => {
    let last: string[] = []
    await pollUntil(
      `${who.label} (${who.kind}) to see members ${expected.join(", ")}`,
      async () => {
        await conversation.sync()
        last = await conversation.members()
        return JSON.stringify(last) === JSON.stringify([...expected].sort())
      },
      { describe: () => JSON.stringify(last) },
    )
  }

  const texts = () => history.filter((e): e is string => typeof e === "string")

  const send = async (who: Peer, conversation: PeerConversation, text: string) => {
    await conversation.sendText(text)
    history.push(`${who.label}: ${text}`)
  }

  /**
   * `adder` adds `third`, who joins, reads and writes; then removes it, and `third` sees the group
   * inactive and nothing sent after. `other` follows along as a plain member.
   */
  const addThenRemove = async (adder: Peer, other: Peer, third: Peer) => {
    const adderGroup = group(adder)
    const otherGroup = group(other)
    await adderGroup.sync()
    await adderGroup.addMembers([third.inboxId])
    history.push(membershipChange(adder.label, { added: [third.label] }))
    const thirdGroup = await joined(third, adderGroup.id)
    groups.set(third, thirdGroup)
    const everyone = [a, b, third].map((p) => p.label)
    expect(await thirdGroup.members()).toEqual([...everyone].sort())
    await expectMembers(other, otherGroup, everyone)

    const joinedAt = history.length
    await send(adder, adderGroup, `welcome, ${third.label} (a ${third.kind} client), from ${adder.label}`)
    await send(third, thirdGroup, `${third.label} here — thanks ✓`)
    const seenWhileIn = [
      `${adder.label}: welcome, ${third.label} (a ${third.kind} client), from ${adder.label}`,
      `${third.label}: ${third.label} here — thanks ✓`,
    ]
    expect(texts().slice(-2)).toEqual(seenWhileIn)
    await expectTexts(third, thirdGroup, seenWhileIn)
    await expectTexts(other, otherGroup, texts())

    await adderGroup.sync()
    await adderGroup.removeMembers([third.inboxId])
    history.push(membershipChange(adder.label, { removed: [third.label] }))
    thirdsHistory.set(third, history.slice(joinedAt - 1))
    await pollUntil(
      `${third.label} (${third.kind}) to see the group inactive`,
      async () => {
        if (thirdGroup.isActive) await thirdGroup.sync()
        return !thirdGroup.isActive
      },
      { describe: (last) => `isActive ${thirdGroup.isActive}; last probe: ${String(last)}` },
    )
    await expectMembers(other, otherGroup, [a.label, b.label])
    await send(adder, adderGroup, `${third.label} has left; ${adder.label} writing`)
    await expectTexts(other, otherGroup, texts())
    // Removed: the group stays inactive, its sync is refused, and nothing sent after reaches it.
    expect(await refusalOf(third, thirdGroup.sync())).toBe("inactive")
    expect(thirdGroup.isActive).toBe(false)
    expect(await thirdGroup.texts()).toEqual(seenWhileIn)
  }

  beforeAll(async () => {
    h = await InteropHarness.create(`engine-${casting.creator}-creates`)
    node = await h.startNode()
    ;[a, b, carol, dave] = await Promise.all([
      createPeer(casting.creator, "alice"),
      createPeer(casting.joiner, "bob"),
      createPeer(casting.creatorsThird, "carol"),
      createPeer(casting.joinersThird, "dave"),
    ])
  })

  afterAll(async () => {
    await h?.close()
  })

  it("A creates a group with B, and B joins it from A's welcome with the same members", async () => {
    // Any member may remove, so B can remove the member it adds (libxmtp's default is admins only).
    const created = await a.createGroup([b.inboxId], MEMBERS_MAY_REMOVE)
    groups.set(a, created)
    history.push(membershipChange(a.label, { added: [b.label] }))
    const seen = await joined(b, created.id)
    groups.set(b, seen)
    expect(seen.id).toBe(created.id)
    expect(await created.members()).toEqual([a.label, b.label].sort())
    expect(await seen.members()).toEqual([a.label, b.label].sort())
  })

  it("carries text both ways: each receives the other's exact text from the right sender", async () => {
    await send(a, group(a), `hello bob, from alice (${a.kind}) — héllo 👋`)
    await expectTexts(b, group(b), [`alice: hello bob, from alice (${a.kind}) — héllo 👋`])
    await send(b, group(b), `hi alice, bob (${b.kind}) here\nwith a second line`)
    const expected = [`alice: hello bob, from alice (${a.kind}) — héllo 👋`, `bob: hi alice, bob (${b.kind}) here\nwith a second line`]
    await expectTexts(a, group(a), expected)
    await expectTexts(b, group(b), expected)
  })

  it("A adds a third member, who joins and talks, then removes it; the removed one sees the group inactive", async () => {
    await addThenRemove(a, b, carol)
  })

  it("B adds a third member, who joins and talks, then removes it; the removed one sees the group inactive", async () => {
    await addThenRemove(b, a, dave)
  })

  it("both A and B hold the same history, with each other's commits as group_updated transcripts", async () => {
    for (const who of [a, b]) await group(who).sync()
    const expected: HistoryEntry[] = [
      membershipChange("alice", { added: ["bob"] }),
      `alice: hello bob, from alice (${a.kind}) — héllo 👋`,
      `bob: hi alice, bob (${b.kind}) here\nwith a second line`,
      membershipChange("alice", { added: ["carol"] }),
      `alice: welcome, carol (a ${carol.kind} client), from alice`,
      "carol: carol here — thanks ✓",
      membershipChange("alice", { removed: ["carol"] }),
      "alice: carol has left; alice writing",
      membershipChange("bob", { added: ["dave"] }),
      `bob: welcome, dave (a ${dave.kind} client), from bob`,
      "dave: dave here — thanks ✓",
      membershipChange("bob", { removed: ["dave"] }),
      "bob: dave has left; bob writing",
    ]
    expect(history).toEqual(expected)
    expect(await group(a).history()).toEqual(expected)
    expect(await group(b).history()).toEqual(expected)
  })

  it("each removed member keeps exactly what it saw: its welcome, the texts while it was in, and its removal", async () => {
    for (const third of [carol, dave]) {
      const seen = thirdsHistory.get(third)
      expect(seen).toBeDefined()
      expect(await group(third).history()).toEqual(seen)
    }
    expect(thirdsHistory.get(carol)).toEqual([
      membershipChange("alice", { added: ["carol"] }),
      `alice: welcome, carol (a ${carol.kind} client), from alice`,
      "carol: carol here — thanks ✓",
      membershipChange("alice", { removed: ["carol"] }),
    ])
  })

  it("refuses, on every client, a removal by a member who is not an admin under the default policy", async () => {
    // libxmtp's default policy set lets only admins remove. Both clients publish such a commit and
    // reject it when they read it back; every member rejects it too, and the group carries on.
    const created = await a.createGroup([b.inboxId, carol.inboxId, dave.inboxId])
    const everyone = [a, b, carol, dave]
    const seen = new Map<Peer, PeerConversation>([[a, created]])
    for (const who of [b, carol, dave]) seen.set(who, await joined(who, created.id))
    const view = (who: Peer) => seen.get(who)!
    const labels = everyone.map((p) => p.label).sort()

    const refusal = await refusalOf(b, view(b).removeMembers([dave.inboxId]))
    // Parley names the rule; libxmtp only returns the summary of the sync that rejected it.
    expect(refusal).toBe(b.kind === "parley" ? "permission" : "sync-failed")
    for (const who of everyone) await expectMembers(who, view(who), labels)
    const text = `dave (${dave.kind}) is still here`
    await view(dave).sendText(text)
    for (const who of everyone) await expectTexts(who, view(who), [`dave: ${text}`])
    // No removal anywhere: the creator's transcript of its add, each joiner's "added you", the text.
    expect(await view(a).history()).toEqual([membershipChange("alice", { added: ["bob", "carol", "dave"] }), `dave: ${text}`])
    for (const who of [b, carol, dave]) {
      expect(await view(who).history()).toEqual([membershipChange("alice", { added: [who.label] }), `dave: ${text}`])
    }
  })

  it("opens a DM from both sides at once: each side lists one DM holding both texts", async () => {
    // Neither has synced the other's welcome, so each creates a DM group of its own (libxmtp's
    // find_or_create_dm looks only at the local database); stitching by dm id joins them.
    const fromA = await a.createDm(b.inboxId)
    await fromA.sendText("alice opens a DM")
    const fromB = await b.createDm(a.inboxId)
    expect(fromB.id).not.toBe(fromA.id)
    await fromB.sendText("bob opens one too")
    const both = ["alice: alice opens a DM", "bob: bob opens one too"]
    for (const [who, other] of [[a, b], [b, a]] as const) {
      const listed = await pollUntil(`${who.label} (${who.kind}) to list one DM holding both texts`, async () => {
        await who.syncAll()
        const dms = await who.listDms()
        return dms.length === 1 && JSON.stringify(await dms[0]!.texts()) === JSON.stringify(both) && dms[0]!
      })
      // Both list the DM group that holds the newest message (bob's): libxmtp lists the stitched
      // DM with the greatest last_message_ns (db/group.rs find_groups).
      expect(listed.id).toBe(fromB.id)
      expect(who.dmWith(other.inboxId)?.id).toBe(fromB.id)
      // Looking up either group id answers with that same DM (node binding: stitched_group).
      for (const id of [fromA.id, fromB.id]) expect((await who.conversationById(id))?.id).toBe(fromB.id)
      expect(await listed.members()).toEqual([a.label, b.label].sort())
      // Each side reads the same stitched history: both DM groups' creation transcripts and both texts.
      expect(await listed.history()).toEqual([
        membershipChange("alice", { added: ["bob"] }),
        "alice: alice opens a DM",
        membershipChange("bob", { added: ["alice"] }),
        "bob: bob opens one too",
      ])
    }

    // Writing through the DM each side now picks keeps both in the one conversation.
    await a.dmWith(b.inboxId)!.sendText("alice again, in the DM she now sees")
    const all = [...both, "alice: alice again, in the DM she now sees"]
    for (const who of [a, b]) {
      await pollUntil(`${who.label} (${who.kind}) to see the third DM text`, async () => {
        await who.syncAll()
        const dms = await who.listDms()
        return dms.length === 1 && JSON.stringify(await dms[0]!.texts()) === JSON.stringify(all)
      })
    }
  })

  it("opens a DM one after the other: the peer finds the same conversation id and both read both texts", async () => {
    const fromCarol = await carol.createDm(dave.inboxId)
    await fromCarol.sendText("carol to dave, privately")
    const atDave = await joined(dave, fromCarol.id)
    expect(dave.dmWith(carol.inboxId)?.id).toBe(fromCarol.id)
    expect((await dave.createDm(carol.inboxId)).id).toBe(fromCarol.id)
    await atDave.sendText("dave to carol, likewise")
    const both = ["carol: carol to dave, privately", "dave: dave to carol, likewise"]
    await expectTexts(carol, fromCarol, both)
    await expectTexts(dave, atDave, both)
    for (const who of [carol, dave]) expect((await who.listDms()).map((dm) => dm.id)).toEqual([fromCarol.id])
  })
})
