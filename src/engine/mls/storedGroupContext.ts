// The group context of a stored group state, read without decoding the rest. A stored state is
// ts-mls's ClientState encoding, which starts with the GroupContext (RFC 9420 §8.1: version,
// cipher suite, group id, epoch, tree hash, confirmed transcript hash, extensions); the ratchet
// tree, key schedule and secret tree after it are what makes a full decode costly, and listing
// conversations needs none of them. ts-mls does not export its GroupContext decoder, so the TLS
// fields are read here; format changes are caught by stateCodec's version header.
import { makeCustomExtension, type CustomExtension } from "ts-mls"
import { ClientStateCodecError, clientStateBody } from "./stateCodec"

export interface StoredGroupContext {
  epoch: bigint
  /**
   * The extensions whose data ts-mls keeps opaque (every XMTP extension); the two it decodes into
   * structures (external senders, required capabilities) are left out.
   */
  extensions: CustomExtension[]
}

/** RFC 9420 extension types that ts-mls decodes into structures rather than bytes. */
const STRUCTURED_EXTENSION_TYPES = new Set([3, 5])

class Reader {
  private offset = 0
  constructor(private readonly bytes: Uint8Array) {}

  uint16(): number {
    this.need(2)
    const value = (this.bytes[this.offset]! << 8) | this.bytes[this.offset + 1]!
    this.offset += 2
    return value
  }

  uint64(): bigint {
    this.need(8)
    const value = new DataView(this.bytes.buffer, this.bytes.byteOffset + this.offset, 8).getBigUint64(0)
    this.offset += 8
    return value
  }

  /** An opaque<V>: MLS variable-length integer length (1, 2 or 4 bytes), then the bytes. */
  vector(): Uint8Array {
    this.need(1)
    const first = this.bytes[this.offset]!
    const prefix = first >> 6
    if (prefix === 3) throw malformed()
    const size = 1 << prefix
    this.need(size)
    let length = first & 0x3f
    for (let i = 1; i < size; i++) length = length * 256 + this.bytes[this.offset + i]!
    this.offset += size
    this.need(length)
    const data = this.bytes.subarray(this.offset, this.offset + length)
    this.offset += length
    return data
  }

  get done(): boolean {
    return this.offset === this.bytes.length
  }

  private need(count: number): void {
    if (this.offset + count > this.bytes.length) throw malformed()
  }
}

const malformed = () => new ClientStateCodecError("Malformed", "The stored group state is corrupt and cannot be decoded.")

/** Throws ClientStateCodecError as decodeClientState does for a blob that is not a readable state. */
export function readStoredGroupContext(stored: Uint8Array): StoredGroupContext {
  const reader = new Reader(clientStateBody(stored))
  reader.uint16() // protocol version
  reader.uint16() // cipher suite
  reader.vector() // group id
  const epoch = reader.uint64()
  reader.vector() // tree hash
  reader.vector() // confirmed transcript hash
  const list = new Reader(reader.vector())
  const extensions: CustomExtension[] = []
  while (!list.done) {
    const extensionType = list.uint16()
    const extensionData = list.vector()
    if (!STRUCTURED_EXTENSION_TYPES.has(extensionType)) extensions.push(makeCustomExtension({ extensionType, extensionData: extensionData.slice() }))
  }
  return { epoch, extensions }
}
