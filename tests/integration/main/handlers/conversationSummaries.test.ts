// conversations:list and conversations:get answer from the engine's conversation overviews (one
// light pass, no MLS state or message history decoded). On a real profile with groups and DMs of
// every kind (named, described, admin roles, removed, denied, disappearing, empty; replies,
// reactions, deletions, read markers, more unread messages than the badge scans), each answer must
// equal the summary built the old way through each conversation's own accessors.
import { join } from "node:path"
import { beforeAll, describe, expect, it } from "vitest"
import { ConsentState } from "../../../../src/engine/index"
import { ReadMarkers } from "../../../../src/main/handlers/readMarkers"
import type { ConversationListQuery } from "../../../../src/shared/dto/conversation"
import { type ReadyProfile, useSessionNode } from "./support/sessionNode"
import type { SessionProfile } from "./support/sessionProfiles"
import { slowList, slowSummary } from "./support/summaryOracle"

async function sendTexts(profile: SessionProfile, conversationId: string, count: number, label: string): Promise<void> {
  for (let i = 0; i < count; i++) await profile.call("messages:sendText", conversationId, `${label} ${i}`)
}

describe("conversation summaries from overviews", () => {
  const world = useSessionNode("parley-summaries-")
  let alice: ReadyProfile
  let bob: ReadyProfile
  let carol: ReadyProfile
  let ids: string[]

  beforeAll(async () => {
    ;[alice, bob, carol] = await world.openReady("alice", "bob", "carol")
    const bobInbox = bob.account.inboxId
    const carolInbox = carol.account.inboxId

    // Alpha: Alice's, disappearing, with a reply, a reaction and a deletion from Bob.
    const alpha = (await alice.call("conversations:createGroup", { memberInboxIds: [bobInbox, carolInbox], name: "Alpha", description: "First" })).id
    await alice.call("conversations:setDisappearing", alpha, "oneDay")
    const mine = await alice.call("messages:sendText", alpha, "Alice's question")
    await bob.next("messages:upserted", (message) => message.id === mine.id, "Bob receiving Alice's question")
    const doomed = await bob.call("messages:sendText", alpha, "Bob's first, deleted later")
    await sendTexts(bob, alpha, 2, "Bob in Alpha")
    await bob.call("messages:sendReply", alpha, mine.id, "Bob's reply")
    await bob.call("messages:react", alpha, mine.id, { content: "👍", action: "added" })
    await bob.call("messages:delete", alpha, doomed.id)
    await carol.next("conversations:upserted", (summary) => summary.id === alpha, "Carol joining Alpha")
    await carol.call("messages:sendText", alpha, "Carol in Alpha")

    // Beta: Bob's, Alice an admin, more unread messages than the badge scans after a read marker.
    const beta = (await bob.call("conversations:createGroup", { memberInboxIds: [alice.account.inboxId], name: "Beta", description: "Second", imageUrl: "https://example.com/b.png" })).id
    await bob.call("members:setRole", beta, alice.account.inboxId, "admin")
    await sendTexts(bob, beta, 20, "Bob before the marker")
    await alice.next("messages:upserted", (message) => message.conversationId === beta && message.content.type === "text" && message.content.text === "Bob before the marker 19", "Alice reading Beta")
    await alice.call("conversations:markRead", beta)
    await sendTexts(bob, beta, 60, "Bob after the marker")
    await sendTexts(alice, beta, 15, "Alice after the marker")
    await sendTexts(bob, beta, 40, "Bob last")

    // DMs: one with messages both ways, one empty; a group Alice is alone in; one she denied and was removed from.
    const dm = (await bob.call("conversations:createDm", { kind: "inboxId", inboxId: alice.account.inboxId })).id
    await sendTexts(bob, dm, 2, "Bob in the DM")
    await alice.call("conversations:createDm", { kind: "inboxId", inboxId: carolInbox })
    await alice.call("conversations:createGroup", { memberInboxIds: [], name: "Solo" })
    const gamma = (await carol.call("conversations:createGroup", { memberInboxIds: [alice.account.inboxId], name: "Gamma" })).id
    await alice.next("conversations:upserted", (summary) => summary.id === gamma, "Alice joining Gamma")
    await alice.call("conversations:setConsent", gamma, "denied")
    await carol.call("members:remove", gamma, [alice.account.inboxId])

    const client = alice.session.engine().client
    await client.conversations.syncAll([ConsentState.Unknown, ConsentState.Allowed, ConsentState.Denied])
    await alice.next("messages:upserted", (message) => message.conversationId === dm && message.content.type === "text" && message.content.text === "Bob in the DM 1", "Alice receiving the DM")
    await alice.call("messages:sendText", dm, "Alice in the DM")
    ids = (await client.conversations.list({ consentStates: [ConsentState.Unknown, ConsentState.Allowed, ConsentState.Denied] })).map((conversation) => conversation.id)
  }, 120_000)

  const readMarkers = () => ReadMarkers.open(join(world.dir, "alice", "read-markers.json"))

  it("lists every conversation exactly as the per-conversation accessors describe it, for every filter", async () => {
    const client = alice.session.engine().client
    const all = await alice.call("conversations:list", {})
    expect(all).toHaveLength(6)
    expect(all).toEqual(await slowList(client, await readMarkers(), {}))
    // The profile covers what the fast path reads in its own way.
    const byName = Object.fromEntries(all.flatMap((summary) => (summary.kind === "group" ? [[summary.name, summary]] : [])))
    expect(byName.Beta).toMatchObject({ isAdmin: true, isSuperAdmin: false, description: "Second", imageUrl: "https://example.com/b.png", unreadCount: 85 })
    expect(byName.Alpha).toMatchObject({ memberCount: 3, disappearing: { inNs: expect.any(String) } })
    expect(byName.Gamma).toMatchObject({ isActive: false, consentState: "denied" })
    expect(byName.Solo).toMatchObject({ memberCount: 1, lastMessage: null, unreadCount: 0 })
    expect(all.filter((summary) => summary.kind === "dm").map((summary) => summary.lastMessage?.content.type ?? null).sort()).toEqual(["groupUpdated", "text"])

    const queries: ConversationListQuery[] = [
      { kind: "dm" },
      { kind: "group" },
      { consentStates: ["denied"] },
      { consentStates: ["allowed", "unknown"], limit: 3 },
      { kind: "group", consentStates: ["unknown"] },
      { limit: 1 },
    ]
    for (const query of queries) expect(await alice.call("conversations:list", query)).toEqual(await slowList(client, await readMarkers(), query))
  })

  it("answers conversations:get for each conversation as the accessors do", async () => {
    const client = alice.session.engine().client
    const markers = await readMarkers()
    for (const id of ids) {
      const conversation = await client.conversations.getConversationById(id)
      expect(await alice.call("conversations:get", id)).toEqual(await slowSummary(conversation!, alice.account.inboxId, markers))
    }
  })
})
