// The disappearing-message requests behind the group settings, the DM details and the header,
// through ProfileSession on a real node: a group's super admin turns them on, the member sees the
// setting in the summary pushed to them and the two transcripts, messages then carry their expiry,
// the member may not change it under the Default preset, and in a DM either side may.
import { beforeAll, describe, expect, it } from "vitest"
import { DISAPPEARING_DURATIONS } from "../../../../src/shared/dto/disappearing"
import { createGroupWith, type ReadyProfile, useSessionNode } from "./support/sessionNode"

const nowNs = () => BigInt(Date.now()) * 1_000_000n

function disappearChanges(payload: { content: { type: string } }): string[] {
  const content = payload.content as { type: string; groupUpdated?: { metadataFieldChanges: { fieldName: string; newValue?: string }[] } }
  return content.type === "groupUpdated" ? (content.groupUpdated?.metadataFieldChanges ?? []).filter((change) => change.fieldName.startsWith("message_disappear")).map((change) => `${change.fieldName}=${change.newValue ?? ""}`) : []
}

describe("conversations:getDisappearing and conversations:setDisappearing through the validated registry", () => {
  const world = useSessionNode("parley-disappearing-")
  let alice: ReadyProfile
  let bob: ReadyProfile
  let groupId: string

  beforeAll(async () => {
    ;[alice, bob] = await world.openReady("alice", "bob")
    groupId = await createGroupWith(alice, bob, "Ephemeral")
  })

  it("DISAP-06: turns them on in a group; the member's summary and transcripts say so, and messages then carry their expiry", async () => {
    expect(await alice.call("conversations:getDisappearing", groupId)).toBeNull()
    expect((await alice.call("conversations:get", groupId)).disappearing).toBeNull()

    const before = nowNs()
    const summary = await alice.call("conversations:setDisappearing", groupId, "oneDay")
    const after = nowNs()
    expect(summary.disappearing?.inNs).toBe(DISAPPEARING_DURATIONS.oneDay.toString())
    const fromNs = BigInt(summary.disappearing?.fromNs ?? "0")
    expect(fromNs >= before && fromNs <= after).toBe(true)
    expect(await alice.call("conversations:getDisappearing", groupId)).toEqual(summary.disappearing)

    // Two commits, from_ns then in_ns, each with its transcript; the summary pushed after the second carries the setting.
    const pushed = await bob.next("conversations:upserted", (candidate) => candidate.id === groupId && candidate.disappearing !== null, "Bob's summary with the setting")
    expect(pushed.disappearing).toEqual(summary.disappearing)
    await bob.next("messages:upserted", (message) => disappearChanges(message).includes(`message_disappear_in_ns=${DISAPPEARING_DURATIONS.oneDay}`), "Bob's in_ns transcript")
    expect(bob.events.filter((event) => event.name === "messages:upserted").flatMap((event) => disappearChanges(event.payload as never))).toEqual([
      `message_disappear_from_ns=${fromNs}`,
      `message_disappear_in_ns=${DISAPPEARING_DURATIONS.oneDay}`,
    ])
    expect(await bob.call("conversations:getDisappearing", groupId)).toEqual(summary.disappearing)

    const sendStart = nowNs()
    const sent = await alice.call("messages:sendText", groupId, "This goes away tomorrow")
    const own = BigInt(sent.expiresAtNs ?? "0")
    expect(own >= sendStart + DISAPPEARING_DURATIONS.oneDay && own <= nowNs() + DISAPPEARING_DURATIONS.oneDay).toBe(true)
    const received = await bob.next("messages:upserted", (message) => message.id === sent.id, "Bob receiving the disappearing message")
    const theirs = BigInt(received.expiresAtNs ?? "0")
    expect(theirs >= sendStart + DISAPPEARING_DURATIONS.oneDay && theirs <= nowNs() + DISAPPEARING_DURATIONS.oneDay).toBe(true)
    // Transcripts never expire.
    const listed = await bob.call("messages:list", groupId, { limit: 20 })
    expect(listed.filter((message) => message.content.type === "groupUpdated").every((message) => message.expiresAtNs === null)).toBe(true)
  })

  it("DISAP-09: refuses a member under the Default preset, lets either side of a DM change them, and turns them off", async () => {
    await expect(bob.call("conversations:setDisappearing", groupId, "oneHour")).rejects.toMatchObject({ name: "GroupError", code: "PermissionDenied" })
    await expect(alice.call("conversations:setDisappearing", groupId, "fiveMinutes" as never)).rejects.toMatchObject({ name: "IpcValidationError", code: "InvalidArguments" })

    const off = await alice.call("conversations:setDisappearing", groupId, "off")
    expect(off.disappearing).toBeNull()
    expect(await alice.call("conversations:getDisappearing", groupId)).toBeNull()
    await bob.next("messages:upserted", (message) => disappearChanges(message).includes("message_disappear_in_ns=0"), "Bob's removal transcript")
    expect(await bob.call("conversations:getDisappearing", groupId)).toBeNull()

    // Bob starts the DM; Alice, who did not create it, turns disappearing on, and Bob turns it off.
    const dm = await bob.call("conversations:createDm", { kind: "inboxId", inboxId: alice.account.inboxId })
    await bob.call("messages:sendText", dm.id, "Hi Alice")
    await alice.next("conversations:upserted", (summary) => summary.id === dm.id, "Alice's DM from Bob")
    const weekly = await alice.call("conversations:setDisappearing", dm.id, "oneWeek")
    expect(weekly.disappearing?.inNs).toBe(DISAPPEARING_DURATIONS.oneWeek.toString())
    const seen = await bob.next("conversations:upserted", (summary) => summary.id === dm.id && summary.disappearing !== null, "Bob's DM summary with the setting")
    expect(seen.disappearing).toEqual(weekly.disappearing)

    expect((await bob.call("conversations:setDisappearing", dm.id, "off")).disappearing).toBeNull()
    await alice.next("messages:upserted", (message) => message.conversationId === dm.id && disappearChanges(message).includes("message_disappear_in_ns=0"), "Alice's DM removal transcript")
    expect(await alice.call("conversations:getDisappearing", dm.id)).toBeNull()
  })
})
