import { bytesToHex } from "@noble/hashes/utils.js"
import { describe, expect, it } from "vitest"
import type { AssociationState } from "../../../src/engine/identity/associationState"
import { decodeAssociationState, encodeAssociationState } from "../../../src/engine/identity/associationStateCodec"
import { addInstallationRequest, registrationRequest, revokeInstallationsRequest } from "../../../src/engine/identity/clientRequests"
import { createInstallationKey } from "../../../src/engine/identity/installationKey"
import { ethereumMember, memberKey, passkeyMember } from "../../../src/engine/identity/memberIdentifier"
import { createEoaSigner } from "../../../src/engine/identity/signers"
import { applyIdentityUpdate } from "../../../src/engine/identity/stateFromUpdates"

/** Every field a state carries, in a form toEqual compares by value. */
function snapshot(state: AssociationState) {
  return {
    inboxId: state.inboxId,
    recovery: memberKey(state.recoveryIdentifier),
    recoveryRelyingParty: state.recoveryIdentifier.kind === "passkey" ? state.recoveryIdentifier.relyingParty : undefined,
    members: state.members.map((m) => ({
      identifier: memberKey(m.identifier),
      addedBy: m.addedBy === undefined ? undefined : memberKey(m.addedBy),
      clientTimestampNs: m.clientTimestampNs,
    })),
    insertionOrder: state.asDiff().addedMembers.map(memberKey),
    seenSignatures: state.seenSignatures.map(bytesToHex).sort(),
  }
}

async function inboxWithHistory() {
  const wallet = createEoaSigner()
  const first = createInstallationKey()
  const second = createInstallationKey()
  const register = registrationRequest(ethereumMember(wallet.address), first.publicKey)
  await register.addWalletSignature(wallet)
  register.addInstallationSignature(first)
  let state = await applyIdentityUpdate(undefined, register.toIdentityUpdate())
  const add = addInstallationRequest(state, ethereumMember(wallet.address), second.publicKey)
  await add.addWalletSignature(wallet)
  add.addInstallationSignature(second)
  const addUpdate = add.toIdentityUpdate()
  state = await applyIdentityUpdate(state, addUpdate)
  const revoke = revokeInstallationsRequest(state, [first.publicKey])
  await revoke.addWalletSignature(wallet)
  state = await applyIdentityUpdate(state, revoke.toIdentityUpdate())
  return { wallet, state, addUpdate }
}

describe("association state codec", () => {
  it("restores every member, its adder and timestamp, the recovery identifier and the seen signatures", async () => {
    const { state } = await inboxWithHistory()
    expect(state.seenSignatures.length).toBeGreaterThan(0)
    const restored = decodeAssociationState(encodeAssociationState(state), state.inboxId)
    expect(snapshot(restored)).toEqual(snapshot(state))
    expect(restored.installationIds).toEqual(state.installationIds)
  })

  it("keeps a passkey recovery identifier with its relying party", async () => {
    const { state } = await inboxWithHistory()
    const withPasskey = state.withRecoveryIdentifier(passkeyMember(Uint8Array.from([1, 2, 3, 250]), "parley.example"))
    expect(snapshot(decodeAssociationState(encodeAssociationState(withPasskey), state.inboxId))).toEqual(snapshot(withPasskey))
  })

  it("lets a restored state reject a replayed signature as the original does", async () => {
    const { state, addUpdate } = await inboxWithHistory()
    const restored = decodeAssociationState(encodeAssociationState(state), state.inboxId)
    const original = await applyIdentityUpdate(state, addUpdate).catch((error: unknown) => error)
    const fromCache = await applyIdentityUpdate(restored, addUpdate).catch((error: unknown) => error)
    expect(fromCache).toMatchObject({ name: "AssociationError", code: (original as { code: string }).code })
  })

  it("refuses bytes that are not a state, or are another inbox's state", async () => {
    const { state } = await inboxWithHistory()
    expect(() => decodeAssociationState(Uint8Array.from([0xff, 0xff, 0xff, 0xff]), state.inboxId)).toThrow(
      expect.objectContaining({ name: "AssociationError", code: "Malformed" }),
    )
    const other = await inboxWithHistory()
    expect(() => decodeAssociationState(encodeAssociationState(other.state), state.inboxId)).toThrow(
      expect.objectContaining({ name: "AssociationError", code: "Malformed" }),
    )
  })
})
