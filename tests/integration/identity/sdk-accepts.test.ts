// Identity compatibility with the official SDK (libxmtp 1.10), without Parley's delivery node: the
// SDK computes the same inbox ids and signature texts, accepts Parley-built and Parley-signed
// updates (it re-verifies every one when it reads inbox state), refuses a tampered one, and every
// update the SDK publishes passes Parley's verifier.
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { randomBytes } from "node:crypto"
import { bytesToHex } from "@noble/hashes/utils.js"
import { Client, createBackend, generateInboxId, type ClientOptions } from "@xmtp/node-sdk"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { Long } from "../../../src/engine/proto/index"
import { addInstallationRequest, registrationRequest, revokeInstallationsRequest } from "../../../src/engine/identity/clientRequests"
import { createInstallationKey, type InstallationKey } from "../../../src/engine/identity/installationKey"
import { inboxIdFor } from "../../../src/engine/identity/inboxId"
import { ethereumMember, installationMember, passkeyMember } from "../../../src/engine/identity/memberIdentifier"
import { SignatureRequestBuilder } from "../../../src/engine/identity/signatureRequest"
import { createEoaSigner, type EoaSigner } from "../../../src/engine/identity/signers"
import { stateFromUpdates } from "../../../src/engine/identity/stateFromUpdates"
import { verifyIdentityUpdate } from "../../../src/engine/identity/verifyIdentityUpdate"
import { createLegacyKey } from "../../unit/identity/support/legacyKey"
import { createSoftwarePasskey } from "../../unit/identity/support/softwarePasskey"
import { byInstallation, craftUpdate } from "../../unit/identity/support/craftUpdate"
import { IdentityResponder } from "./identityResponder"

const responder = new IdentityResponder()
let dir: string
let backend: Awaited<ReturnType<typeof createBackend>>

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "parley-identity-"))
  await responder.start()
  backend = await createBackend({ env: "local", apiUrl: responder.address })
})

afterAll(async () => {
  await responder.stop()
  rmSync(dir, { recursive: true, force: true })
})

function sdkOptions(label: string, disableAutoRegister: boolean): ClientOptions & { disableAutoRegister: boolean } {
  return {
    env: "local",
    apiUrl: responder.address,
    dbPath: join(dir, `${label}-${bytesToHex(randomBytes(4))}.db3`),
    dbEncryptionKey: new Uint8Array(randomBytes(32)),
    disableDeviceSync: true,
    disableAutoRegister,
  }
}

async function parleyRegistration(wallet: EoaSigner, installation: InstallationKey, clientTimestampNs?: bigint) {
  const request = registrationRequest(ethereumMember(wallet.address), installation.publicKey, { clientTimestampNs })
  await request.addWalletSignature(wallet)
  request.addInstallationSignature(installation)
  return request.toIdentityUpdate()
}

describe("inbox ids", () => {
  it("equal the SDK's generateInboxId for every nonce", () => {
    const wallet = createEoaSigner()
    for (const nonce of [0n, 1n, 2n, 7n, 1_000_000n, 2n ** 64n - 1n]) {
      expect(inboxIdFor(wallet.address, nonce)).toBe(generateInboxId(wallet.getIdentifier(), nonce))
    }
    expect(inboxIdFor(wallet.address)).toBe(generateInboxId(wallet.getIdentifier()))
  })
})

describe("SDK registration", () => {
  it("shows the text Parley builds, takes Parley's wallet signature, and publishes an update Parley verifies", async () => {
    const wallet = createEoaSigner()
    const client = await Client.create(wallet, sdkOptions("sdk-register", true))
    const request = await client.unsafe_createInboxSignatureRequest()
    expect(request).not.toBeNull()
    const sdkText = await request!.signatureText()
    // The SDK stamps its own time; only whole seconds reach the text.
    const time = /Current time: (\S+)/.exec(sdkText)![1]!
    const seconds = BigInt(Date.parse(time) / 1000)
    const ours = registrationRequest(ethereumMember(wallet.address), client.installationIdBytes, { clientTimestampNs: seconds * 1_000_000_000n })
    expect(ours.signatureText).toBe(sdkText)

    // libxmtp verifies the wallet signature as it is added: our signer's bytes must pass.
    await client.register()
    expect(client.isRegistered).toBe(true)
    const published = responder.published.filter((p) => p.update.inboxId === client.inboxId)
    expect(published).toHaveLength(1)
    expect(published[0]!.rejectedWith).toBeUndefined()
    const state = await stateFromUpdates(responder.log(client.inboxId))
    expect(state.installationIds).toEqual([client.installationId])
    expect(state.recoveryIdentifier).toEqual(ethereumMember(wallet.address))
  })

  it("adds a second SDK installation and revokes the first with updates Parley verifies", async () => {
    const wallet = createEoaSigner()
    const first = await Client.create(wallet, sdkOptions("sdk-first", false))
    const second = await Client.create(wallet, sdkOptions("sdk-second", false))
    expect(second.inboxId).toBe(first.inboxId)
    await Client.revokeInstallations(wallet, first.inboxId, [first.installationIdBytes], backend)
    const log = responder.log(first.inboxId)
    expect(log).toHaveLength(3)
    expect(responder.published.filter((p) => p.update.inboxId === first.inboxId).every((p) => p.rejectedWith === undefined)).toBe(true)
    const state = await stateFromUpdates(log)
    expect(state.installationIds).toEqual([second.installationId])
  })
})

/** The whole seconds of the SDK text's "Current time", in nanoseconds. */
function signedTimeNs(text: string): bigint {
  const time = /Current time: (\S+)/.exec(text)![1]!
  return BigInt(Date.parse(time) / 1000) * 1_000_000_000n
}

describe("SDK signature texts", () => {
  it("equal Parley's for revoking installations, linking and unlinking accounts, and changing recovery", async () => {
    const wallet = createEoaSigner()
    const linked = createEoaSigner()
    const client = await Client.create(wallet, sdkOptions("sdk-texts", false))
    const owner = ethereumMember(wallet.address)
    const ours = (build: (b: SignatureRequestBuilder) => SignatureRequestBuilder, sdkText: string) =>
      build(new SignatureRequestBuilder(client.inboxId, signedTimeNs(sdkText))).build().signatureText

    const revokeText = await (await client.unsafe_revokeInstallationsSignatureRequest([client.installationIdBytes])).signatureText()
    expect(ours((b) => b.revokeAssociation(owner, installationMember(client.installationIdBytes)), revokeText)).toBe(revokeText)
    const linkText = await (await client.unsafe_addAccountSignatureRequest(linked.getIdentifier(), true)).signatureText()
    expect(ours((b) => b.addAssociation(ethereumMember(linked.address), owner), linkText)).toBe(linkText)
    const unlinkText = await (await client.unsafe_removeAccountSignatureRequest(linked.getIdentifier())).signatureText()
    expect(ours((b) => b.revokeAssociation(owner, ethereumMember(linked.address)), unlinkText)).toBe(unlinkText)
    const recoveryText = await (await client.unsafe_changeRecoveryIdentifierSignatureRequest(linked.getIdentifier())).signatureText()
    expect(ours((b) => b.changeRecoveryAddress(owner, ethereumMember(linked.address)), recoveryText)).toBe(recoveryText)
  })

  it("come with account changes whose updates Parley verifies, ending in the state the SDK computes", async () => {
    const wallet = createEoaSigner()
    const successor = createEoaSigner()
    const client = await Client.create(wallet, sdkOptions("sdk-accounts", false))
    await client.unsafe_addAccount(successor, true)
    await client.changeRecoveryIdentifier(successor.getIdentifier())
    // Only the recovery identifier may unlink, and it is now the successor: sign with it.
    const revoke = await client.unsafe_removeAccountSignatureRequest(wallet.getIdentifier())
    await client.unsafe_addSignature(revoke, successor)
    await client.unsafe_applySignatureRequest(revoke)

    expect(responder.published.filter((p) => p.update.inboxId === client.inboxId).map((p) => p.rejectedWith)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ])
    const ours = await stateFromUpdates(responder.log(client.inboxId))
    const [theirs] = await Client.fetchInboxStates([client.inboxId], backend)
    expect(theirs!.recoveryIdentifier.identifier).toBe(successor.address)
    expect(ours.recoveryIdentifier).toEqual(ethereumMember(successor.address))
    expect(theirs!.identifiers.map((i) => i.identifier)).toEqual([successor.address])
    expect(ours.accountIdentifiers).toEqual([ethereumMember(successor.address)])
    // Unlinking the wallet also revoked the installation it had added.
    expect(theirs!.installations).toEqual([])
    expect(ours.installationKeys).toEqual([])
  })
})

describe("Parley-built updates", () => {
  it("register an inbox the SDK accepts", async () => {
    const wallet = createEoaSigner()
    const installation = createInstallationKey()
    const update = await parleyRegistration(wallet, installation)
    await responder.publish(update)

    const [state] = await Client.fetchInboxStates([update.inboxId], backend)
    expect(state!.inboxId).toBe(inboxIdFor(wallet.address))
    expect(state!.recoveryIdentifier.identifier).toBe(wallet.address)
    expect(state!.identifiers.map((i) => i.identifier)).toEqual([wallet.address])
    expect(state!.installations.map((i) => i.id)).toEqual([bytesToHex(installation.publicKey)])
    expect(await Client.isInstallationAuthorized(update.inboxId, installation.publicKey, backend)).toBe(true)
    expect(await Client.isAddressAuthorized(update.inboxId, wallet.address, backend)).toBe(true)
  })

  it("add a second installation and revoke the first, and the SDK follows", async () => {
    const wallet = createEoaSigner()
    const first = createInstallationKey()
    const second = createInstallationKey()
    const registration = await parleyRegistration(wallet, first)
    await responder.publish(registration)
    const inboxId = registration.inboxId

    const add = addInstallationRequest(await stateFromUpdates(responder.log(inboxId)), ethereumMember(wallet.address), second.publicKey)
    await add.addWalletSignature(wallet)
    add.addInstallationSignature(second)
    await responder.publish(add.toIdentityUpdate())
    const [afterAdd] = await Client.fetchInboxStates([inboxId], backend)
    expect(afterAdd!.installations.map((i) => i.id).sort()).toEqual([bytesToHex(first.publicKey), bytesToHex(second.publicKey)].sort())

    const revoke = revokeInstallationsRequest(await stateFromUpdates(responder.log(inboxId)), [first.publicKey])
    await revoke.addWalletSignature(wallet)
    await responder.publish(revoke.toIdentityUpdate())
    const [afterRevoke] = await Client.fetchInboxStates([inboxId], backend)
    expect(afterRevoke!.installations.map((i) => i.id)).toEqual([bytesToHex(second.publicKey)])
    expect(await Client.isInstallationAuthorized(inboxId, first.publicKey, backend)).toBe(false)
  })

  it("register a passkey-owned inbox the SDK accepts", async () => {
    const passkey = createSoftwarePasskey()
    const owner = passkeyMember(passkey.publicKey, passkey.origin)
    const installation = createInstallationKey()
    const inboxId = inboxIdFor(owner, 1n)
    await responder.publish(
      await craftUpdate(inboxId, [
        { action: { type: "createInbox", nonce: 1n, accountIdentifier: owner }, signedBy: [passkey.sign] },
        { action: { type: "addAssociation", newMember: installationMember(installation.publicKey) }, signedBy: [passkey.sign, byInstallation(installation)] },
      ]),
    )
    const [state] = await Client.fetchInboxStates([inboxId], backend)
    expect(state!.recoveryIdentifier).toEqual({ identifier: bytesToHex(passkey.publicKey), identifierKind: 1 })
    expect(state!.installations.map((i) => i.id)).toEqual([bytesToHex(installation.publicKey)])
  })

  it("register a nonce-0 inbox with a legacy (v2) delegated key, which the SDK accepts", async () => {
    const wallet = createEoaSigner()
    const legacy = await createLegacyKey(wallet)
    const installation = createInstallationKey()
    const inboxId = inboxIdFor(wallet.address, 0n)
    await responder.publish(
      await craftUpdate(inboxId, [
        { action: { type: "createInbox", nonce: 0n, accountIdentifier: ethereumMember(wallet.address) }, signedBy: [legacy.sign] },
        { action: { type: "addAssociation", newMember: installationMember(installation.publicKey) }, signedBy: [legacy.sign, byInstallation(installation)] },
      ]),
    )
    const [state] = await Client.fetchInboxStates([inboxId], backend)
    expect(state!.installations.map((i) => i.id)).toEqual([bytesToHex(installation.publicKey)])
  })

  it("are refused by the SDK and by Parley alike when the timestamp is one second off the signed text", async () => {
    const wallet = createEoaSigner()
    const installation = createInstallationKey()
    const signedAt = 1_750_000_000_000_000_000n
    const update = await parleyRegistration(wallet, installation, signedAt)
    const tampered = { ...update, clientTimestampNs: Long.fromString((signedAt + 1_000_000_000n).toString(), true) }

    await expect(verifyIdentityUpdate([], tampered)).rejects.toMatchObject({ code: "InvalidSignature" })
    responder.append(tampered)
    await expect(Client.fetchInboxStates([tampered.inboxId], backend)).rejects.toThrow(/ed25519 Signature failed/)
    await expect(Client.isInstallationAuthorized(tampered.inboxId, installation.publicKey, backend)).rejects.toThrow()
  })
})
