// Real nodes on real databases (databases.ts), MLS group messages built byte by byte, and test
// validators for key packages and identity updates (the real ones need real signatures; the
// interop suite covers them).
import { mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { randomBytes } from "node:crypto"
import { AssociationError } from "../../../../src/engine/identity/errors"
import { KeyPackageError } from "../../../../src/engine/mls/errors"
import type { AssociationTypes } from "../../../../src/engine/proto/index"
import { startNode, type NodeDatabase, type RunningNode } from "../../../../src/server/node"
import { defaultValidators, type NodeValidators } from "../../../../src/server/validators"
import { RawClient } from "./rawClient"

export interface TestDir {
  dir: string
  dbPath: string
  remove(): Promise<void>
}

export async function testDir(): Promise<TestDir> {
  const dir = await mkdtemp(join(tmpdir(), "parley-node-"))
  return { dir, dbPath: join(dir, "node.db"), remove: () => rm(dir, { recursive: true, force: true }) }
}

export interface TestNode {
  node: RunningNode
  client: RawClient
  /** Stops the client and the node (idempotent). */
  stop(): Promise<void>
}

export async function startTestNode(database: NodeDatabase, validators: NodeValidators = testValidators): Promise<TestNode> {
  const node = await startNode({ port: 0, database, logLevel: "silent", validators })
  const client = new RawClient(node.address)
  return {
    node,
    client,
    stop: async () => {
      client.close()
      await node.stop()
    },
  }
}

// --- MLS group messages -------------------------------------------------------------------------

/** RFC 9420 variable-length vector prefix (lengths below 2^14 are enough here). */
function vector(bytes: Uint8Array): number[] {
  const n = bytes.length
  if (n < 64) return [n, ...bytes]
  if (n < 16384) return [0x40 | (n >> 8), n & 0xff, ...bytes]
  throw new Error("vector too long for this helper")
}

const CONTENT_TYPES = { application: 1, proposal: 2, commit: 3 } as const

/** A TLS-encoded MLSMessage carrying a PrivateMessage; the ciphertext is opaque to the node. */
export function privateMessage(
  groupId: Uint8Array,
  options: { contentType?: keyof typeof CONTENT_TYPES; ciphertext?: Uint8Array; epoch?: bigint } = {},
): Uint8Array {
  const epoch = new Uint8Array(8)
  new DataView(epoch.buffer).setBigUint64(0, options.epoch ?? 1n)
  return Uint8Array.from([
    0, 1, // mls10
    0, 2, // mls_private_message
    ...vector(groupId),
    ...epoch,
    CONTENT_TYPES[options.contentType ?? "application"],
    ...vector(new Uint8Array()), // authenticated_data
    ...vector(randomBytes(16)), // encrypted_sender_data
    ...vector(options.ciphertext ?? randomBytes(32)),
  ])
}

export const randomId = (length = 32): Uint8Array => new Uint8Array(randomBytes(length))

// --- Test validators ----------------------------------------------------------------------------

const KEY_PACKAGE_MAGIC = "test-kp:"

/** A stand-in key package the test validator accepts: it names its installation key. */
export function testKeyPackage(installationKey: Uint8Array, version = 1): Uint8Array {
  return new TextEncoder().encode(`${KEY_PACKAGE_MAGIC}${Buffer.from(installationKey).toString("hex")}:v${version}`)
}

const sameMember = (a: AssociationTypes.MemberIdentifier, b: AssociationTypes.MemberIdentifier): boolean =>
  a.ethereumAddress === b.ethereumAddress &&
  Buffer.from(a.installationPublicKey ?? []).equals(Buffer.from(b.installationPublicKey ?? []))

/**
 * Group messages: the node's real parser. Key packages: the stand-in format above. Identity
 * updates: creation first, adds and revokes as stated, no signature checks.
 */
export const testValidators: NodeValidators = {
  parseGroupMessage: defaultValidators.parseGroupMessage,
  async validateKeyPackage(bytes) {
    const text = new TextDecoder().decode(bytes)
    const match = /^test-kp:([0-9a-f]+):v\d+$/.exec(text)
    if (!match?.[1]) throw new KeyPackageError("Malformed", "not a test key package")
    return { installationKey: Buffer.from(match[1], "hex"), inboxId: "", notAfterSeconds: 0n }
  },
  async validateIdentityUpdate(history, update) {
    const creates = update.actions.filter((action) => action.createInbox)
    if (history.length === 0 && creates.length === 0) throw new AssociationError("NotCreated", "the inbox has not been created")
    if (history.length > 0 && creates.length > 0) throw new AssociationError("MultipleCreate", "the inbox already exists")
    const addedMembers: AssociationTypes.MemberIdentifier[] = []
    const removedMembers: AssociationTypes.MemberIdentifier[] = []
    for (const action of update.actions) {
      if (action.createInbox) addedMembers.push({ ethereumAddress: action.createInbox.initialIdentifier })
      if (action.add?.newMemberIdentifier) addedMembers.push(action.add.newMemberIdentifier)
      const revoked = action.revoke?.memberToRevoke
      if (revoked) {
        removedMembers.push(revoked)
        const index = addedMembers.findIndex((member) => sameMember(member, revoked))
        if (index >= 0) addedMembers.splice(index, 1)
      }
    }
    return { addedMembers, removedMembers }
  },
}

/**
 * The test validators, also recording how much history each identity update was decided
 * against. Each decision yields first, so decisions the node failed to serialise would interleave.
 */
export function recordingValidators(): { validators: NodeValidators; historyLengthsSeen: number[] } {
  const historyLengthsSeen: number[] = []
  const validators: NodeValidators = {
    ...testValidators,
    validateIdentityUpdate: async (history, update) => {
      historyLengthsSeen.push(history.length)
      await new Promise((resolve) => setTimeout(resolve, 2))
      return testValidators.validateIdentityUpdate(history, update)
    },
  }
  return { validators, historyLengthsSeen }
}
