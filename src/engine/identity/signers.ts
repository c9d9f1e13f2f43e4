// Wallet signers with exactly the shape @xmtp/node-sdk 6 accepts (its `Signer`/`EOASigner`), so the
// same object can register through the official SDK and through Parley.
import { secp256k1 } from "@noble/curves/secp256k1.js"
import { ethereumAddressFromPublicKey, eip191Hash } from "./ethereum"

/** The node-bindings `IdentifierKind` const enum: Ethereum = 0, Passkey = 1. */
export const IdentifierKind = { Ethereum: 0, Passkey: 1 } as const
export type IdentifierKind = (typeof IdentifierKind)[keyof typeof IdentifierKind]

/** An externally owned account: signs with EIP-191 `personal_sign`. */
export interface Signer {
  type: "EOA"
  getIdentifier(): { identifier: string; identifierKind: typeof IdentifierKind.Ethereum }
  /** 65 bytes r || s || v, v in {27, 28}, as wallets return from `personal_sign`. */
  signMessage(message: string): Promise<Uint8Array>
}

export type EoaSigner = Signer & { address: string; privateKey: Uint8Array }

/** A wallet signer backed by a secp256k1 private key (a fresh random one when none is given). */
export function createEoaSigner(privateKey?: Uint8Array): EoaSigner {
  const secret = privateKey ? Uint8Array.from(privateKey) : secp256k1.utils.randomSecretKey()
  const address = ethereumAddressFromPublicKey(secp256k1.getPublicKey(secret, false))
  return {
    type: "EOA",
    address,
    privateKey: secret,
    getIdentifier: () => ({ identifier: address, identifierKind: IdentifierKind.Ethereum }),
    signMessage: async (message: string) => signPersonalMessage(secret, message),
  }
}

/** EIP-191 `personal_sign` over the UTF-8 message: 65 bytes r || s || v with v = 27 + recovery id. */
export function signPersonalMessage(privateKey: Uint8Array, message: string): Uint8Array {
  const recovered = secp256k1.sign(eip191Hash(message), privateKey, { prehash: false, format: "recovered" })
  // noble puts the recovery id first; Ethereum wallets put it last, offset by 27.
  const out = new Uint8Array(65)
  out.set(recovered.subarray(1), 0)
  out[64] = 27 + recovered[0]!
  return out
}
