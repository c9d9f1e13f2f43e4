// The secret Parley keeps per profile in the OS keychain: the database key and the account's
// secp256k1 signing key, as versioned JSON so a later version can change the layout and still read
// what an earlier one stored.
import { secp256k1 } from "@noble/curves/secp256k1.js"
import { bytesToHex, hexToBytes } from "@noble/hashes/utils.js"
import { z } from "zod"
import { KeychainError } from "./keychainErrors"

export const DB_KEY_BYTES = 32
export const ACCOUNT_KEY_BYTES = 32

export interface ProfileSecret {
  /** The key of the profile's encrypted SQLite database. */
  dbKey: Uint8Array
  /** The secp256k1 private key of the profile's Ethereum account (its XMTP identity's owner). */
  accountKey: Uint8Array
}

const hex32 = z.string().regex(/^[0-9a-f]{64}$/)
const storedSecretV1 = z.strictObject({ version: z.literal(1), dbKey: hex32, accountKey: hex32 })

export function encodeProfileSecret(secret: ProfileSecret): string {
  return JSON.stringify({ version: 1, dbKey: bytesToHex(secret.dbKey), accountKey: bytesToHex(secret.accountKey) })
}

/** Reads a stored secret; anything but a well-formed version-1 secret is Corrupt (never silently replaced). */
export function decodeProfileSecret(text: string, where: string): ProfileSecret {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    throw corrupt(where, "it is not JSON")
  }
  const parsed = storedSecretV1.safeParse(json)
  if (!parsed.success) {
    const version = typeof json === "object" && json !== null && "version" in json ? String(json.version) : "none"
    throw corrupt(where, version === "1" ? "its fields are malformed" : `its format version is ${version}, and this Parley reads version 1`)
  }
  const accountKey = hexToBytes(parsed.data.accountKey)
  if (!secp256k1.utils.isValidSecretKey(accountKey)) throw corrupt(where, "its account key is not a valid secp256k1 key")
  return { dbKey: hexToBytes(parsed.data.dbKey), accountKey }
}

/**
 * An account key typed or pasted by the user: 64 hex digits, with or without 0x, that is a valid
 * secp256k1 scalar (1 ≤ k < n).
 */
export function parseAccountKey(input: string): Uint8Array {
  const hex = input.trim().replace(/^0x/i, "")
  if (!/^[0-9a-fA-F]*$/.test(hex)) {
    throw new KeychainError("InvalidAccountKey", "The account key must be written in hexadecimal (0-9, a-f), optionally starting with 0x.")
  }
  if (hex.length !== ACCOUNT_KEY_BYTES * 2) {
    throw new KeychainError(
      "InvalidAccountKey",
      `The account key must be ${ACCOUNT_KEY_BYTES} bytes (${ACCOUNT_KEY_BYTES * 2} hex digits); this one has ${hex.length} hex digits.`,
    )
  }
  const key = hexToBytes(hex.toLowerCase())
  if (!secp256k1.utils.isValidSecretKey(key)) {
    throw new KeychainError("InvalidAccountKey", "That value is not a usable secp256k1 private key (it is zero or not below the curve order). Check that the whole key was copied.")
  }
  return key
}

function corrupt(where: string, why: string): KeychainError {
  return new KeychainError(
    "Corrupt",
    `The keychain entry ${where} cannot be read: ${why}. Parley leaves it untouched so no key is lost; ` +
      "if it was written by a newer Parley, update Parley; otherwise restore the entry from a backup, or delete it to start this profile afresh.",
  )
}
