// Inbox ids: sha256 hex of the owner's identifier text followed by the decimal nonce
// (libxmtp `Identifier::inbox_id`). The SDK registers new inboxes with nonce 1.
import { sha256 } from "@noble/hashes/sha2.js"
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js"
import { DEFAULT_INBOX_NONCE } from "./constants"
import { AssociationError } from "./errors"
import { isEthereumAddress } from "./ethereum"
import { type AccountIdentifier, ethereumMember, memberText } from "./memberIdentifier"

/**
 * The inbox id `owner` gets with `nonce`. The text is taken as given (libxmtp does not lowercase it
 * here), so callers pass the lowercase address; a malformed address is rejected.
 */
export function inboxIdFor(owner: AccountIdentifier | string, nonce: bigint = DEFAULT_INBOX_NONCE): string {
  const identifier = typeof owner === "string" ? ethereumMember(owner) : owner
  if (identifier.kind === "ethereum" && !isEthereumAddress(identifier.address)) {
    throw new AssociationError(
      "InvalidAccountAddress",
      `"${identifier.address}" is not an Ethereum address: expected 0x followed by 40 hex digits.`,
    )
  }
  if (nonce < 0n || nonce >= 1n << 64n) {
    throw new AssociationError("Malformed", `Inbox nonce ${nonce} is outside the unsigned 64-bit range.`)
  }
  return bytesToHex(sha256(utf8ToBytes(`${memberText(identifier)}${nonce.toString(10)}`)))
}
