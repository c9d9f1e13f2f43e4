// Who sits at the leaves of a group's ratchet tree: each leaf's inbox id (from its MlsCredential)
// and installation id (its signature key), as libxmtp reads them (inbox_id_from_credential).
import { defaultCredentialTypes, nodeTypes, type Credential, type LeafNode, type RatchetTree } from "ts-mls"
import { decodeMlsCredential } from "../mls/credential"

export interface LeafMember {
  leafIndex: number
  inboxId: string
  installationId: Uint8Array
}

/** The inbox id a leaf's credential names; throws for a credential that is not an XMTP one. */
export function inboxIdOfLeaf(leaf: LeafNode): string {
  return inboxIdOfCredential(leaf.credential)
}

export function inboxIdOfCredential(credential: Credential): string {
  if (credential.credentialType !== defaultCredentialTypes.basic || !("identity" in credential)) {
    throw new TypeError(`credential type ${credential.credentialType} is not Basic`)
  }
  return decodeMlsCredential(credential.identity)
}

export function leafAt(tree: RatchetTree, leafIndex: number): LeafNode | undefined {
  const node = tree[leafIndex * 2]
  return node?.nodeType === nodeTypes.leaf ? node.leaf : undefined
}

export function leafMemberAt(tree: RatchetTree, leafIndex: number): LeafMember | undefined {
  const leaf = leafAt(tree, leafIndex)
  return leaf && { leafIndex, inboxId: inboxIdOfLeaf(leaf), installationId: leaf.signaturePublicKey }
}

export function leafMembers(tree: RatchetTree): LeafMember[] {
  const members: LeafMember[] = []
  for (let leafIndex = 0; leafIndex * 2 < tree.length; leafIndex++) {
    const member = leafMemberAt(tree, leafIndex)
    if (member) members.push(member)
  }
  return members
}
