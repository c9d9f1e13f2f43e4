// What the node checks before it stores anything. The production node asks a separate validation
// service (libxmtp's mls_validation_service); here the same rules run in-process, from the engine.
// Tests may inject other validators to exercise storage and RPC semantics on their own.
import { verifyIdentityUpdate } from "../engine/identity/verifyIdentityUpdate"
import { parseGroupMessageHeader } from "../engine/mls/groupMessageHeader"
import { validateKeyPackage } from "../engine/mls/keyPackageValidation"
import type { AssociationTypes } from "../engine/proto/index"

export interface NodeValidators {
  /** Throws when the key package is not one libxmtp would accept. */
  validateKeyPackage(bytes: Uint8Array): Promise<{ installationKey: Uint8Array; inboxId: string; notAfterSeconds: bigint }>
  /** Throws when `update` does not apply on top of the inbox's `history` (oldest first). */
  validateIdentityUpdate(
    history: AssociationTypes.IdentityUpdate[],
    update: AssociationTypes.IdentityUpdate,
  ): Promise<{ addedMembers: AssociationTypes.MemberIdentifier[]; removedMembers: AssociationTypes.MemberIdentifier[] }>
  /** Throws unless the bytes are an MLS group message (public or private); `isCommit` covers proposals too. */
  parseGroupMessage(bytes: Uint8Array): { groupId: Uint8Array; epoch: bigint; isCommit: boolean }
}

export const defaultValidators: NodeValidators = {
  validateKeyPackage: (bytes) => validateKeyPackage(bytes),
  validateIdentityUpdate: (history, update) => verifyIdentityUpdate(history, update),
  parseGroupMessage: (bytes) => parseGroupMessageHeader(bytes),
}
