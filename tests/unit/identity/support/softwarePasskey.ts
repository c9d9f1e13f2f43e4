// A WebAuthn authenticator in software: a P-256 key that answers an assertion whose challenge is
// the identity update's text, as a browser passkey would (clientDataJSON + authenticatorData).
import { p256 } from "@noble/curves/nist.js"
import { sha256 } from "@noble/hashes/sha2.js"
import { concatBytes, utf8ToBytes } from "@noble/hashes/utils.js"
import type { SignatureTypes } from "../../../../src/engine/proto/index"

export interface SoftwarePasskey {
  /** Uncompressed SEC1 public key: the passkey member's identity. */
  publicKey: Uint8Array
  origin: string
  sign(text: string): SignatureTypes.Signature
}

export function createSoftwarePasskey(origin = "https://parley.test"): SoftwarePasskey {
  const secret = p256.utils.randomSecretKey()
  const publicKey = p256.getPublicKey(secret, false)
  // rpIdHash || flags (user present + user verified) || signature counter.
  const authenticatorData = concatBytes(sha256(utf8ToBytes(new URL(origin).hostname)), Uint8Array.of(0x05, 0, 0, 0, 1))
  return {
    publicKey,
    origin,
    sign(text) {
      const clientData = { type: "webauthn.get", challenge: Buffer.from(text, "utf8").toString("base64url"), origin, crossOrigin: false }
      const clientDataJson = utf8ToBytes(JSON.stringify(clientData))
      const signature = p256.sign(concatBytes(authenticatorData, sha256(clientDataJson)), secret, { format: "der" })
      return { passkey: { publicKey, signature, authenticatorData, clientDataJson } }
    },
  }
}
