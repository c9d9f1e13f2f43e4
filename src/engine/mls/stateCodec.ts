// How a group's ts-mls ClientState is stored. ts-mls's own encoding carries no version and has
// changed between its releases, so every blob starts with Parley's header: the bytes "PM" and a
// format version that names exactly which library encoding follows. A blob from another format
// is refused, never guessed at.
//
// The state holds private keys (leaf and path HPKE keys, the signature key, epoch secrets). This
// codec does not encrypt: the blobs are only ever written to the encrypted database
// (src/engine/storage/encryptedDatabase.ts), which encrypts them at rest.
import { clientStateDecoder, clientStateEncoder, encode, type ClientState } from "ts-mls"

const MAGIC = Uint8Array.of(0x50, 0x4d) // "PM": Parley MLS state
const HEADER_LENGTH = MAGIC.length + 1

/** Format 1: ts-mls 2.0.0-rc.10's clientStateEncoder, as patched in patches/ts-mls+2.0.0-rc.10.patch. */
export const CLIENT_STATE_FORMAT_VERSION = 1

export type ClientStateCodecErrorCode =
  | "NotAClientState" // no Parley header: not a stored group state, or from before the header existed
  | "UnsupportedVersion" // a format this build does not know (written by a newer Parley)
  | "Malformed" // the header is right but the library encoding does not decode exactly

export class ClientStateCodecError extends Error {
  override readonly name = "ClientStateCodecError"
  constructor(
    readonly code: ClientStateCodecErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
  }
}

export function encodeClientState(state: ClientState): Uint8Array {
  const body = encode(clientStateEncoder, state)
  const out = new Uint8Array(HEADER_LENGTH + body.length)
  out.set(MAGIC, 0)
  out[MAGIC.length] = CLIENT_STATE_FORMAT_VERSION
  out.set(body, HEADER_LENGTH)
  return out
}

/** The library encoding inside a stored state, after its header is checked (throws ClientStateCodecError). */
export function clientStateBody(stored: Uint8Array): Uint8Array {
  if (stored.length < HEADER_LENGTH || stored[0] !== MAGIC[0] || stored[1] !== MAGIC[1]) {
    throw new ClientStateCodecError("NotAClientState", "These bytes are not a stored Parley group state.")
  }
  const version = stored[MAGIC.length]
  if (version !== CLIENT_STATE_FORMAT_VERSION) {
    throw new ClientStateCodecError(
      "UnsupportedVersion",
      `This group state uses storage format ${version}, which this version of Parley cannot read (it reads format ${CLIENT_STATE_FORMAT_VERSION}); update Parley.`,
    )
  }
  return stored.subarray(HEADER_LENGTH)
}

export function decodeClientState(stored: Uint8Array): ClientState {
  // The library's decoder returns views into its input; a private copy keeps the state intact
  // if the caller reuses or wipes its buffer.
  const body = clientStateBody(stored).slice()
  let decoded: [ClientState, number] | undefined
  try {
    decoded = clientStateDecoder(body, 0)
  } catch (cause) {
    throw new ClientStateCodecError("Malformed", "The stored group state is corrupt and cannot be decoded.", { cause })
  }
  if (decoded === undefined || decoded[1] !== body.length) {
    throw new ClientStateCodecError("Malformed", "The stored group state is corrupt and cannot be decoded.")
  }
  return decoded[0]
}
