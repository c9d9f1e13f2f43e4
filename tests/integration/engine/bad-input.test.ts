// What a Parley client does with bad input from the network: a tampered ciphertext, a commit from
// a non-member, a member's commit that breaks the group's permissions, a welcome meant for someone
// else, a truncated key package, a replayed envelope. Each is refused with a typed error and
// changes nothing else; as in libxmtp, an envelope refused for good is skipped (the cursor moves
// past it) and the envelopes after it are still processed.
import { bytesToHex } from "@noble/hashes/utils.js"
import {
  createApplicationMessage,
  createCommit,
  createGroup,
  decode,
  defaultProposalTypes,
  encode,
  keyPackageDecoder,
  makeCustomExtension,
  mlsMessageEncoder,
  type ClientState,
} from "ts-mls"
import { beforeAll, describe, expect, it } from "vitest"
import { type ApiClient } from "../../../src/engine/api/index"
import { GroupMessageKind, type Client, type Group, type GroupError } from "../../../src/engine/index"
import { encodeGroupMembership, readXmtpGroupContext } from "../../../src/engine/groups/extensions/index"
import { leafMembers } from "../../../src/engine/groups/leafMembers"
import { xmtpMlsContext } from "../../../src/engine/groups/mlsContext"
import { createInstallationKey } from "../../../src/engine/identity/index"
import { createXmtpKeyPackage } from "../../../src/engine/mls/keyPackageCreation"
import { welcomeRecipientOf } from "../../../src/engine/mls/welcomeWrapper"
import { XMTP_EXTENSION } from "../../../src/engine/mls/xmtpExtensions"
import { content as contentProto } from "../../../src/engine/proto/index"
import { ClientDatabase } from "../../../src/engine/storage/clientDatabase"
import { defaultValidators, type NodeValidators } from "../../../src/server/validators"
import { type ClientProfile, type EngineHarness, useEngineClients } from "./support/engineHarness"
import { storedGroupState } from "./support/mlsStateOnDisk"
import { conversationOf as groupOf } from "../groups/support/groupScenario"

/** Key packages this compromised node stores without validating them, and for whom. */
const forgedKeyPackages = new Map<string, { installationKey: Uint8Array; inboxId: string }>()
const compromisedValidators: NodeValidators = {
  ...defaultValidators,
  validateKeyPackage: async (bytes) => {
    const forged = forgedKeyPackages.get(bytesToHex(bytes))
    return forged ? { ...forged, notAfterSeconds: BigInt(Math.floor(Date.now() / 1000) + 3600) } : defaultValidators.validateKeyPackage(bytes)
  },
}

const texts = async (group: Group) => (await group.messages()).filter((m) => m.kind === GroupMessageKind.Application).map((m) => m.content)

/** Expects `sync()` to succeed reporting exactly one refused envelope, with this code, and returns it. */
async function expectOneRefusal(group: Group, code: string) {
  const { failures } = await group.sync()
  expect(failures.map((f) => `${f.code}: ${f.message}`)).toEqual([expect.stringMatching(new RegExp(`^${code}: `))])
  return failures[0]!
}

describe("bad input from the network", () => {
  let h: EngineHarness
  let api: ApiClient
  let profiles: Record<"alice" | "bob" | "carol", ClientProfile>
  let alice: Client
  let bob: Client
  let carol: Client
  let groupId: string

  useEngineClients(
    "bad-input",
    ["alice", "bob", "carol"],
    (s) => {
      ({ h, profiles, clients: { alice, bob, carol } } = s)
      api = h.apiClient()
    },
    { validators: compromisedValidators },
  )
  beforeAll(async () => {
    const group = await alice.conversations.createGroup([bob.inboxId, carol.inboxId])
    groupId = group.id
    await group.sendText("first")
    for (const client of [bob, carol]) {
      await client.conversations.sync()
      await (await groupOf(client, groupId)).sync()
    }
  })

  const envelopes = () => api.mls.queryAllGroupMessages(Buffer.from(groupId, "hex"))
  const publish = (data: Uint8Array) => api.mls.sendGroupMessages([{ data, shouldPush: false }])

  it("refuses a tampered ciphertext and still processes what follows", async () => {
    await sendAndExpectDelivered(alice, "before")
    const tampered = Uint8Array.from((await envelopes()).at(-1)!.data)
    tampered[tampered.length - 1]! ^= 0x01
    await publish(tampered)
    const tamperedId = (await envelopes()).at(-1)!.id

    await expectEachRefuses([alice, bob, carol], "Undecryptable", (failure) => expect(failure.cursor).toBe(tamperedId))
    await sendAndExpectDelivered(alice, "after")
    expect(await texts(await groupOf(bob, groupId))).toEqual(["first", "before", "after"])
    // Refused for good: the cursor moved past it, so later syncs are clean.
    expect((await (await groupOf(bob, groupId)).debugInfo()).cursor).toBeGreaterThan(tamperedId)
  })

  it("refuses a commit from an installation that is not a member", async () => {
    const { epoch } = await (await groupOf(bob, groupId)).debugInfo()
    // An outsider runs an MLS group of its own under the same id and extensions, brings it to the
    // group's epoch, and publishes a commit from there.
    const context = await xmtpMlsContext()
    const outsider = createInstallationKey()
    const leaf = await createXmtpKeyPackage({ inboxId: "d".repeat(64), installationSignatureKeyPair: outsider, offerXWingWelcomeKey: false })
    let fake: ClientState = await createGroup({
      context,
      groupId: Buffer.from(groupId, "hex"),
      keyPackage: leaf.keyPackage,
      privateKeyPackage: leaf.privateKeyPackage,
      extensions: storedGroupState(profiles.bob, groupId).groupContext.extensions,
    })
    while (fake.groupContext.epoch < epoch) fake = (await createCommit({ context, state: fake })).newState
    await publish(encode(mlsMessageEncoder, (await createCommit({ context, state: fake })).commit))

    await expectEachRefuses([alice, bob, carol], "Undecryptable")
    await sendAndExpectDelivered(bob, "still talking")
    for (const client of [alice, bob, carol]) {
      const group = await groupOf(client, groupId)
      expect((await group.members()).map((m) => m.inboxId).sort()).toEqual([alice.inboxId, bob.inboxId, carol.inboxId].sort())
    }
  })

  it("refuses a member's commit that breaks the group's permissions, before sending and on receipt", async () => {
    // Bob is neither admin nor super admin; the default policy lets only admins remove members.
    const bobGroup = await groupOf(bob, groupId)
    const countBefore = (await envelopes()).length
    await expect(bobGroup.removeMembers([carol.inboxId])).rejects.toMatchObject({ name: "GroupError", code: "PermissionDenied" })
    expect((await envelopes()).length).toBe(countBefore)

    // The same commit built by hand from Bob's keys, skipping his client's own check.
    const state = storedGroupState(profiles.bob, groupId)
    const { membership } = readXmtpGroupContext(state.groupContext.extensions)
    const members = new Map(membership.members)
    members.delete(carol.inboxId)
    const extensions = state.groupContext.extensions.map((e) =>
      e.extensionType === XMTP_EXTENSION.groupMembership
        ? makeCustomExtension({ extensionType: XMTP_EXTENSION.groupMembership, extensionData: encodeGroupMembership({ members, failedInstallations: [] }) })
        : e,
    )
    const carolLeaf = leafMembers(state.ratchetTree).find((m) => m.inboxId === carol.inboxId)!
    const forged = await createCommit({
      context: await xmtpMlsContext(),
      state,
      extraProposals: [
        { proposalType: defaultProposalTypes.remove, remove: { removed: carolLeaf.leafIndex } },
        { proposalType: defaultProposalTypes.group_context_extensions, groupContextExtensions: { extensions } },
      ],
    })
    await publish(encode(mlsMessageEncoder, forged.commit))

    await expectEachRefuses([alice, carol], "CommitValidation", (failure) => expect(failure.commitError?.code).toBe("InsufficientPermissions"))
    // Bob's own client does not take the hand-made commit for one of its own, and cannot apply it.
    await expectEachRefuses([bob], "Undecryptable")
    await sendAndExpectDelivered(alice, "carol stays")
    for (const client of [alice, carol]) {
      const group = await groupOf(client, groupId)
      expect(group.isActive).toBe(true)
      expect((await group.members()).map((m) => m.inboxId)).toContain(carol.inboxId)
    }
  })

  it("refuses welcomes meant for someone else", async () => {
    const erin = await h.open(h.profile("erin"))
    const carolKeyPackage = (await api.mls.fetchKeyPackages([carol.installationIdBytes]))[0]!
    const carolWelcomeKey = welcomeRecipientOf(decode(keyPackageDecoder, carolKeyPackage)!).hpkePublicKey
    const conversationsBefore = (await carol.conversations.list()).length
    for (const relabel of [false, true]) {
      await alice.conversations.createGroup([erin.inboxId])
      const welcome = (await api.mls.queryAllWelcomeMessages(erin.installationIdBytes)).at(-1)!
      if (welcome.kind !== "v1") throw new Error("expected a V1 welcome")
      // Forwarded to Carol as it is, or relabelled with Carol's own welcome key.
      const { id: _id, createdNs: _createdNs, ...input } = welcome
      await api.mls.sendWelcomeMessages([
        { ...input, installationKey: carol.installationIdBytes, ...(relabel ? { hpkePublicKey: carolWelcomeKey } : {}) },
      ])
      const result = await carol.conversations.syncWelcomes()
      expect(result.joined).toEqual([])
      expect(result.failures.map((f) => f.error.code)).toEqual([relabel ? "InvalidWelcome" : "NoMatchingKeyPackage"])
    }
    // Refused for good: the welcome cursor moved past them.
    expect(await carol.conversations.syncWelcomes()).toEqual({ joined: [], failures: [] })
    expect((await carol.conversations.list()).length).toBe(conversationsBefore)
    await h.closeClient(erin)
  })

  it("refuses a truncated key package, whether the node checks it or not", async () => {
    const frank = await h.open(h.profile("frank"))
    const valid = (await api.mls.fetchKeyPackages([frank.installationIdBytes]))[0]!
    const truncated = valid.slice(0, Math.floor(valid.length / 2))
    const upload = () => api.mls.uploadKeyPackage({ keyPackageTlsSerialized: truncated, isInboxIdCredential: true })
    await expect(upload()).rejects.toMatchObject({ name: "ApiError", code: "InvalidArgument" })
    // A node that skips validation serves it anyway: the client's own check refuses it.
    forgedKeyPackages.set(bytesToHex(truncated), { installationKey: frank.installationIdBytes, inboxId: frank.inboxId })
    await upload()

    const aliceGroup = await groupOf(alice, groupId)
    const { epoch } = await aliceGroup.debugInfo()
    const countBefore = (await envelopes()).length
    await expect(aliceGroup.addMembers([frank.inboxId])).rejects.toMatchObject({ name: "GroupError", code: "FailedToVerifyInstallations" })
    expect((await aliceGroup.debugInfo()).epoch).toBe(epoch)
    expect((await envelopes()).length).toBe(countBefore)
    expect((await aliceGroup.members()).map((m) => m.inboxId)).not.toContain(frank.inboxId)
    await h.closeClient(frank)
  })

  it("ignores a replayed envelope and a replayed message", async () => {
    const carolGroup = await groupOf(carol, groupId)
    const before = await carolGroup.messages()

    // The same bytes again: the node keeps one copy, and the client has nothing new.
    const last = (await envelopes()).at(-1)!
    await publish(last.data)
    expect((await envelopes()).at(-1)!.id).toBe(last.id)
    await carolGroup.sync()
    expect(await carolGroup.messages()).toEqual(before)

    // The same message (content and idempotency key) encrypted again by its sender's keys: it has
    // the same id, so it is stored once.
    const original = before.filter((m) => m.senderInboxId === alice.inboxId && m.kind === GroupMessageKind.Application).at(-1)!
    const db = ClientDatabase.open(profiles.alice.dbPath, profiles.alice.dbEncryptionKey)
    const stored = db.messages.find(Buffer.from(original.id, "hex"))!
    db.close()
    const envelope = contentProto.PlaintextEnvelope.encode({ v1: { content: stored.decryptedMessageBytes, idempotencyKey: stored.idempotencyKey } }).finish()
    const replay = await createApplicationMessage({ context: await xmtpMlsContext(), state: storedGroupState(profiles.alice, groupId), message: envelope })
    await publish(encode(mlsMessageEncoder, replay.message))
    await carolGroup.sync()
    expect((await carolGroup.messages()).map((m) => m.id)).toEqual(before.map((m) => m.id))
  })

  /** Each client's next sync refuses exactly one envelope, with this code, and keeps its epoch and messages. */
  async function expectEachRefuses(clients: Client[], code: string, check?: (failure: GroupError["failures"][number]) => void): Promise<void> {
    for (const client of clients) {
      const group = await groupOf(client, groupId)
      const { epoch } = await group.debugInfo()
      const before = await group.messages()
      const failure = await expectOneRefusal(group, code)
      check?.(failure)
      expect((await group.debugInfo()).epoch).toBe(epoch)
      expect(await group.messages()).toEqual(before)
    }
  }

  /** `sender` sends; the other two sync cleanly and read it. */
  async function sendAndExpectDelivered(sender: Client, text: string): Promise<void> {
    await (await groupOf(sender, groupId)).sendText(text)
    for (const client of [alice, bob, carol].filter((c) => c !== sender)) {
      const group = await groupOf(client, groupId)
      await group.sync()
      expect((await group.messages()).filter((m) => m.kind === GroupMessageKind.Application).at(-1)).toMatchObject({
        senderInboxId: sender.inboxId,
        content: text,
      })
    }
  }
})
