// Stored group messages and welcomes as the API returns them, and the wrapper-algorithm mapping
// between the wire enums and what the node stores (node-go pkg/types/wrapperAlgorithm.go).
import { welcomePointer, wrapperEncryption, type MlsApiTypes } from "../../engine/proto/index"
import type { StoredGroupMessage, StoredWelcomeMessage, StoredWrapperAlgorithm } from "../store/nodeStore"
import { invalidArgument } from "../errors"
import { toUint64 } from "./wireValues"

const { WelcomeWrapperAlgorithm } = wrapperEncryption
const { WelcomePointerWrapperAlgorithm } = welcomePointer

export function groupMessageToWire(message: StoredGroupMessage): MlsApiTypes.GroupMessage {
  return {
    v1: {
      id: toUint64(message.id),
      createdNs: toUint64(message.createdNs),
      groupId: message.groupId,
      data: message.data,
      senderHmac: message.senderHmac,
      shouldPush: message.shouldPush,
      isCommit: message.isCommit,
    },
  }
}

/** GetNewestGroupMessage without content: id, group, time and the commit flag only. */
export function groupMessageMetadataToWire(message: StoredGroupMessage): MlsApiTypes.GroupMessage {
  return groupMessageToWire({ ...message, data: new Uint8Array(), senderHmac: new Uint8Array(), shouldPush: false })
}

export function welcomeMessageToWire(message: StoredWelcomeMessage): MlsApiTypes.WelcomeMessage {
  const id = toUint64(message.id)
  const createdNs = toUint64(message.createdNs)
  if (message.kind === "pointer") {
    return {
      welcomePointer: {
        id,
        createdNs,
        installationKey: message.installationKey,
        welcomePointer: message.data,
        hpkePublicKey: message.hpkePublicKey,
        wrapperAlgorithm:
          message.wrapperAlgorithm === "xwing-mlkem768-draft6"
            ? WelcomePointerWrapperAlgorithm.WELCOME_POINTER_WRAPPER_ALGORITHM_XWING_MLKEM_768_DRAFT_6
            : WelcomePointerWrapperAlgorithm.WELCOME_POINTER_WRAPPER_ALGORITHM_UNSPECIFIED,
      },
    }
  }
  const wrapperAlgorithm = {
    curve25519: WelcomeWrapperAlgorithm.WELCOME_WRAPPER_ALGORITHM_CURVE25519,
    "xwing-mlkem768-draft6": WelcomeWrapperAlgorithm.WELCOME_WRAPPER_ALGORITHM_XWING_MLKEM_768_DRAFT_6,
    "symmetric-key": WelcomeWrapperAlgorithm.WELCOME_WRAPPER_ALGORITHM_SYMMETRIC_KEY,
  }[message.wrapperAlgorithm]
  return {
    v1: {
      id,
      createdNs,
      installationKey: message.installationKey,
      data: message.data,
      hpkePublicKey: message.hpkePublicKey,
      wrapperAlgorithm,
      welcomeMetadata: message.welcomeMetadata,
    },
  }
}

/** A v1 welcome's algorithm; unspecified or unknown values mean Curve25519 (older clients). */
export function storedWelcomeAlgorithm(algorithm: number): StoredWrapperAlgorithm {
  if (algorithm === WelcomeWrapperAlgorithm.WELCOME_WRAPPER_ALGORITHM_XWING_MLKEM_768_DRAFT_6) return "xwing-mlkem768-draft6"
  if (algorithm === WelcomeWrapperAlgorithm.WELCOME_WRAPPER_ALGORITHM_SYMMETRIC_KEY) return "symmetric-key"
  return "curve25519"
}

/** A welcome pointer's algorithm: X-Wing is the only one defined. */
export function storedWelcomePointerAlgorithm(algorithm: number): StoredWrapperAlgorithm {
  if (algorithm === WelcomePointerWrapperAlgorithm.WELCOME_POINTER_WRAPPER_ALGORITHM_XWING_MLKEM_768_DRAFT_6) {
    return "xwing-mlkem768-draft6"
  }
  const name = WelcomePointerWrapperAlgorithm[algorithm] ?? String(algorithm)
  throw invalidArgument(`invalid welcome pointer wrapper algorithm: invalid welcome pointer wrapper algorithm ${name}`)
}
