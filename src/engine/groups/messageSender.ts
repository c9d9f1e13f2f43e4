// Which leaf sent a PrivateMessage. ts-mls's processMessage returns an application message's bytes
// but not its sender, so the sender data (RFC 9420 section 6.3.2) is decrypted here, read-only,
// with the secret of the message's epoch. processMessage decrypts the same sender data and checks
// the content's signature against that leaf's key, so once it accepts the message this leaf is
// the authenticated sender.
import type { ClientState, PrivateMessage } from "ts-mls"
import { xmtpCiphersuite } from "../mls/ciphersuite"
import { encodeOpaque } from "../mls/keyPackageLayout"
import { concatBytes, i2osp } from "../mls/cryptoProviderPrimitives"

const SENDER_DATA_LENGTH = 4 + 4 + 4 // leaf_index u32, generation u32, reuse_guard[4]

/** The sender's leaf index, or undefined when the sender data does not decrypt (not for this epoch's keys, or tampered). */
export async function senderLeafIndex(state: ClientState, message: PrivateMessage): Promise<number | undefined> {
  const senderDataSecret =
    message.epoch === state.groupContext.epoch
      ? state.keySchedule.senderDataSecret
      : state.historicalReceiverData.get(message.epoch)?.senderDataSecret
  if (senderDataSecret === undefined) return undefined
  const cs = await xmtpCiphersuite()
  const sample = message.ciphertext.subarray(0, Math.min(cs.kdf.size, message.ciphertext.length))
  const key = await expandWithLabel(senderDataSecret, "key", sample, cs.hpke.keyLength)
  const nonce = await expandWithLabel(senderDataSecret, "nonce", sample, cs.hpke.nonceLength)
  const aad = concatBytes(encodeOpaque(message.groupId), u64(message.epoch), Uint8Array.of(message.contentType))
  let plaintext: Uint8Array
  try {
    plaintext = await cs.hpke.decryptAead(key, nonce, aad, message.encryptedSenderData)
  } catch {
    return undefined
  }
  if (plaintext.length !== SENDER_DATA_LENGTH) return undefined
  return new DataView(plaintext.buffer, plaintext.byteOffset, plaintext.byteLength).getUint32(0)

  async function expandWithLabel(secret: Uint8Array, label: string, context: Uint8Array, length: number): Promise<Uint8Array> {
    const kdfLabel = concatBytes(i2osp(length, 2), encodeOpaque(new TextEncoder().encode(`MLS 1.0 ${label}`)), encodeOpaque(context))
    return cs.kdf.expand(secret, kdfLabel, length)
  }
}

function u64(value: bigint): Uint8Array {
  const out = new Uint8Array(8)
  new DataView(out.buffer).setBigUint64(0, value)
  return out
}
