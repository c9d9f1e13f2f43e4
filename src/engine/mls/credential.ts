// XMTP's MLS credential: a Basic credential whose identity is the protobuf
// `xmtp.identity.MlsCredential { string inbox_id = 1; }` (libxmtp identity.rs create_credential).
import { defaultCredentialTypes, type Credential } from "ts-mls"
import { credential as credentialProto } from "../proto/index.js"
import { CredentialError } from "./errors.js"

const malformed = (message: string) => new CredentialError("Malformed", message)

/** The leaf credential an installation of `inboxId` presents. */
export function xmtpCredential(inboxId: string): Credential {
  return {
    credentialType: defaultCredentialTypes.basic,
    identity: credentialProto.MlsCredential.encode({ inboxId }).finish(),
  }
}

/**
 * Decodes MlsCredential bytes the way prost does (libxmtp's `MlsCredential::decode`): unknown
 * fields are skipped, the last `inbox_id` wins, an absent one is "", and malformed wire data or a
 * string that is not UTF-8 is an error. ts-proto's decoder replaces bad UTF-8 instead of failing,
 * hence this reader.
 */
export function decodeMlsCredential(bytes: Uint8Array): string {
  const reader = new ProtoReader(bytes)
  let inboxId = ""
  while (!reader.done()) {
    const key = reader.varint()
    const field = key >> 3n
    const wireType = Number(key & 7n)
    if (field === 0n) throw malformed("protobuf field number 0")
    if (field === 1n) {
      if (wireType !== 2) throw malformed(`inbox_id has wire type ${wireType}, not 2`)
      const value = reader.lengthDelimited()
      try {
        inboxId = utf8.decode(value)
      } catch {
        throw new CredentialError("NotUtf8", "inbox_id is not valid UTF-8")
      }
    } else {
      reader.skip(wireType, field)
    }
  }
  return inboxId
}

// `fatal` makes invalid UTF-8 throw, as prost rejects it.
const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true })

class ProtoReader {
  private offset = 0
  constructor(private readonly bytes: Uint8Array) {}

  done(): boolean {
    return this.offset >= this.bytes.length
  }

  varint(): bigint {
    let value = 0n
    for (let i = 0; i < 10; i++) {
      const byte = this.bytes[this.offset++]
      if (byte === undefined) throw malformed("truncated varint")
      value |= BigInt(byte & 0x7f) << BigInt(7 * i)
      if ((byte & 0x80) === 0) return value
    }
    throw malformed("varint longer than 10 bytes")
  }

  lengthDelimited(): Uint8Array {
    const length = this.varint()
    const end = BigInt(this.offset) + length
    if (end > BigInt(this.bytes.length)) throw malformed("length-delimited field overruns the buffer")
    const out = this.bytes.subarray(this.offset, Number(end))
    this.offset = Number(end)
    return out
  }

  private advance(count: number): void {
    if (this.offset + count > this.bytes.length) throw malformed("fixed-size field overruns the buffer")
    this.offset += count
  }

  skip(wireType: number, field: bigint): void {
    switch (wireType) {
      case 0:
        this.varint()
        return
      case 1:
        this.advance(8)
        return
      case 2:
        this.lengthDelimited()
        return
      case 3:
        this.skipGroup(field)
        return
      case 5:
        this.advance(4)
        return
      default:
        throw malformed(`invalid wire type ${wireType}`)
    }
  }

  private skipGroup(field: bigint): void {
    for (;;) {
      if (this.done()) throw malformed("unterminated group")
      const key = this.varint()
      const wireType = Number(key & 7n)
      if (wireType === 4) {
        if (key >> 3n !== field) throw malformed("mismatched end group")
        return
      }
      this.skip(wireType, key >> 3n)
    }
  }
}
