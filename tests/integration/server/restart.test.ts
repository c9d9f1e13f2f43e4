// A node restarted on the same database serves everything it stored before, and continues its
// sequences: new ids are above every old one, never reused.
import { describe, expect, it } from "vitest"
import { createHash } from "node:crypto"
import { api, ids } from "./support/api"
import { BACKENDS, suiteDatabase } from "./support/databases"
import { privateMessage, randomId, startTestNode, testKeyPackage } from "./support/fixtures"

describe.each(BACKENDS)("restart on the same %s database", (backend) => {
  const db = suiteDatabase(backend)

  it("keeps messages, welcomes, key packages, identity logs and commit logs, and continues the ids", async () => {
    const groupId = randomId()
    const installation = randomId()
    const inboxId = createHash("sha256").update(randomId()).digest("hex")
    const address = `0x${Buffer.from(randomId(20)).toString("hex")}`

    const first = await startTestNode(db.database)
    const before = api(first.client)
    await before.sendGroupData(privateMessage(groupId), privateMessage(groupId, { contentType: "commit" }))
    await before.sendWelcomeMessages([{ v1: { installationKey: installation, data: randomId(), hpkePublicKey: randomId() } }])
    await before.uploadKeyPackage(testKeyPackage(installation, 7))
    await before.publishIdentityUpdate({ inboxId, actions: [{ createInbox: { initialIdentifier: address, nonce: 1 } }] })
    await before.publishCommitLog([{ groupId, serializedCommitLogEntry: Uint8Array.from([1]), signature: { bytes: randomId(64) } }])
    const oldMessages = (await before.queryGroupMessages(groupId, { direction: 1 })).messages
    const oldWelcomeIds = ids((await before.queryWelcomeMessages(installation)).messages)
    const oldSequenceIds = (await before.getIdentityUpdates([{ inboxId }])).responses[0]?.updates.map((u) => u.sequenceId.toNumber())
    const oldCommitIds = (await before.queryCommitLog([{ groupId }])).responses[0]?.commitLogEntries.map((e) => e.sequenceId.toNumber())
    await first.stop()

    const second = await startTestNode(db.database)
    const after = api(second.client)
    try {
      const messages = (await after.queryGroupMessages(groupId, { direction: 1 })).messages
      expect(messages.map((m) => ({ id: m.v1?.id.toNumber(), isCommit: m.v1?.isCommit, created: m.v1?.createdNs.toString() }))).toEqual(
        oldMessages.map((m) => ({ id: m.v1?.id.toNumber(), isCommit: m.v1?.isCommit, created: m.v1?.createdNs.toString() })),
      )
      expect(ids((await after.queryWelcomeMessages(installation)).messages)).toEqual(oldWelcomeIds)
      expect(Buffer.from((await after.fetchKeyPackages([installation])).keyPackages[0]?.keyPackageTlsSerialized ?? []).toString()).toBe(
        Buffer.from(testKeyPackage(installation, 7)).toString(),
      )
      expect((await after.getInboxIds([address])).responses[0]?.inboxId).toBe(inboxId)

      await after.sendGroupData(privateMessage(groupId))
      await after.sendWelcomeMessages([{ v1: { installationKey: installation, data: randomId(), hpkePublicKey: randomId() } }])
      await after.publishIdentityUpdate({ inboxId, actions: [{ add: { newMemberIdentifier: { installationPublicKey: randomId() } } }] })
      await after.publishCommitLog([{ groupId, serializedCommitLogEntry: Uint8Array.from([2]), signature: { bytes: randomId(64) } }])

      const newMessageIds = ids((await after.queryGroupMessages(groupId, { direction: 1 })).messages)
      expect(newMessageIds.slice(0, 2)).toEqual(ids(oldMessages))
      expect(newMessageIds[2]).toBeGreaterThan(Math.max(...ids(oldMessages)))
      const newWelcomeIds = ids((await after.queryWelcomeMessages(installation, { direction: 1 })).messages)
      expect(newWelcomeIds[1]).toBeGreaterThan(Math.max(...oldWelcomeIds))
      const sequenceIds = (await after.getIdentityUpdates([{ inboxId }])).responses[0]?.updates.map((u) => u.sequenceId.toNumber())
      expect(sequenceIds?.slice(0, 1)).toEqual(oldSequenceIds)
      expect(sequenceIds?.[1]).toBeGreaterThan(oldSequenceIds?.[0] ?? Infinity)
      const commitIds = (await after.queryCommitLog([{ groupId }])).responses[0]?.commitLogEntries.map((e) => e.sequenceId.toNumber())
      expect(commitIds?.[1]).toBeGreaterThan(oldCommitIds?.[0] ?? Infinity)
    } finally {
      await second.stop()
    }
  })
})
