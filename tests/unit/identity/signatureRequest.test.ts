import { describe, expect, it } from "vitest"
import { addInstallationRequest, registrationRequest, revokeInstallationsRequest } from "../../../src/engine/identity/clientRequests"
import { MAX_INSTALLATIONS_PER_INBOX } from "../../../src/engine/identity/constants"
import { inboxIdFor } from "../../../src/engine/identity/inboxId"
import { createInstallationKey } from "../../../src/engine/identity/installationKey"
import { ethereumMember, installationMember, memberKey } from "../../../src/engine/identity/memberIdentifier"
import { createEoaSigner } from "../../../src/engine/identity/signers"
import { verifyIdentityUpdate } from "../../../src/engine/identity/verifyIdentityUpdate"
import type { AssociationTypes } from "../../../src/engine/proto/index"

async function registered() {
  const wallet = createEoaSigner()
  const installation = createInstallationKey()
  const request = registrationRequest(ethereumMember(wallet.address), installation.publicKey)
  await request.addWalletSignature(wallet)
  request.addInstallationSignature(installation)
  const log: AssociationTypes.IdentityUpdate[] = [request.toIdentityUpdate()]
  const { state } = await verifyIdentityUpdate([], log[0]!)
  return { wallet, installation, log, state }
}

describe("registration request", () => {
  it("waits for the wallet (once, for both of its slots) and the installation, then verifies", async () => {
    const wallet = createEoaSigner()
    const installation = createInstallationKey()
    const request = registrationRequest(ethereumMember(wallet.address), installation.publicKey, { nonce: 3n })
    expect(request.inboxId).toBe(inboxIdFor(wallet.address, 3n))
    expect(request.missingSigners().map(memberKey)).toEqual([ethereumMember(wallet.address), installationMember(installation.publicKey)].map(memberKey))
    await request.addWalletSignature(wallet)
    expect(request.isReady()).toBe(false)
    request.addInstallationSignature(installation)
    expect(request.isReady()).toBe(true)
    const update = request.toIdentityUpdate()
    expect(update.actions.map((a) => Object.keys(a).filter((k) => a[k as keyof typeof a] !== undefined))).toEqual([["createInbox"], ["add"]])
    const { state } = await verifyIdentityUpdate([], update)
    expect(state.inboxId).toBe(inboxIdFor(wallet.address, 3n))
  })

  it("refuses signatures from signers it does not wait for (UnknownSigner)", async () => {
    const request = registrationRequest(ethereumMember(createEoaSigner().address), createInstallationKey().publicKey)
    await expect(request.addWalletSignature(createEoaSigner())).rejects.toMatchObject({ name: "SignatureRequestError", code: "UnknownSigner" })
    expect(() => request.addInstallationSignature(createInstallationKey())).toThrow(expect.objectContaining({ code: "UnknownSigner" }))
  })

  it("refuses a signature that does not verify over its text", () => {
    const installation = createInstallationKey()
    const request = registrationRequest(ethereumMember(createEoaSigner().address), installation.publicKey)
    const signature = { installationKey: { bytes: installation.sign("another text"), publicKey: installation.publicKey } }
    expect(() => request.addSignature(signature)).toThrow(expect.objectContaining({ code: "InvalidSignature" }))
  })

  it("cannot be turned into an update before every signature is in (MissingSigner)", async () => {
    const wallet = createEoaSigner()
    const request = registrationRequest(ethereumMember(wallet.address), createInstallationKey().publicKey)
    await request.addWalletSignature(wallet)
    expect(() => request.toIdentityUpdate()).toThrow(expect.objectContaining({ code: "MissingSigner" }))
  })
})

describe("installation requests", () => {
  it("add installations up to MAX_INSTALLATIONS_PER_INBOX, then refuse (TooManyInstallations)", async () => {
    const { wallet, log } = await registered()
    let { state } = await verifyIdentityUpdate([], log[0]!)
    while (state.installationKeys.length < MAX_INSTALLATIONS_PER_INBOX) {
      const next = createInstallationKey()
      const request = addInstallationRequest(state, ethereumMember(wallet.address), next.publicKey)
      await request.addWalletSignature(wallet)
      request.addInstallationSignature(next)
      const update = request.toIdentityUpdate()
      ;({ state } = await verifyIdentityUpdate(log, update))
      log.push(update)
    }
    expect(() => addInstallationRequest(state, ethereumMember(wallet.address), createInstallationKey().publicKey)).toThrow(
      expect.objectContaining({ code: "TooManyInstallations" }),
    )
  })

  it("revoke installations with the recovery identifier's signature only", async () => {
    const { wallet, installation, log, state } = await registered()
    const request = revokeInstallationsRequest(state, [installation.publicKey])
    expect(request.missingSigners()).toEqual([ethereumMember(wallet.address)])
    await request.addWalletSignature(wallet)
    const { removedMembers, state: after } = await verifyIdentityUpdate(log, request.toIdentityUpdate())
    expect(removedMembers).toEqual([{ installationPublicKey: installation.publicKey }])
    expect(after.installationIds).toEqual([])
  })
})
