// Welcomes from the official SDK to Parley installations through Parley's node: Parley registers
// with raw gRPC calls, an SDK client creates a group with it and sends a text, and Parley unwraps
// the welcome (HPKE to its X25519 init key, X-Wing to its 0xff03 key, or a welcome pointer),
// joins with ts-mls, decodes the four XMTP group context extensions, re-encodes them to the SDK's
// exact bytes, and decrypts the SDK's text.
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import {
  decode,
  joinGroup,
  mlsMessageDecoder,
  processMessage,
  unsafeTestingAuthenticationService,
  wireformats,
  type ClientState,
  type GroupContextExtension,
  type MlsContext,
} from "ts-mls"
import { xmtpCiphersuite, xmtpClientConfig } from "../../../src/engine/mls/ciphersuite"
import { parseGroupMessageHeader } from "../../../src/engine/mls/groupMessageHeader"
import { WELCOME_WRAPPER_ALGORITHM } from "../../../src/engine/mls/welcomeWrapper"
import { openWelcomeV1, openWelcomePointeeV1, type OpenedWelcome } from "../../../src/engine/mls/welcomeWrapperMessages"
import { openWelcomePointer } from "../../../src/engine/mls/welcomeWrapperPointer"
import { XMTP_EXTENSION } from "../../../src/engine/mls/xmtpExtensions"
import {
  METADATA_FIELD,
  commitLogSignerOf,
  defaultPolicySet,
  dmPolicySet,
  encodeGroupMembership,
  encodeGroupMutableMetadata,
  encodeGroupPermissions,
  encodeImmutableMetadataExtension,
  newDmContextExtensions,
  newGroupContextExtensions,
  preconfiguredPolicyOf,
  readXmtpGroupContext,
  type GroupMutableMetadata,
  type PolicySet,
  type XmtpGroupContext,
} from "../../../src/engine/groups/extensions/index"
import { Long, content, mlsApi, type MlsApiTypes } from "../../../src/engine/proto/index"
import { conversationSeenBy } from "../support/conversationWaits"
import { pollUntil } from "../support/deadline"
import { InteropHarness } from "../support/interopHarness"
import { RawXmtpClient, mlsMethod } from "../support/rawGrpc"
import type { LabelledClient } from "../support/sdkClient"
import { registerParleyInstallation, type ParleyInstallation } from "./support/parleyInstallation"

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex")
const ASCENDING = { direction: mlsApi.SortDirection.SORT_DIRECTION_ASCENDING, limit: 100, idCursor: Long.UZERO }

describe("SDK welcomes opened by Parley", () => {
  let h: InteropHarness
  let raw: RawXmtpClient
  let alice: LabelledClient
  let bob: LabelledClient
  let context: MlsContext

  beforeAll(async () => {
    h = await InteropHarness.create("mls-sdk-welcome")
    const node = await h.startNode()
    raw = h.own(new RawXmtpClient(node.address))
    ;[alice, bob] = await Promise.all([h.createClient(node, { label: "alice" }), h.createClient(node, { label: "bob" })])
    context = { cipherSuite: await xmtpCiphersuite(), authService: unsafeTestingAuthenticationService, clientConfig: xmtpClientConfig }
  })

  afterAll(async () => {
    await h?.close()
  })

  const welcomesFor = (installationKey: Uint8Array, what: string) =>
    pollUntil(what, async () => {
      const response = await raw.unary(
        mlsMethod("QueryWelcomeMessages"),
        mlsApi.QueryWelcomeMessagesRequest,
        { installationKey, pagingInfo: ASCENDING },
        mlsApi.QueryWelcomeMessagesResponse,
      )
      return response.messages.length > 0 && response.messages
    })

  const join = (parley: ParleyInstallation, opened: OpenedWelcome) =>
    joinGroup({ context, welcome: opened.welcome, keyPackage: parley.keyPackage.keyPackage, privateKeys: parley.keyPackage.privateKeyPackage })

  /** Processes the group's messages from the joined epoch on; returns the application payloads. */
  async function readGroup(state: ClientState): Promise<{ state: ClientState; payloads: Uint8Array[]; stored: MlsApiTypes.GroupMessage_V1[] }> {
    const response = await raw.unary(
      mlsMethod("QueryGroupMessages"),
      mlsApi.QueryGroupMessagesRequest,
      { groupId: state.groupContext.groupId, pagingInfo: ASCENDING },
      mlsApi.QueryGroupMessagesResponse,
    )
    const stored = response.messages.map((m) => m.v1!)
    const payloads: Uint8Array[] = []
    for (const message of stored) {
      if (parseGroupMessageHeader(message.data).epoch < state.groupContext.epoch) continue
      const framed = decode(mlsMessageDecoder, message.data)
      if (!framed || (framed.wireformat !== wireformats.mls_private_message && framed.wireformat !== wireformats.mls_public_message)) {
        throw new Error(`group message ${message.id.toString()} is not a framed MLS message`)
      }
      const result = await processMessage({ context, state, message: framed })
      state = result.newState
      if (result.kind === "applicationMessage") payloads.push(result.message)
    }
    return { state, payloads, stored }
  }

  function textOf(payload: Uint8Array): string {
    const envelope = content.PlaintextEnvelope.decode(payload)
    const encoded = content.EncodedContent.decode(envelope.v1!.content)
    expect(encoded.type).toMatchObject({ authorityId: "xmtp.org", typeId: "text", versionMajor: 1 })
    expect(encoded.parameters).toEqual({ encoding: "UTF-8" })
    return new TextDecoder().decode(encoded.content)
  }

  function extensionData(extensions: readonly GroupContextExtension[], type: number): Uint8Array {
    const data = extensions.find((e) => e.extensionType === type)?.extensionData
    if (!(data instanceof Uint8Array)) throw new Error(`no opaque extension 0x${type.toString(16)}`)
    return data
  }

  /** Each decoded extension re-encodes to exactly the bytes libxmtp put in the group context. */
  function expectSdkBytes(extensions: readonly GroupContextExtension[], decoded: XmtpGroupContext): void {
    expect(hex(encodeImmutableMetadataExtension(decoded.metadata))).toBe(hex(extensionData(extensions, XMTP_EXTENSION.immutableMetadata)))
    expect(hex(encodeGroupMutableMetadata(decoded.mutableMetadata))).toBe(hex(extensionData(extensions, XMTP_EXTENSION.mutableMetadata)))
    expect(hex(encodeGroupMembership(decoded.membership))).toBe(hex(extensionData(extensions, XMTP_EXTENSION.groupMembership)))
    expect(hex(encodeGroupPermissions(decoded.policies))).toBe(hex(extensionData(extensions, XMTP_EXTENSION.groupPermissions)))
  }

  /** Policy sets compared as content: map order is libxmtp's HashMap order, random per process. */
  const comparable = (set: PolicySet) => ({ ...set, updateMetadataPolicy: Object.fromEntries(set.updateMetadataPolicy) })
  const comparableMetadata = (metadata: GroupMutableMetadata) => ({ ...metadata, attributes: Object.fromEntries(metadata.attributes) })

  it("opens an X25519-wrapped welcome, joins, reads the SDK's extensions byte for byte, and decrypts its text", async () => {
    const parley = await registerParleyInstallation(raw)
    const group = await alice.client.conversations.createGroup([parley.inboxId], { groupName: "Parley interop" })
    await group.sendText("hello")

    const [welcome] = await welcomesFor(parley.installation.publicKey, "the welcome for Parley's installation")
    const v1 = welcome!.v1!
    expect(hex(v1.installationKey)).toBe(hex(parley.installation.publicKey))
    expect(v1.wrapperAlgorithm).toBe(WELCOME_WRAPPER_ALGORITHM.curve25519)
    expect(hex(v1.hpkePublicKey)).toBe(hex(parley.keyPackage.keyPackage.initKey))
    const opened = await openWelcomeV1(v1, parley.keyPackage.privateKeyPackage.initPrivateKey)
    const state = await join(parley, opened)
    expect(hex(state.groupContext.groupId)).toBe(group.id)

    const extensions = state.groupContext.extensions
    const decoded = readXmtpGroupContext(extensions)
    expect(decoded.metadata).toEqual({ conversationType: "group", creatorInboxId: alice.client.inboxId, creatorAccountAddress: "" })
    const attributes = decoded.mutableMetadata.attributes
    expect(attributes.get(METADATA_FIELD.groupName)).toBe("Parley interop")
    expect([...attributes.keys()].sort()).toEqual(["_commit_log_signer", "app_data", "description", "group_image_url_square", "group_name"])
    expect(attributes.get(METADATA_FIELD.commitLogSigner)).toMatch(/^[0-9a-f]{64}$/)
    expect(decoded.mutableMetadata.superAdminList).toEqual([alice.client.inboxId])
    expect(decoded.mutableMetadata.adminList).toEqual([])
    expect([...decoded.membership.members.keys()].sort()).toEqual([alice.client.inboxId, parley.inboxId].sort())
    for (const sequenceId of decoded.membership.members.values()) expect(sequenceId).toBeGreaterThan(0n)
    expect(decoded.membership.failedInstallations).toEqual([])
    expect(comparable(decoded.policies)).toEqual(comparable(defaultPolicySet()))
    expect(preconfiguredPolicyOf(decoded.policies)).toBe("Default")
    expectSdkBytes(extensions, decoded)
    // Parley's builder makes the same extensions for the same creator and options (membership
    // aside, which the add commit updated; the signer is random on both sides).
    const built = readXmtpGroupContext(
      newGroupContextExtensions({ creatorInboxId: alice.client.inboxId, options: { name: "Parley interop" }, commitLogSigner: commitLogSignerOf(decoded.mutableMetadata)! }),
    )
    expect(hex(encodeImmutableMetadataExtension(built.metadata))).toBe(hex(extensionData(extensions, XMTP_EXTENSION.immutableMetadata)))
    expect(comparableMetadata(built.mutableMetadata)).toEqual(comparableMetadata(decoded.mutableMetadata))

    const { payloads, stored } = await readGroup(state)
    expect(payloads.map(textOf)).toEqual(["hello"])
    // The metadata names the cursor of the commit that added Parley.
    const commitIds = stored.filter((m) => m.isCommit).map((m) => BigInt(m.id.toString()))
    expect(commitIds).toContain(opened.messageCursor)
  })

  it("reads an SDK DM's extensions, which match what Parley's DM builder makes", async () => {
    const parley = await registerParleyInstallation(raw)
    const dm = await alice.client.conversations.createDm(parley.inboxId)
    const [welcome] = await welcomesFor(parley.installation.publicKey, "the DM welcome for Parley's installation")
    const state = await join(parley, await openWelcomeV1(welcome!.v1!, parley.keyPackage.privateKeyPackage.initPrivateKey))
    expect(hex(state.groupContext.groupId)).toBe(dm.id)
    const extensions = state.groupContext.extensions
    const decoded = readXmtpGroupContext(extensions)
    expectSdkBytes(extensions, decoded)
    expect(decoded.metadata.dmMembers).toEqual({ memberOneInboxId: alice.client.inboxId, memberTwoInboxId: parley.inboxId })
    expect(comparable(decoded.policies)).toEqual(comparable(dmPolicySet()))
    const built = readXmtpGroupContext(
      newDmContextExtensions({ creatorInboxId: alice.client.inboxId, peerInboxId: parley.inboxId, commitLogSigner: commitLogSignerOf(decoded.mutableMetadata)! }),
    )
    expect(hex(encodeImmutableMetadataExtension(built.metadata))).toBe(hex(extensionData(extensions, XMTP_EXTENSION.immutableMetadata)))
    expect(comparableMetadata(built.mutableMetadata)).toEqual(comparableMetadata(decoded.mutableMetadata))
  })

  it("opens an X-Wing-wrapped welcome when the key package offers an 0xff03 key", async () => {
    const parley = await registerParleyInstallation(raw, { xwing: true })
    const group = await alice.client.conversations.createGroup([parley.inboxId])
    await group.sendText("hello")

    const [welcome] = await welcomesFor(parley.installation.publicKey, "the X-Wing welcome for Parley's installation")
    const v1 = welcome!.v1!
    expect(v1.wrapperAlgorithm).toBe(WELCOME_WRAPPER_ALGORITHM.xwingMlkem768Draft6)
    expect(v1.hpkePublicKey).toHaveLength(1216)
    const state = await join(parley, await openWelcomeV1(v1, parley.xwingPrivateKey!))
    expectSdkBytes(state.groupContext.extensions, readXmtpGroupContext(state.groupContext.extensions))
    const { payloads } = await readGroup(state)
    expect(payloads.map(textOf)).toEqual(["hello"])
  })

  it("resolves the welcome pointers the SDK sends when it welcomes three X-Wing installations at once", async () => {
    const parleys = await Promise.all([registerParleyInstallation(raw, { xwing: true }), registerParleyInstallation(raw, { xwing: true })])
    const inboxIds = [alice.client.inboxId, bob.client.inboxId, ...parleys.map((p) => p.inboxId)]
    const group = await alice.client.conversations.createGroup([...parleys.map((p) => p.inboxId), bob.client.inboxId])
    await group.sendText("hello")
    await conversationSeenBy(bob, group.id)

    for (const parley of parleys) {
      const [message] = await welcomesFor(parley.installation.publicKey, "the welcome pointer for a Parley installation")
      const pointer = message!.welcomePointer!
      expect(pointer.wrapperAlgorithm).toBe(WELCOME_WRAPPER_ALGORITHM.xwingMlkem768Draft6)
      const decrypted = await openWelcomePointer(pointer, parley.xwingPrivateKey!)
      const [pointee] = await welcomesFor(decrypted.destination, "the welcome pointee")
      expect(pointee!.v1!.wrapperAlgorithm).toBe(WELCOME_WRAPPER_ALGORITHM.symmetricKey)
      expect(pointee!.v1!.hpkePublicKey).toHaveLength(0)
      const opened = openWelcomePointeeV1(decrypted, pointee!)
      expect(opened.messageCursor).toBeGreaterThan(0n)
      const state = await join(parley, opened)
      expect(hex(state.groupContext.groupId)).toBe(group.id)
      const decoded = readXmtpGroupContext(state.groupContext.extensions)
      expect([...decoded.membership.members.keys()].sort()).toEqual(inboxIds.sort())
      expectSdkBytes(state.groupContext.extensions, decoded)
      const { payloads } = await readGroup(state)
      expect(payloads.map(textOf)).toEqual(["hello"])
    }
  })
})
