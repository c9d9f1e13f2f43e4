// Every association rule of libxmtp's association_log.rs, through verifyIdentityUpdate with real
// signatures: what it accepts, and the typed code it refuses with.
import { bytesToHex } from "@noble/hashes/utils.js"
import { beforeEach, describe, expect, it } from "vitest"
import { inboxIdFor } from "../../../src/engine/identity/inboxId"
import { createInstallationKey, type InstallationKey } from "../../../src/engine/identity/installationKey"
import {
  type AccountIdentifier,
  ethereumMember,
  installationMember,
  memberFromProto,
  memberKey,
  passkeyMember,
} from "../../../src/engine/identity/memberIdentifier"
import { createEoaSigner, type EoaSigner } from "../../../src/engine/identity/signers"
import { stateFromUpdates } from "../../../src/engine/identity/stateFromUpdates"
import { verifyIdentityUpdate } from "../../../src/engine/identity/verifyIdentityUpdate"
import type { AssociationTypes } from "../../../src/engine/proto/index"
import { byInstallation, byWallet, craftUpdate, type CraftedAction, type SignFn } from "./support/craftUpdate"
import { createLegacyKey } from "./support/legacyKey"
import { createSoftwarePasskey } from "./support/softwarePasskey"

const eth = (wallet: EoaSigner): AccountIdentifier => ethereumMember(wallet.address)
const inst = (key: InstallationKey) => installationMember(key.publicKey)
const keys = (members: AssociationTypes.MemberIdentifier[]) => members.map((m) => memberKey(memberFromProto(m))).sort()
const expectedKeys = (...members: Parameters<typeof memberKey>[0][]) => members.map(memberKey).sort()

const create = (owner: AccountIdentifier, signedBy: SignFn, nonce = 1n): CraftedAction => ({
  action: { type: "createInbox", nonce, accountIdentifier: owner },
  signedBy: [signedBy],
})
const add = (newMember: Parameters<typeof memberKey>[0], existing: SignFn, added: SignFn): CraftedAction => ({
  action: { type: "addAssociation", newMember },
  signedBy: [existing, added],
})
const revoke = (revokedMember: Parameters<typeof memberKey>[0], recovery: SignFn): CraftedAction => ({
  action: { type: "revokeAssociation", revokedMember },
  signedBy: [recovery],
})
const changeRecovery = (newRecoveryIdentifier: AccountIdentifier, recovery: SignFn): CraftedAction => ({
  action: { type: "changeRecoveryAddress", newRecoveryIdentifier },
  signedBy: [recovery],
})

/** An inbox log being grown by a test; `accept`/`reject` check the next update against it. */
class Inbox {
  readonly log: AssociationTypes.IdentityUpdate[] = []
  constructor(readonly inboxId: string) {}

  async next(...actions: CraftedAction[]) {
    return craftUpdate(this.inboxId, actions)
  }

  async accept(...actions: CraftedAction[]) {
    const update = await this.next(...actions)
    const result = await verifyIdentityUpdate(this.log, update)
    this.log.push(update)
    return result
  }

  async reject(code: string, ...actions: CraftedAction[]) {
    await expect(verifyIdentityUpdate(this.log, await this.next(...actions))).rejects.toMatchObject({ name: "AssociationError", code })
  }
}

let wallet: EoaSigner
let installation: InstallationKey
let inbox: Inbox

beforeEach(async () => {
  wallet = createEoaSigner()
  installation = createInstallationKey()
  inbox = new Inbox(inboxIdFor(wallet.address))
  await inbox.accept(create(eth(wallet), byWallet(wallet)), add(inst(installation), byWallet(wallet), byInstallation(installation)))
})

describe("create inbox", () => {
  it("makes the owner a member and the recovery identifier; the inbox id comes from owner and nonce", async () => {
    const state = await stateFromUpdates(inbox.log)
    expect(state.inboxId).toBe(inboxIdFor(wallet.address, 1n))
    expect(state.recoveryIdentifier).toEqual(eth(wallet))
    expect(state.installationIds).toEqual([bytesToHex(installation.publicKey)])
    expect(state.get(eth(wallet))).toEqual({ identifier: eth(wallet) })
    expect(state.get(inst(installation))?.addedBy).toEqual(eth(wallet))
  })

  it("reports every member of a new inbox as added", async () => {
    const other = createEoaSigner()
    const fresh = new Inbox(inboxIdFor(other.address, 0n))
    const { addedMembers, removedMembers } = await fresh.accept(create(eth(other), byWallet(other), 0n))
    expect(keys(addedMembers)).toEqual(expectedKeys(eth(other)))
    expect(removedMembers).toEqual([])
  })

  it("refuses a second create (MultipleCreate)", async () => {
    await inbox.reject("MultipleCreate", create(eth(wallet), byWallet(wallet)))
  })

  it("refuses a create signed by someone other than the owner (MissingExistingMember)", async () => {
    const other = createEoaSigner()
    const fresh = new Inbox(inboxIdFor(wallet.address, 5n))
    await fresh.reject("MissingExistingMember", create(eth(wallet), byWallet(other), 5n))
  })

  it("refuses a checksummed owner: the recovered signer is lowercase (MissingExistingMember)", async () => {
    const checksummed = ethereumMember(wallet.address.replace(/[a-f]/g, (c) => c.toUpperCase()).replace(/^0X/, "0x"))
    const fresh = new Inbox(inboxIdFor(checksummed, 2n))
    await fresh.reject("MissingExistingMember", create(checksummed, byWallet(wallet), 2n))
  })

  it("refuses an update whose inbox_id is not the created inbox (WrongInboxId)", async () => {
    const fresh = new Inbox(inboxIdFor(wallet.address, 9n))
    await fresh.reject("WrongInboxId", create(eth(wallet), byWallet(wallet), 8n))
  })

  it("refuses a first update that creates nothing (NotCreated)", async () => {
    const fresh = new Inbox(inboxIdFor(wallet.address, 3n))
    await fresh.reject("NotCreated", add(inst(createInstallationKey()), byWallet(wallet), byInstallation(createInstallationKey())))
    await fresh.reject("NotCreated")
  })
})

describe("add association", () => {
  it("lets a wallet member add installations and wallets, recording who added them", async () => {
    const second = createInstallationKey()
    const linked = createEoaSigner()
    const { addedMembers, state } = await inbox.accept(
      add(inst(second), byWallet(wallet), byInstallation(second)),
      add(eth(linked), byWallet(wallet), byWallet(linked)),
    )
    expect(keys(addedMembers)).toEqual(expectedKeys(inst(second), eth(linked)))
    expect(state.get(eth(linked))?.addedBy).toEqual(eth(wallet))
    expect(state.accountIdentifiers.map(memberKey).sort()).toEqual(expectedKeys(eth(wallet), eth(linked)))
  })

  it("lets an installation add a wallet (only installation-adds-installation is forbidden)", async () => {
    const linked = createEoaSigner()
    const { state } = await inbox.accept(add(eth(linked), byInstallation(installation), byWallet(linked)))
    expect(state.get(eth(linked))?.addedBy).toEqual(inst(installation))
  })

  it("refuses an installation adding an installation (MemberNotAllowed)", async () => {
    const second = createInstallationKey()
    await inbox.reject("MemberNotAllowed", add(inst(second), byInstallation(installation), byInstallation(second)))
  })

  it("refuses a new-member signature from someone else than the new member (NewMemberIdSignatureMismatch)", async () => {
    const claimed = createInstallationKey()
    const actual = createInstallationKey()
    await inbox.reject("NewMemberIdSignatureMismatch", add(inst(claimed), byWallet(wallet), byInstallation(actual)))
  })

  it("refuses a member adding itself (AddSelf)", async () => {
    await inbox.reject("AddSelf", add(eth(wallet), byWallet(wallet), byWallet(wallet)))
  })

  it("refuses a signer that is neither member nor recovery identifier (MissingExistingMember)", async () => {
    const stranger = createEoaSigner()
    const newcomer = createInstallationKey()
    await inbox.reject("MissingExistingMember", add(inst(newcomer), byWallet(stranger), byInstallation(newcomer)))
  })

  it("accepts re-adding a present member with fresh signatures, as libxmtp does", async () => {
    const { addedMembers, state } = await inbox.accept(add(inst(installation), byWallet(wallet), byInstallation(installation)))
    expect(addedMembers).toEqual([])
    expect(state.installationIds).toEqual([bytesToHex(installation.publicKey)])
  })

  it("refuses the same signed update twice (Replay)", async () => {
    const second = createInstallationKey()
    const update = await inbox.next(add(inst(second), byWallet(wallet), byInstallation(second)))
    const { state } = await verifyIdentityUpdate(inbox.log, update)
    expect(state.installationKeys).toHaveLength(2)
    inbox.log.push(update)
    await expect(verifyIdentityUpdate(inbox.log, update)).rejects.toMatchObject({ code: "Replay" })
  })
})

describe("revoke association", () => {
  it("removes a wallet and the installations it added, but not the wallets it added", async () => {
    const linked = createEoaSigner()
    const linkedsInstallation = createInstallationKey()
    const grandchild = createEoaSigner()
    await inbox.accept(add(eth(linked), byWallet(wallet), byWallet(linked)))
    await inbox.accept(
      add(inst(linkedsInstallation), byWallet(linked), byInstallation(linkedsInstallation)),
      add(eth(grandchild), byWallet(linked), byWallet(grandchild)),
    )
    const { removedMembers, state } = await inbox.accept(revoke(eth(linked), byWallet(wallet)))
    expect(keys(removedMembers)).toEqual(expectedKeys(eth(linked), inst(linkedsInstallation)))
    expect(state.has(eth(grandchild))).toBe(true)
    expect(state.installationIds).toEqual([bytesToHex(installation.publicKey)])
  })

  it("lets the recovery identifier revoke itself and still add members afterwards", async () => {
    const { state } = await inbox.accept(revoke(eth(wallet), byWallet(wallet)))
    expect(state.members).toEqual([])
    const next = createInstallationKey()
    const after = await inbox.accept(add(inst(next), byWallet(wallet), byInstallation(next)))
    expect(after.state.get(inst(next))?.addedBy).toEqual(eth(wallet))
  })

  it("refuses a revocation not signed by the recovery identifier (MissingExistingMember)", async () => {
    const linked = createEoaSigner()
    await inbox.accept(add(eth(linked), byWallet(wallet), byWallet(linked)))
    await inbox.reject("MissingExistingMember", revoke(inst(installation), byWallet(linked)))
  })

  it("refuses a revoked wallet adding members (MissingExistingMember)", async () => {
    const linked = createEoaSigner()
    await inbox.accept(add(eth(linked), byWallet(wallet), byWallet(linked)))
    await inbox.accept(revoke(eth(linked), byWallet(wallet)))
    const next = createInstallationKey()
    await inbox.reject("MissingExistingMember", add(inst(next), byWallet(linked), byInstallation(next)))
  })
})

describe("change recovery address", () => {
  it("hands revocation rights to the new recovery identifier", async () => {
    const successor = createEoaSigner()
    await inbox.accept(changeRecovery(eth(successor), byWallet(wallet)))
    await inbox.reject("MissingExistingMember", revoke(inst(installation), byWallet(wallet)))
    const { state } = await inbox.accept(revoke(inst(installation), byWallet(successor)))
    expect(state.recoveryIdentifier).toEqual(eth(successor))
    expect(state.installationKeys).toEqual([])
  })

  it("refuses a change not signed by the recovery identifier (MissingExistingMember)", async () => {
    const stranger = createEoaSigner()
    await inbox.reject("MissingExistingMember", changeRecovery(eth(stranger), byWallet(stranger)))
  })
})

describe("legacy delegated (XMTP v2) keys", () => {
  it("may create the wallet's nonce-0 inbox and add an installation to it", async () => {
    const legacy = await createLegacyKey(wallet)
    const legacyInbox = new Inbox(inboxIdFor(wallet.address, 0n))
    const first = createInstallationKey()
    const { state } = await legacyInbox.accept(
      create(eth(wallet), legacy.sign, 0n),
      add(inst(first), legacy.sign, byInstallation(first)),
    )
    expect(state.installationIds).toEqual([bytesToHex(first.publicKey)])
  })

  it("may not create an inbox with another nonce (LegacySignatureReuse)", async () => {
    const legacy = await createLegacyKey(wallet)
    await new Inbox(inboxIdFor(wallet.address, 4n)).reject("LegacySignatureReuse", create(eth(wallet), legacy.sign, 4n))
  })

  it("may not add members to another inbox than the wallet's nonce-0 one (LegacySignatureReuse)", async () => {
    const legacy = await createLegacyKey(wallet)
    const next = createInstallationKey()
    await inbox.reject("LegacySignatureReuse", add(inst(next), legacy.sign, byInstallation(next)))
  })

  it("may not sign as the recovery identifier (SignatureNotAllowed)", async () => {
    const legacy = await createLegacyKey(wallet)
    await inbox.reject("SignatureNotAllowed", revoke(inst(installation), legacy.sign))
  })

  it("can be used once per inbox log: a second use of the same delegation is a replay", async () => {
    const legacy = await createLegacyKey(wallet)
    const legacyInbox = new Inbox(inboxIdFor(wallet.address, 0n))
    const first = createInstallationKey()
    await legacyInbox.accept(create(eth(wallet), legacy.sign, 0n), add(inst(first), byWallet(wallet), byInstallation(first)))
    const next = createInstallationKey()
    await legacyInbox.reject("Replay", add(inst(next), legacy.sign, byInstallation(next)))
  })
})

describe("passkeys", () => {
  it("can own an inbox and add installations", async () => {
    const passkey = createSoftwarePasskey()
    const owner = passkeyMember(passkey.publicKey, passkey.origin)
    const passkeyInbox = new Inbox(inboxIdFor(owner, 1n))
    const first = createInstallationKey()
    const { state } = await passkeyInbox.accept(
      create(owner, passkey.sign),
      add(inst(first), passkey.sign, byInstallation(first)),
    )
    expect(state.recoveryIdentifier.kind).toBe("passkey")
    expect(state.get(inst(first))?.addedBy).toEqual(passkeyMember(passkey.publicKey, passkey.origin))
  })

  it("can be linked to a wallet's inbox", async () => {
    const passkey = createSoftwarePasskey()
    const { addedMembers } = await inbox.accept(add(passkeyMember(passkey.publicKey, passkey.origin), byWallet(wallet), passkey.sign))
    expect(keys(addedMembers)).toEqual(expectedKeys(passkeyMember(passkey.publicKey)))
  })
})

describe("malformed updates", () => {
  it("refuse an empty action, a missing signature or an installation key that is not a point (Malformed)", async () => {
    const update = await inbox.next(add(inst(createInstallationKey()), byWallet(wallet), byInstallation(installation)))
    await expect(verifyIdentityUpdate(inbox.log, { ...update, actions: [{}] })).rejects.toMatchObject({ code: "Malformed" })
    const withoutSignature = { ...update, actions: [{ add: { ...update.actions[0]!.add!, newMemberSignature: undefined } }] }
    await expect(verifyIdentityUpdate(inbox.log, withoutSignature)).rejects.toMatchObject({ code: "Malformed" })
    // y = 2 has no x on edwards25519: the key does not decompress.
    const notAPoint = Uint8Array.of(2, ...new Uint8Array(31))
    const badKey = {
      ...update,
      actions: [{ add: { ...update.actions[0]!.add!, newMemberSignature: { installationKey: { bytes: new Uint8Array(64), publicKey: notAPoint } } } }],
    }
    await expect(verifyIdentityUpdate(inbox.log, badKey)).rejects.toMatchObject({ code: "Malformed" })
  })

  it("refuse a broken signature (InvalidSignature) before any rule is applied", async () => {
    const next = createInstallationKey()
    const update = await inbox.next(add(inst(next), byWallet(wallet), byInstallation(next)))
    const signature = update.actions[0]!.add!.newMemberSignature!.installationKey!
    const flipped = Uint8Array.from(signature.bytes)
    flipped[0] = flipped[0]! ^ 1
    const broken = { ...update, actions: [{ add: { ...update.actions[0]!.add!, newMemberSignature: { installationKey: { ...signature, bytes: flipped } } } }] }
    await expect(verifyIdentityUpdate(inbox.log, broken)).rejects.toMatchObject({ code: "InvalidSignature" })
  })

  it("fail a whole log when one update in it is invalid", async () => {
    const tampered = { ...inbox.log[0]!, inboxId: "f".repeat(64) }
    await expect(stateFromUpdates([tampered])).rejects.toMatchObject({ code: "InvalidSignature" })
    await expect(stateFromUpdates([])).rejects.toMatchObject({ code: "NotCreated" })
  })
})
