// Key packages and group messages as they travel through Parley's delivery node: an official SDK
// client registers, its key package is fetched back with a raw FetchKeyPackages call and must pass
// validateKeyPackage naming that client; the SDK's group traffic must parse with
// parseGroupMessageHeader; and Parley's own key package must be accepted by the node's upload.
//
// Not covered here (needs the engine): the SDK adding a Parley installation to a group, which is
// the real proof that libxmtp accepts createXmtpKeyPackage's output. Once the engine registers
// inboxes, add it: SDK `conversations.createGroup([parleyInboxId])`, then Parley joins from the
// welcome (HPKE-wrapped to the X25519 init key, since Parley offers no 0xff03 key).
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { Long, mlsApi } from "../../../src/engine/proto/index"
import { parseGroupMessageHeader } from "../../../src/engine/mls/groupMessageHeader"
import { createInstallationKey } from "../../../src/engine/identity/installationKey"
import { createXmtpKeyPackage } from "../../../src/engine/mls/keyPackageCreation"
import { validateKeyPackage } from "../../../src/engine/mls/keyPackageValidation"
import { conversationSeenBy } from "../support/conversationWaits"
import { InteropHarness } from "../support/interopHarness"
import { RawXmtpClient, emptyCodec, mlsMethod } from "../support/rawGrpc"
import type { LabelledClient } from "../support/sdkClient"
import type { TestNode } from "../support/testNode"

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex")
const fromHex = (text: string) => new Uint8Array(Buffer.from(text, "hex"))

describe("key packages and group messages through Parley's node", () => {
  let h: InteropHarness
  let node: TestNode
  let raw: RawXmtpClient
  let alice: LabelledClient
  let bob: LabelledClient

  const fetchKeyPackages = async (installationKeys: Uint8Array[]) =>
    (
      await raw.unary(
        mlsMethod("FetchKeyPackages"),
        mlsApi.FetchKeyPackagesRequest,
        { installationKeys },
        mlsApi.FetchKeyPackagesResponse,
      )
    ).keyPackages.map((k) => k.keyPackageTlsSerialized)

  beforeAll(async () => {
    h = await InteropHarness.create("mls-key-packages")
    node = await h.startNode()
    raw = h.own(new RawXmtpClient(node.address))
    ;[alice, bob] = await Promise.all([h.createClient(node, { label: "alice" }), h.createClient(node, { label: "bob" })])
  })

  afterAll(async () => {
    await h?.close()
  })

  it("serves the SDK's key package, which validates to the SDK client's installation and inbox", async () => {
    const [bytes] = await fetchKeyPackages([fromHex(alice.client.installationId)])
    expect(bytes?.length).toBeGreaterThan(0)
    const validated = await validateKeyPackage(bytes!)
    expect(hex(validated.installationKey)).toBe(alice.client.installationId)
    expect(validated.inboxId).toBe(alice.client.inboxId)
  })

  it("relays SDK group traffic whose headers parse to the group, epoch and commit flag", async () => {
    const group = await alice.client.conversations.createGroup([bob.client.inboxId])
    await group.sendText("hello bob")
    await conversationSeenBy(bob, group.id)
    const response = await raw.unary(
      mlsMethod("QueryGroupMessages"),
      mlsApi.QueryGroupMessagesRequest,
      { groupId: fromHex(group.id), pagingInfo: { direction: mlsApi.SortDirection.SORT_DIRECTION_ASCENDING, limit: 100, idCursor: Long.UZERO } },
      mlsApi.QueryGroupMessagesResponse,
    )
    const headers = response.messages.map((m) => ({ stored: m.v1!, header: parseGroupMessageHeader(m.v1!.data) }))
    expect(headers.length).toBeGreaterThanOrEqual(2)
    for (const { stored, header } of headers) {
      expect(hex(header.groupId)).toBe(group.id)
      expect(header.wireFormat).toBe("private")
      expect(header.isCommit).toBe(stored.isCommit)
    }
    expect(headers.some(({ header }) => header.contentType === "commit")).toBe(true)
    expect(headers.some(({ header }) => header.contentType === "application")).toBe(true)
  })

  it("accepts Parley's own key package on upload and serves it back unchanged", async () => {
    const installation = createInstallationKey()
    const { keyPackageBytes } = await createXmtpKeyPackage({ inboxId: alice.client.inboxId, installationSignatureKeyPair: installation })
    await raw.unary(
      mlsMethod("UploadKeyPackage"),
      mlsApi.UploadKeyPackageRequest,
      { keyPackage: { keyPackageTlsSerialized: keyPackageBytes }, isInboxIdCredential: true },
      emptyCodec,
    )
    const [served] = await fetchKeyPackages([installation.publicKey])
    expect(served).toEqual(keyPackageBytes)
  })
})
