// An XMTP v2 identity key delegated by a wallet: the shape of `LegacyDelegatedSignature` that
// libxmtp accepts for nonce-0 inboxes of wallets that used XMTP v2.
import { secp256k1 } from "@noble/curves/secp256k1.js"
import { Long, legacyPublicKey, type SignatureTypes } from "../../../../src/engine/proto/index"
import { signPersonalMessage, type EoaSigner } from "../../../../src/engine/identity/signers"
import { legacyCreateIdentityText } from "../../../../src/engine/identity/verifiedSignature"

export interface LegacyKey {
  sign(text: string): SignatureTypes.Signature
}

export async function createLegacyKey(wallet: EoaSigner): Promise<LegacyKey> {
  const secret = secp256k1.utils.randomSecretKey()
  const keyBytes = legacyPublicKey.UnsignedPublicKey.encode({
    createdNs: Long.fromNumber(Date.now() * 1e6, true),
    secp256k1Uncompressed: { bytes: secp256k1.getPublicKey(secret, false) },
  }).finish()
  const walletSignature = await wallet.signMessage(legacyCreateIdentityText(keyBytes))
  const delegatedKey = {
    keyBytes,
    signature: { walletEcdsaCompact: { bytes: walletSignature.subarray(0, 64), recovery: walletSignature[64]! - 27 } },
  }
  return {
    sign: (text) => ({ delegatedErc191: { delegatedKey, signature: { bytes: signPersonalMessage(secret, text) } } }),
  }
}
