// Invite links through real Parley clients on a real node: a member who may add people creates a
// link; the person who opens it asks in a DM; the inviter's client checks the invite and adds them
// (or waits for approval) and answers. Links grant nothing the inviter's own add would not.
import { describe, expect, it } from "vitest"
import { ConsentState, PermissionPolicy, PermissionUpdateType, type Client, type Group } from "../../../src/engine/index"
import { encodedContentOf } from "../../../src/engine/content/codec"
import { InviteError } from "../../../src/engine/invites/inviteErrors"
import { JOIN_REQUEST_CONTENT_TYPE, joinRequestCodec } from "../../../src/engine/invites/joinContent"
import { useEngineClients } from "../engine/support/engineHarness"
import { expectRejection, until } from "../engine/support/expectations"
import { conversationOf, syncEveryone } from "../groups/support/groupScenario"

describe("invite links", () => {
  let alice: Client
  let bob: Client
  let carol: Client

  useEngineClients("invites", ["alice", "bob", "carol"], (s) => ({ clients: { alice, bob, carol } } = s))

  /** The inviter receives what was sent to it and finishes deciding. */
  async function inviterHandles(inviter: Client): Promise<void> {
    await inviter.conversations.syncAll()
    await inviter.invites.resume()
  }

  async function requesterHears(requester: Client): Promise<void> {
    await requester.conversations.syncAll()
  }

  async function memberIds(group: Group): Promise<string[]> {
    return (await group.members()).map((member) => member.inboxId).sort()
  }

  const rejects = (promise: Promise<unknown>, code: InviteError["code"]) => expectRejection(promise, InviteError, code)

  it("opening a link asks the inviter in a DM; the inviter's client adds the requester and answers", async () => {
    const group = await alice.conversations.createGroup([bob.inboxId])
    const invite = await alice.invites.create(group.id)
    expect(alice.invites.list(group.id).map((listed) => listed.inviteId)).toEqual([invite.inviteId])

    const result = await carol.invites.requestToJoin(invite.token, "Hi, Bob sent me")
    expect(result.status).toBe("requested")
    if (result.status !== "requested") return
    const dm = await carol.conversations.getConversationById(result.dmConversationId)
    const sent = (await dm!.messages()).find((message) => message.id === result.requestId)
    expect(sent?.fallback).toBe("Asked to join a group through an invite link.")

    await inviterHandles(alice)
    expect(await memberIds(group)).toEqual([alice.inboxId, bob.inboxId, carol.inboxId].sort())
    const [request] = alice.invites.joinRequests(group.id)
    expect(request).toMatchObject({ requestId: result.requestId, requesterInboxId: carol.inboxId, state: "added", note: "Hi, Bob sent me", conversationId: group.id })

    await requesterHears(carol)
    const joined = await conversationOf(carol, group.id)
    expect(joined.isActive).toBe(true)
    // A group one asked to join is not a message request: the inviter's answer makes it Allowed.
    await until("Carol's consent to the joined group", () => joined.consentState() === ConsentState.Allowed)
    expect(carol.invites.outgoingRequests()[0]).toMatchObject({ requestId: result.requestId, conversationId: group.id, outcome: "added" })

    // Opening the link again once in: nothing is sent, the group opens.
    expect(await carol.invites.requestToJoin(invite.token)).toEqual({ status: "member", conversationId: group.id })
  })

  it("a link that asks for approval waits: declined requests are answered and change nothing, approved ones add", async () => {
    const group = await alice.conversations.createGroup([])
    const invite = await alice.invites.create(group.id, { requireApproval: true })

    const first = await bob.invites.requestToJoin(invite.token)
    await inviterHandles(alice)
    expect(alice.invites.joinRequests().map((request) => request.requesterInboxId)).toEqual([bob.inboxId])
    expect(await memberIds(group)).toEqual([alice.inboxId])
    if (first.status !== "requested") throw new Error("expected a request")
    await alice.invites.decline(first.requestId)
    await rejects(alice.invites.approve(first.requestId), "RequestNotFound")
    await requesterHears(bob)
    expect(bob.invites.outgoingRequests().find((request) => request.requestId === first.requestId)?.outcome).toBe("declined")
    expect(await memberIds(group)).toEqual([alice.inboxId])

    const second = await bob.invites.requestToJoin(invite.token)
    await inviterHandles(alice)
    if (second.status !== "requested") throw new Error("expected a request")
    await alice.invites.approve(second.requestId)
    expect(await memberIds(group)).toEqual([alice.inboxId, bob.inboxId].sort())
    await requesterHears(bob)
    expect((await conversationOf(bob, group.id)).isActive).toBe(true)
  })

  it("revoked and expired links are refused with the reason; the requester reads it and is not added", async () => {
    const group = await alice.conversations.createGroup([])
    const revoked = await alice.invites.create(group.id)
    const expiring = await alice.invites.create(group.id, { expiresAtNs: BigInt(Date.now() + 300) * 1_000_000n })
    alice.invites.revoke(revoked.inviteId)
    expect(() => alice.invites.revoke(revoked.inviteId)).toThrow(InviteError)
    expect(alice.invites.list(group.id).map((listed) => listed.inviteId)).toEqual([expiring.inviteId])

    const viaRevoked = await carol.invites.requestToJoin(revoked.token)
    await new Promise((resolve) => setTimeout(resolve, 400))
    const viaExpired = await carol.invites.requestToJoin(expiring.token)
    await inviterHandles(alice)
    await requesterHears(carol)
    const outcomes = new Map(carol.invites.outgoingRequests().map((request) => [request.requestId, request]))
    if (viaRevoked.status !== "requested" || viaExpired.status !== "requested") throw new Error("expected requests")
    expect(outcomes.get(viaRevoked.requestId)).toMatchObject({ outcome: "invalid", reason: "That invite link was revoked." })
    expect(outcomes.get(viaExpired.requestId)).toMatchObject({ outcome: "invalid", reason: "That invite link has expired." })
    expect(await memberIds(group)).toEqual([alice.inboxId])
  })

  it("only members the add-member policy allows can create links, and a link stops working when its creator loses that right", async () => {
    const group = await alice.conversations.createGroup([bob.inboxId])
    await syncEveryone([bob], group.id)
    const bobsGroup = await conversationOf(bob, group.id)
    const bobsInvite = await bob.invites.create(group.id)

    await group.updatePermission(PermissionUpdateType.AddMember, PermissionPolicy.Admin)
    await bobsGroup.sync()
    await rejects(bob.invites.create(group.id), "NotPermitted")

    const request = await carol.invites.requestToJoin(bobsInvite.token)
    await inviterHandles(bob)
    await requesterHears(carol)
    if (request.status !== "requested") throw new Error("expected a request")
    expect(carol.invites.outgoingRequests().find((outgoing) => outgoing.requestId === request.requestId)).toMatchObject({
      outcome: "invalid",
      reason: "The person who invited you can no longer add members to that group.",
    })
    await group.sync()
    expect(await memberIds(group)).toEqual([alice.inboxId, bob.inboxId].sort())
  })

  it("refuses links for DMs, one's own links, and malformed tokens with typed errors", async () => {
    const dm = await alice.conversations.createDm(bob.inboxId)
    await rejects(alice.invites.create(dm.id), "NotAGroup")
    const group = await alice.conversations.createGroup([])
    const own = await alice.invites.create(group.id)
    await rejects(alice.invites.requestToJoin(own.token), "OwnInvite")
    await rejects(carol.invites.requestToJoin("garbage"), "MalformedToken")
    await rejects(alice.invites.create(group.id, { expiresAtNs: 1n }), "InvalidOptions")
  })

  it("a malformed join request from a peer stays an ordinary message and changes nothing", async () => {
    const group = await alice.conversations.createGroup([])
    await alice.invites.create(group.id)
    const dm = await carol.conversations.createDm(alice.inboxId)
    const broken = encodedContentOf(joinRequestCodec, { token: "x" }, new TextEncoder().encode("{not json"))
    expect(broken.type).toEqual(JOIN_REQUEST_CONTENT_TYPE)
    const id = await dm.send(broken, { shouldPush: true })
    const forged = await dm.send(joinRequestCodec.encode({ token: "A".repeat(87) }), { shouldPush: true })
    await inviterHandles(alice)
    const aliceDm = await alice.conversations.getConversationById(dm.id)
    const ids = (await aliceDm!.messages()).map((message) => message.id)
    expect(ids).toContain(id)
    expect(ids).toContain(forged)
    const decided = alice.invites.joinRequests(group.id)
    expect(decided).toEqual([])
    expect(await memberIds(group)).toEqual([alice.inboxId])
  })
})
