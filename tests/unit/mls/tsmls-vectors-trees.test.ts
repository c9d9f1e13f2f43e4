// MLS working group vectors for the ratchet tree: tree-validation and treekem (cipher suite 3)
// and tree-operations (published for suite 1 only; it needs SHA-256 and Ed25519, which suite 3
// shares), against the patched ts-mls with the node:crypto provider.
import { beforeAll, describe, expect, it } from "vitest"
import {
  decode,
  defaultLifetimeConfig,
  defaultProposalTypes,
  encode,
  isDefaultProposal,
  unsafeTestingAuthenticationService,
  type CiphersuiteImpl,
  type GroupContext,
  type LeafIndex,
  type RatchetTree,
} from "ts-mls"
import { xmtpCiphersuite } from "../../../src/engine/mls/ciphersuite"
import { hex, loadVectors, toHex } from "./vectors/load"
import {
  addLeafNodeMutable,
  applyUpdatePath,
  applyUpdatePathSecret,
  deriveSecret,
  pathToRoot,
  proposalDecoder,
  ratchetTreeDecoder,
  ratchetTreeEncoder,
  removeLeafNodeMutable,
  resolution,
  root,
  toPrivateKeyPath,
  treeHash,
  treeHashRoot,
  updateLeafNodeMutable,
  updatePathDecoder,
  validateRatchetTree,
  verifyParentHashes,
} from "./vectors/tsmlsInternals"

let cs: CiphersuiteImpl
beforeAll(async () => {
  cs = await xmtpCiphersuite()
})

function decodeTree(bytes: string): RatchetTree {
  const tree = decode(ratchetTreeDecoder, hex(bytes))
  if (tree === undefined) throw new Error("ratchet tree did not decode")
  return tree
}

const leaf = (index: number) => index as LeafIndex
type NodeIndex = Parameters<typeof treeHash>[1]
const node = (index: number) => index as NodeIndex

describe("tree-validation (suite 3)", () => {
  interface TreeValidation { tree: string; group_id: string; tree_hashes: string[]; resolutions: number[][] }
  loadVectors<TreeValidation>("tree-validation").forEach((vector, index) => {
    it(`case ${index}: ${vector.tree_hashes.length} nodes`, async () => {
      const tree = decodeTree(vector.tree)
      for (let i = 0; i < vector.tree_hashes.length; i++) {
        expect({ node: i, hash: toHex(await treeHash(tree, node(i), cs.hash)) }).toEqual({ node: i, hash: vector.tree_hashes[i] })
        expect({ node: i, resolution: resolution(tree, node(i)) }).toEqual({ node: i, resolution: vector.resolutions[i] })
      }
      expect(await verifyParentHashes(tree, cs.hash)).toBe(true)
      // What a joiner runs on a received tree: leaf signatures, key uniqueness, parent and tree hashes.
      const rootHash = await treeHashRoot(tree, cs.hash)
      const groupContext: GroupContext = {
        version: 1,
        cipherSuite: 3,
        groupId: hex(vector.group_id),
        epoch: 0n,
        treeHash: rootHash,
        confirmedTranscriptHash: new Uint8Array(0),
        extensions: [],
      }
      expect(await validateRatchetTree(tree, groupContext, defaultLifetimeConfig, unsafeTestingAuthenticationService, rootHash, cs)).toBeUndefined()
    })
  })
})

describe("tree-operations (suite 1 vectors, suite 3 hash)", () => {
  interface TreeOperation {
    tree_before: string; proposal: string; proposal_sender: number
    tree_hash_before: string; tree_after: string; tree_hash_after: string
  }
  loadVectors<TreeOperation>("tree-operations").forEach((vector, index) => {
    it(`case ${index}`, async () => {
      const tree = decodeTree(vector.tree_before)
      expect(toHex(await treeHashRoot(tree, cs.hash))).toBe(vector.tree_hash_before)
      const proposal = decode(proposalDecoder, hex(vector.proposal))
      if (proposal === undefined || !isDefaultProposal(proposal)) throw new Error("expected a default proposal")
      switch (proposal.proposalType) {
        case defaultProposalTypes.add:
          addLeafNodeMutable(tree, proposal.add.keyPackage.leafNode)
          break
        case defaultProposalTypes.update:
          updateLeafNodeMutable(tree, proposal.update.leafNode, leaf(vector.proposal_sender))
          break
        case defaultProposalTypes.remove:
          removeLeafNodeMutable(tree, leaf(proposal.remove.removed))
          break
        default:
          throw new Error(`unexpected proposal type ${proposal.proposalType}`)
      }
      expect(toHex(encode(ratchetTreeEncoder, tree))).toBe(vector.tree_after)
      expect(toHex(await treeHashRoot(tree, cs.hash))).toBe(vector.tree_hash_after)
    })
  })
})

describe("treekem (suite 3)", () => {
  interface LeafPrivate { index: number; encryption_priv: string; signature_priv: string; path_secrets: { node: number; path_secret: string }[] }
  interface UpdatePathCase { sender: number; update_path: string; path_secrets: (string | null)[]; commit_secret: string; tree_hash_after: string }
  interface TreeKem {
    group_id: string; epoch: number; confirmed_transcript_hash: string; ratchet_tree: string
    leaves_private: LeafPrivate[]; update_paths: UpdatePathCase[]
  }

  loadVectors<TreeKem>("treekem").forEach((vector, index) => {
    it(`case ${index}: ${vector.update_paths.length} update paths, each decrypted by every other member`, async () => {
      for (const updatePathCase of vector.update_paths) {
        const path = decode(updatePathDecoder, hex(updatePathCase.update_path))
        if (path === undefined) throw new Error("UpdatePath did not decode")
        const tree = decodeTree(vector.ratchet_tree)
        await applyUpdatePath(tree, leaf(updatePathCase.sender), path, cs.hash)
        const treeHashAfter = await treeHashRoot(tree, cs.hash)
        expect(toHex(treeHashAfter)).toBe(updatePathCase.tree_hash_after)
        expect(await verifyParentHashes(tree, cs.hash)).toBe(true)

        const provisional: GroupContext = {
          version: 1,
          cipherSuite: 3,
          groupId: hex(vector.group_id),
          epoch: BigInt(vector.epoch),
          treeHash: treeHashAfter,
          confirmedTranscriptHash: hex(vector.confirmed_transcript_hash),
          extensions: [],
        }
        // path_secrets is indexed by leaf: the secret each leaf decrypts (null for the sender and blanks).
        for (const member of vector.leaves_private) {
          const expected = updatePathCase.path_secrets[member.index]
          if (member.index === updatePathCase.sender) continue
          if (expected === null || expected === undefined) throw new Error(`no path secret for leaf ${member.index}`)
          const held = Object.fromEntries(member.path_secrets.map(({ node: n, path_secret }) => [n, hex(path_secret)]))
          const keys = await toPrivateKeyPath(held, member.index, cs)
          keys.privateKeys[2 * member.index] = hex(member.encryption_priv)
          const { nodeIndex, pathSecret } = await applyUpdatePathSecret(tree, keys, leaf(updatePathCase.sender), provisional, path, [], cs)
          expect({ receiver: member.index, pathSecret: toHex(pathSecret) }).toEqual({ receiver: member.index, pathSecret: expected })
          const secrets = await pathToRoot(tree, nodeIndex, pathSecret, cs.kdf)
          const rootSecret = secrets[root((tree.length + 1) / 2)]
          if (rootSecret === undefined) throw new Error("no root path secret")
          expect(toHex(await deriveSecret(rootSecret, "path", cs.kdf))).toBe(updatePathCase.commit_secret)
        }
      }
    })
  })
})
