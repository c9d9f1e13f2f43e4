// The group messages the node benchmark publishes: well-formed MLS PrivateMessages (the node reads
// their clear header, as the reference node's validator does) whose ciphertext carries what the
// subscribers need to measure: the phase, a sequence number and the publisher's monotonic send time.
// Both processes read CLOCK_MONOTONIC (process.hrtime), which is one clock for the whole machine.
import { randomBytes } from "node:crypto"
import { contentTypes, encode, mlsMessageEncoder, protocolVersions, wireformats } from "ts-mls"
import { Long, mlsApi } from "../../src/engine/proto/index"

export const BENCH_PHASE = { warmup: 0, latency: 1, throughput: 2 } as const
export type BenchPhase = (typeof BENCH_PHASE)[keyof typeof BENCH_PHASE]

/** About the size of a short text message as libxmtp sends it. */
const CIPHERTEXT_BYTES = 384
const STAMP_BYTES = 1 + 4 + 8

export interface Stamp {
  phase: BenchPhase
  seq: number
  sentAtNs: bigint
}

export function benchGroupMessage(groupId: Uint8Array, stamp: Stamp): Uint8Array {
  const ciphertext = new Uint8Array(CIPHERTEXT_BYTES)
  // Random tail: the node deduplicates identical payloads, and real ciphertext does not compress.
  ciphertext.set(randomBytes(CIPHERTEXT_BYTES - STAMP_BYTES), STAMP_BYTES)
  const view = new DataView(ciphertext.buffer)
  view.setUint8(0, stamp.phase)
  view.setUint32(1, stamp.seq)
  view.setBigUint64(5, stamp.sentAtNs)
  return encode(mlsMessageEncoder, {
    version: protocolVersions.mls10,
    wireformat: wireformats.mls_private_message,
    privateMessage: {
      groupId,
      epoch: 1n,
      contentType: contentTypes.application,
      authenticatedData: new Uint8Array(),
      encryptedSenderData: new Uint8Array(randomBytes(32)),
      ciphertext,
    },
  })
}

export function benchSendRequest(groupId: Uint8Array, stamp: Stamp): Uint8Array {
  const data = benchGroupMessage(groupId, stamp)
  return mlsApi.SendGroupMessagesRequest.encode({
    messages: [{ v1: { data, senderHmac: new Uint8Array(), shouldPush: true } }],
  }).finish()
}

/** Reads the node's id and the stamp of a streamed GroupMessage; the ciphertext is the message's last field. */
export function readStamp(groupMessageBytes: Uint8Array): Stamp & { id: bigint } {
  const message = mlsApi.GroupMessage.decode(groupMessageBytes).v1
  const data = message?.data
  if (!message || !data || data.length < CIPHERTEXT_BYTES) throw new Error("streamed message is not a benchmark message")
  const view = new DataView(data.buffer, data.byteOffset + data.length - CIPHERTEXT_BYTES, STAMP_BYTES)
  return {
    id: BigInt(message.id.toString()),
    phase: view.getUint8(0) as BenchPhase,
    seq: view.getUint32(1),
    sentAtNs: view.getBigUint64(5),
  }
}

export function subscribeRequest(groupId: Uint8Array): Uint8Array {
  return mlsApi.SubscribeGroupMessagesRequest.encode({ filters: [{ groupId, idCursor: Long.UZERO }] }).finish()
}
