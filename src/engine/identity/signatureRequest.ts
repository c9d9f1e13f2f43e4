// Building identity updates as a client: collect the unsigned actions, show every signer the same
// text, verify and slot each signature where it is needed, then emit the IdentityUpdate proto
// (libxmtp `builder.rs`). One wallet signature may fill several slots (create inbox + add).
import type { AssociationTypes, SignatureTypes } from "../proto/index"
import { SignatureRequestError } from "./errors"
import type { InstallationKey } from "./installationKey"
import { type AccountIdentifier, type MemberIdentifier, memberKey, memberText } from "./memberIdentifier"
import { identityActionToProto, toLong } from "./protoConversion"
import { type UnsignedAction, type UnsignedIdentityUpdate, signatureText } from "./signatureText"
import type { Signer } from "./signers"
import { type VerifiedSignature, verifySignature } from "./verifiedSignature"

type SignatureProto = SignatureTypes.Signature

interface PendingAction {
  action: UnsignedAction
  /** Who must sign, in the order the action proto carries the signatures. */
  signers: MemberIdentifier[]
}

export class SignatureRequestBuilder {
  private readonly pending: PendingAction[] = []

  constructor(
    private readonly inboxId: string,
    private readonly clientTimestampNs: bigint = BigInt(Date.now()) * 1_000_000n,
  ) {}

  createInbox(accountIdentifier: AccountIdentifier, nonce: bigint): this {
    this.pending.push({ action: { type: "createInbox", nonce, accountIdentifier }, signers: [accountIdentifier] })
    return this
  }

  /** `existingMember` is the member (or recovery identifier) that vouches for `newMember`. */
  addAssociation(newMember: MemberIdentifier, existingMember: MemberIdentifier): this {
    this.pending.push({ action: { type: "addAssociation", newMember }, signers: [existingMember, newMember] })
    return this
  }

  revokeAssociation(recoveryIdentifier: AccountIdentifier, revokedMember: MemberIdentifier): this {
    this.pending.push({ action: { type: "revokeAssociation", revokedMember }, signers: [recoveryIdentifier] })
    return this
  }

  changeRecoveryAddress(recoveryIdentifier: AccountIdentifier, newRecoveryIdentifier: AccountIdentifier): this {
    this.pending.push({ action: { type: "changeRecoveryAddress", newRecoveryIdentifier }, signers: [recoveryIdentifier] })
    return this
  }

  build(): SignatureRequest {
    const unsigned = { inboxId: this.inboxId, clientTimestampNs: this.clientTimestampNs, actions: this.pending.map((p) => p.action) }
    return new SignatureRequest(unsigned, [...this.pending])
  }
}

export class SignatureRequest {
  /** The text every signer signs. */
  readonly signatureText: string
  private readonly signatures = new Map<string, SignatureProto>()

  constructor(
    readonly unsigned: UnsignedIdentityUpdate,
    private readonly pending: PendingAction[],
  ) {
    this.signatureText = signatureText(unsigned)
  }

  get inboxId(): string {
    return this.unsigned.inboxId
  }

  missingSigners(): MemberIdentifier[] {
    const missing = new Map<string, MemberIdentifier>()
    for (const signer of this.pending.flatMap((p) => p.signers)) {
      if (!this.signatures.has(memberKey(signer))) missing.set(memberKey(signer), signer)
    }
    return [...missing.values()]
  }

  isReady(): boolean {
    return this.missingSigners().length === 0
  }

  /** Verifies `signature` over the text and records it for its signer, who must be awaited. */
  addSignature(signature: SignatureProto): VerifiedSignature {
    const verified = verifySignature(this.signatureText, signature)
    const key = memberKey(verified.signer)
    if (!this.missingSigners().some((signer) => memberKey(signer) === key)) {
      throw new SignatureRequestError(
        "UnknownSigner",
        `${memberText(verified.signer)} signed, but this request does not wait for its signature.`,
      )
    }
    this.signatures.set(key, signature)
    return verified
  }

  /** Asks a wallet to `personal_sign` the text. */
  async addWalletSignature(signer: Signer): Promise<VerifiedSignature> {
    return this.addSignature({ erc191: { bytes: await signer.signMessage(this.signatureText) } })
  }

  addInstallationSignature(key: InstallationKey): VerifiedSignature {
    return this.addSignature({ installationKey: { bytes: key.sign(this.signatureText), publicKey: key.publicKey } })
  }

  /** The signed update, ready for PublishIdentityUpdate. */
  toIdentityUpdate(): AssociationTypes.IdentityUpdate {
    const missing = this.missingSigners()
    if (missing.length > 0) {
      throw new SignatureRequestError("MissingSigner", `Still waiting for signatures from ${missing.map(memberText).join(", ")}.`)
    }
    return {
      inboxId: this.unsigned.inboxId,
      clientTimestampNs: toLong(this.unsigned.clientTimestampNs),
      actions: this.pending.map(({ action, signers }) =>
        identityActionToProto(action, signers.map((signer) => this.signatures.get(memberKey(signer)))),
      ),
    }
  }
}
