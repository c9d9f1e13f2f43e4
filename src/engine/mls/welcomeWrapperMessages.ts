// The welcome messages of the XMTP API, built and opened as libxmtp does: the
// WelcomeMessageInputs a commit's welcome becomes (send_welcomes in groups/mls_sync.rs of
// node-bindings-1.10.0), and the MLS Welcome plus WelcomeMetadata recovered from a received
// WelcomeMessage (DecryptedWelcome::from_welcome_proto in groups/mls_ext/decrypted_welcome.rs).
import { decode, mlsMessageDecoder, wireformats, type Welcome } from "ts-mls"
import { Long, mlsApi, type MlsApiTypes } from "../proto/index"
import { unwrapWelcome, wrapWelcome, wrapperAlgorithmOfWelcome, wrapperAlgorithmValue, type WelcomeRecipient } from "./welcomeWrapper"
import { WelcomeError } from "./welcomeWrapperErrors"
import { WELCOME_POINTER_THRESHOLD, openWelcomePointee, preparePointer, takesWelcomePointer, type DecryptedWelcomePointer } from "./welcomeWrapperPointer"

export interface WelcomeInputsParams {
  /** The commit's Welcome as an MLSMessage (what OpenMLS serialises and libxmtp wraps). */
  welcome: Uint8Array
  /** The cursor of the commit that added the recipients; libxmtp sends 0 when it has none. */
  messageCursor?: bigint
  recipients: readonly WelcomeRecipient[]
}

/**
 * The WelcomeMessageInputs for one commit: a V1 per recipient, or, when more than two recipients
 * take pointers, one pointee first and a pointer for each of those recipients. Deviation from
 * libxmtp: only X-Wing recipients count and get pointers (see welcomeWrapperPointer.ts).
 */
export async function welcomeMessageInputs(params: WelcomeInputsParams): Promise<MlsApiTypes.WelcomeMessageInput[]> {
  const metadata = encodeWelcomeMetadata(params.messageCursor ?? 0n)
  const pointerCapable = params.recipients.filter(takesWelcomePointer).length
  const prepared = pointerCapable > WELCOME_POINTER_THRESHOLD ? preparePointer(params.welcome, metadata) : undefined
  const inputs: MlsApiTypes.WelcomeMessageInput[] = prepared ? [{ v1: prepared.pointee }] : []
  for (const recipient of params.recipients) {
    const wrapperAlgorithm = wrapperAlgorithmValue(recipient.wrapperAlgorithm)
    if (prepared && takesWelcomePointer(recipient)) {
      const { data } = await wrapWelcome(prepared.pointerBytes, new Uint8Array(0), recipient.hpkePublicKey, recipient.wrapperAlgorithm)
      inputs.push({
        welcomePointer: { installationKey: recipient.installationKey, welcomePointer: data, hpkePublicKey: recipient.hpkePublicKey, wrapperAlgorithm },
      })
    } else {
      const wrapped = await wrapWelcome(params.welcome, metadata, recipient.hpkePublicKey, recipient.wrapperAlgorithm)
      inputs.push({
        v1: {
          installationKey: recipient.installationKey,
          data: wrapped.data,
          hpkePublicKey: recipient.hpkePublicKey,
          wrapperAlgorithm,
          welcomeMetadata: wrapped.welcomeMetadata,
        },
      })
    }
  }
  return inputs
}

export function encodeWelcomeMetadata(messageCursor: bigint): Uint8Array {
  return mlsApi.WelcomeMetadata.encode({ messageCursor: Long.fromString(messageCursor.toString(), true) }).finish()
}

export interface OpenedWelcome {
  welcome: Welcome
  /** The MLSMessage bytes the welcome came in. */
  welcomeBytes: Uint8Array
  /** WelcomeMetadata.message_cursor, when the sender included metadata that decodes. */
  messageCursor?: bigint
}

/**
 * Opens a V1 welcome with the private key matching its hpke_public_key (the key package's init
 * key, or its X-Wing key when wrapper_algorithm is 2). Metadata that does not decode is ignored.
 */
export async function openWelcomeV1(
  v1: Pick<MlsApiTypes.WelcomeMessage_V1, "data" | "welcomeMetadata" | "wrapperAlgorithm">,
  privateKey: Uint8Array,
): Promise<OpenedWelcome> {
  const algorithm = wrapperAlgorithmOfWelcome(v1.wrapperAlgorithm)
  const { welcome, welcomeMetadata } = await unwrapWelcome(v1.data, v1.welcomeMetadata, privateKey, algorithm)
  let messageCursor: bigint | undefined
  try {
    messageCursor = decodeWelcomeMetadata(welcomeMetadata)
  } catch {
    messageCursor = undefined
  }
  return openedWelcome(welcome, messageCursor)
}

/**
 * Decrypts the pointee a pointer (opened with openWelcomePointer) names: the first welcome at the
 * pointer's destination, fetched with QueryWelcomeMessages for that installation key. Unlike V1,
 * metadata that does not decode is an error here.
 */
export function openWelcomePointeeV1(pointer: DecryptedWelcomePointer, pointee: MlsApiTypes.WelcomeMessage): OpenedWelcome {
  if (!pointee.v1) throw new WelcomeError("WrongMessageKind", "the first welcome at a pointer's destination must be a V1 welcome")
  const { welcome, welcomeMetadata } = openWelcomePointee(pointer, pointee.v1)
  return openedWelcome(welcome, decodeWelcomeMetadata(welcomeMetadata))
}

/** message_cursor of a WelcomeMetadata, or undefined for empty metadata. */
export function decodeWelcomeMetadata(bytes: Uint8Array): bigint | undefined {
  if (bytes.length === 0) return undefined
  try {
    return BigInt(mlsApi.WelcomeMetadata.decode(bytes).messageCursor.toString())
  } catch (error) {
    throw new WelcomeError("InvalidMetadata", "the welcome metadata is not a WelcomeMetadata protobuf", { cause: error })
  }
}

function openedWelcome(welcomeBytes: Uint8Array, messageCursor: bigint | undefined): OpenedWelcome {
  let message
  try {
    message = decode(mlsMessageDecoder, welcomeBytes)
  } catch (error) {
    throw new WelcomeError("NotAWelcome", "the unwrapped welcome is not an MLSMessage", { cause: error })
  }
  if (!message || message.wireformat !== wireformats.mls_welcome) {
    throw new WelcomeError("NotAWelcome", "the unwrapped bytes are not an MLSMessage carrying a Welcome")
  }
  return { welcome: message.welcome, welcomeBytes, ...(messageCursor === undefined ? {} : { messageCursor }) }
}
