// Verification of the signatures an identity update carries (libxmtp `verified_signature.rs`).
// Each verified signature names the member that produced it; the association rules then decide
// whether that member may do what the action asks.
import { p256 } from "@noble/curves/nist.js"
import { sha256 } from "@noble/hashes/sha2.js"
import { bytesToHex } from "@noble/hashes/utils.js"
import { legacyPublicKey, type SignatureTypes } from "../proto/index"
import { AssociationError } from "./errors"
import { ethereumAddressFromPublicKey, recoverPersonalSign } from "./ethereum"
import { verifyInstallationSignature } from "./installationKey"
import { type MemberIdentifier, ethereumMember, installationMember, passkeyMember } from "./memberIdentifier"

export type SignatureKind = "erc191" | "erc1271" | "installationKey" | "legacyDelegated" | "p256"

export interface VerifiedSignature {
  signer: MemberIdentifier
  kind: SignatureKind
  /** The bytes recorded against replay (for ECDSA: with s lowered; for passkeys: compact r || s). */
  rawBytes: Uint8Array
}

/** Verifies one `Signature` proto over `text`; throws AssociationError when libxmtp would refuse it. */
export function verifySignature(text: string, signature: SignatureTypes.Signature | undefined): VerifiedSignature {
  if (signature?.erc191) return verifyErc191(text, signature.erc191.bytes)
  if (signature?.installationKey) {
    return verifyInstallationKey(text, signature.installationKey.bytes, signature.installationKey.publicKey)
  }
  if (signature?.passkey) return verifyPasskey(text, signature.passkey)
  if (signature?.delegatedErc191) return verifyLegacyDelegated(text, signature.delegatedErc191)
  if (signature?.erc6492) {
    throw new AssociationError(
      "SmartContractWalletUnsupported",
      `Smart-contract-wallet signature from ${signature.erc6492.accountId} cannot be checked: ERC-1271 verification needs a chain RPC, which Parley does not use.`,
    )
  }
  throw new AssociationError("Malformed", "An identity action is missing a signature.")
}

function invalid(what: string): AssociationError {
  return new AssociationError("InvalidSignature", `${what} signature does not verify over the identity update's text.`)
}

export function verifyErc191(text: string, bytes: Uint8Array): VerifiedSignature {
  const recovered = recoverPersonalSign(text, bytes)
  if (!recovered) throw invalid("Ethereum (EIP-191)")
  return { signer: ethereumMember(recovered.address), kind: "erc191", rawBytes: recovered.normalizedBytes }
}

export function verifyInstallationKey(text: string, bytes: Uint8Array, publicKey: Uint8Array): VerifiedSignature {
  if (!verifyInstallationSignature(text, bytes, publicKey)) throw invalid("Installation key (Ed25519ph)")
  return { signer: installationMember(Uint8Array.from(publicKey)), kind: "installationKey", rawBytes: Uint8Array.from(bytes) }
}

/**
 * WebAuthn assertion: the client data's challenge must be the base64url (unpadded) text, and the
 * P-256 DER signature must verify over authenticatorData || sha256(clientDataJSON). The member is
 * the SEC1 public key; the relying party is the client data's origin.
 */
export function verifyPasskey(text: string, passkey: SignatureTypes.RecoverablePasskeySignature): VerifiedSignature {
  const clientData = parseClientData(passkey.clientDataJson)
  if (clientData.challenge !== Buffer.from(text, "utf8").toString("base64url")) {
    throw new AssociationError("InvalidSignature", "Passkey client data does not challenge the identity update's text.")
  }
  let verified = false
  let compact: Uint8Array
  try {
    p256.Point.fromBytes(passkey.publicKey)
    compact = p256.Signature.fromBytes(passkey.signature, "der").toBytes("compact")
    const signed = new Uint8Array(passkey.authenticatorData.length + 32)
    signed.set(passkey.authenticatorData, 0)
    signed.set(sha256(passkey.clientDataJson), passkey.authenticatorData.length)
    verified = p256.verify(compact, signed, passkey.publicKey, { lowS: false })
  } catch {
    throw invalid("Passkey (P-256)")
  }
  if (!verified) throw invalid("Passkey (P-256)")
  return { signer: passkeyMember(Uint8Array.from(passkey.publicKey), clientData.origin), kind: "p256", rawBytes: compact }
}

function parseClientData(json: Uint8Array): { origin: string; challenge: string } {
  let parsed: unknown
  try {
    parsed = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(json))
  } catch {
    throw new AssociationError("InvalidSignature", "Passkey client data is not valid UTF-8 JSON.")
  }
  const data = parsed as { origin?: unknown; challenge?: unknown } | null
  if (typeof data !== "object" || data === null || typeof data.origin !== "string" || typeof data.challenge !== "string") {
    throw new AssociationError("InvalidSignature", "Passkey client data lacks a string origin and challenge.")
  }
  return { origin: data.origin, challenge: data.challenge }
}

/** The text an XMTP v2 wallet signed to create its identity key. */
export function legacyCreateIdentityText(serializedKey: Uint8Array): string {
  return `XMTP : Create Identity\n${bytesToHex(serializedKey)}\n\nFor more info: https://xmtp.org/signatures/`
}

/**
 * XMTP v2 delegation: the legacy identity key signs the text, and carries the wallet's signature of
 * that key. The signer is the wallet; the replay bytes are the wallet's (normalised) signature, so a
 * legacy key can be used once per inbox log.
 */
export function verifyLegacyDelegated(text: string, delegated: SignatureTypes.LegacyDelegatedSignature): VerifiedSignature {
  if (!delegated.signature || !delegated.delegatedKey) {
    throw new AssociationError("Malformed", "A legacy delegated signature lacks its signature or its delegated key.")
  }
  const byLegacyKey = recoverPersonalSign(text, delegated.signature.bytes)
  if (!byLegacyKey) throw invalid("Legacy key (EIP-191)")
  const { keyBytes, signature } = delegated.delegatedKey
  const compact = signature?.walletEcdsaCompact ?? signature?.ecdsaCompact
  if (!compact) throw invalid("Legacy key's wallet")
  // libxmtp appends the recovery id as one byte (truncating the u32) and requires 65 bytes.
  const walletSignature = new Uint8Array(compact.bytes.length + 1)
  walletSignature.set(compact.bytes, 0)
  walletSignature[compact.bytes.length] = compact.recovery & 0xff
  const byWallet = walletSignature.length === 65 ? recoverPersonalSign(legacyCreateIdentityText(keyBytes), walletSignature) : undefined
  if (!byWallet) throw invalid("Legacy key's wallet")
  let legacyKeyAddress: string
  try {
    const unsignedKey = legacyPublicKey.UnsignedPublicKey.decode(keyBytes)
    if (!unsignedKey.secp256k1Uncompressed) throw new Error("no secp256k1 key")
    legacyKeyAddress = ethereumAddressFromPublicKey(unsignedKey.secp256k1Uncompressed.bytes)
  } catch {
    throw invalid("Legacy key (undecodable key)")
  }
  if (legacyKeyAddress !== byLegacyKey.address) throw invalid("Legacy key")
  return { signer: ethereumMember(byWallet.address), kind: "legacyDelegated", rawBytes: byWallet.normalizedBytes }
}
