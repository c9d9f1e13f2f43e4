// How the drafts file is sealed: AES-256-GCM under a key derived (HKDF-SHA256, its own info label)
// from the profile's database key, so the drafts need no secret of their own in the keychain and
// the database key itself never encrypts anything but the database. The file is
// MAGIC || 12-byte random nonce || ciphertext || 16-byte tag, with MAGIC as associated data.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto"
import { DraftStoreError } from "./draftStoreErrors"

const MAGIC = Buffer.from("PARLEY-DRAFTS-1\n", "utf8")
const KEY_INFO = "parley drafts v1 aes-256-gcm"
const NONCE_BYTES = 12
const TAG_BYTES = 16

/** The drafts key of a profile whose database key is `dbKey`. */
export function deriveDraftKey(dbKey: Uint8Array): Uint8Array {
  return new Uint8Array(hkdfSync("sha256", dbKey, new Uint8Array(), KEY_INFO, 32))
}

export function sealDrafts(key: Uint8Array, plaintext: Uint8Array): Uint8Array {
  const nonce = randomBytes(NONCE_BYTES)
  const cipher = createCipheriv("aes-256-gcm", key, nonce).setAAD(MAGIC)
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()])
  return Buffer.concat([MAGIC, nonce, body, cipher.getAuthTag()])
}

/** The plaintext; throws DraftStoreError Unreadable when `sealed` is not a drafts file this key opens. */
export function openDrafts(key: Uint8Array, sealed: Uint8Array): Uint8Array {
  const bytes = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength)
  if (bytes.length < MAGIC.length + NONCE_BYTES + TAG_BYTES || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new DraftStoreError("Unreadable", "The drafts file is not one Parley wrote (its header is wrong or it is cut short).")
  }
  const nonce = bytes.subarray(MAGIC.length, MAGIC.length + NONCE_BYTES)
  const tag = bytes.subarray(bytes.length - TAG_BYTES)
  const decipher = createDecipheriv("aes-256-gcm", key, nonce).setAAD(MAGIC).setAuthTag(tag)
  try {
    return Buffer.concat([decipher.update(bytes.subarray(MAGIC.length + NONCE_BYTES, bytes.length - TAG_BYTES)), decipher.final()])
  } catch (error) {
    throw new DraftStoreError("Unreadable", "The drafts file does not open with this profile's key: it was written under another key or is damaged.", { cause: error })
  }
}
