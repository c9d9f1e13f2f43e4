// An inbox's account as the public API shows it (node-bindings Identifier): an Ethereum address, or
// a passkey's public key in hex.
import type { AccountIdentifier } from "../identity/index"
import type { Identifier } from "./publicTypes"

export function publicIdentifier(account: AccountIdentifier): Identifier {
  return account.kind === "ethereum"
    ? { identifier: account.address, identifierKind: 0 }
    : { identifier: Buffer.from(account.publicKey).toString("hex"), identifierKind: 1 }
}
