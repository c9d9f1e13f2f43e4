// ts-mls functions the package root does not export, reached by file path (its `exports` map
// only exposes "."). The module instances are the same ones the library itself runs, patch
// included. Only tests import this file: the MLS working group's vectors address steps of the
// protocol (tree math, key schedule, secret tree, ...) that no public call isolates.
export { determineLength } from "../../../../node_modules/ts-mls/dist/src/codec/variableLength.js"
export { refhash } from "../../../../node_modules/ts-mls/dist/src/crypto/hash.js"
export { decryptWithLabel, encryptWithLabel } from "../../../../node_modules/ts-mls/dist/src/crypto/hpke.js"
export { deriveSecret, deriveTreeSecret, expandWithLabel } from "../../../../node_modules/ts-mls/dist/src/crypto/kdf.js"
export { signWithLabel, verifyWithLabel } from "../../../../node_modules/ts-mls/dist/src/crypto/signature.js"
export { treeHash, treeHashRoot } from "../../../../node_modules/ts-mls/dist/src/treeHash.js"
export { verifyParentHashes } from "../../../../node_modules/ts-mls/dist/src/parentHash.js"
export { groupContextEncoder } from "../../../../node_modules/ts-mls/dist/src/groupContext.js"
export { initializeEpoch } from "../../../../node_modules/ts-mls/dist/src/keySchedule.js"
export { computePskSecret } from "../../../../node_modules/ts-mls/dist/src/presharedkey.js"
export { createSecretTree, ratchetToGeneration } from "../../../../node_modules/ts-mls/dist/src/secretTree.js"
export { expandSenderDataKey, expandSenderDataNonce } from "../../../../node_modules/ts-mls/dist/src/sender.js"
export { createConfirmedHash, createInterimHash } from "../../../../node_modules/ts-mls/dist/src/transcriptHash.js"
export { createConfirmationTag } from "../../../../node_modules/ts-mls/dist/src/framedContent.js"
export { authenticatedContentDecoder } from "../../../../node_modules/ts-mls/dist/src/authenticatedContent.js"
export { left, parent, right, root, sibling } from "../../../../node_modules/ts-mls/dist/src/treemath.js"
export {
  addLeafNodeMutable,
  ratchetTreeDecoder,
  ratchetTreeEncoder,
  removeLeafNodeMutable,
  resolution,
  updateLeafNodeMutable,
} from "../../../../node_modules/ts-mls/dist/src/ratchetTree.js"
export {
  addDecoder,
  addEncoder,
  externalInitDecoder,
  externalInitEncoder,
  groupContextExtensionsDecoder,
  groupContextExtensionsEncoder,
  proposalDecoder,
  proposalEncoder,
  pskDecoder,
  pskEncoder,
  reinitDecoder,
  reinitEncoder,
  removeDecoder,
  removeEncoder,
  updateDecoder,
  updateEncoder,
} from "../../../../node_modules/ts-mls/dist/src/proposal.js"
export { commitDecoder, commitEncoder } from "../../../../node_modules/ts-mls/dist/src/commit.js"
export { groupSecretsDecoder, groupSecretsEncoder } from "../../../../node_modules/ts-mls/dist/src/groupSecrets.js"
export { decryptGroupInfo, decryptGroupSecrets } from "../../../../node_modules/ts-mls/dist/src/welcome.js"
export { verifyGroupInfoConfirmationTag, verifyGroupInfoSignature } from "../../../../node_modules/ts-mls/dist/src/groupInfo.js"
export { protect, unprotectPrivateMessage } from "../../../../node_modules/ts-mls/dist/src/messageProtection.js"
export { protectPublicMessage, unprotectPublicMessage } from "../../../../node_modules/ts-mls/dist/src/messageProtectionPublic.js"
export { updatePathDecoder, applyUpdatePath } from "../../../../node_modules/ts-mls/dist/src/updatePath.js"
export { applyUpdatePathSecret } from "../../../../node_modules/ts-mls/dist/src/createCommit.js"
export { pathToRoot } from "../../../../node_modules/ts-mls/dist/src/pathSecrets.js"
export { toPrivateKeyPath } from "../../../../node_modules/ts-mls/dist/src/privateKeyPath.js"
export { validateRatchetTree } from "../../../../node_modules/ts-mls/dist/src/clientState.js"
