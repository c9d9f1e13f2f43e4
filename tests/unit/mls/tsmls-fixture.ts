// Small groups built only through ts-mls's public API, for the regression tests of the patched
// library (tests/unit/mls/tsmls-*.test.ts).
import {
  createApplicationMessage,
  createCommit,
  createGroup,
  defaultCapabilities,
  defaultCredentialTypes,
  defaultProposalTypes,
  generateKeyPackage,
  joinGroup,
  processMessage,
  unsafeTestingAuthenticationService,
  type CiphersuiteImpl,
  type ClientConfig,
  type ClientState,
  type CreateCommitResult,
  type GroupContextExtension,
  type KeyPackage,
  type MlsContext,
  type MlsFramedMessage,
  type PrivateKeyPackage,
  type Proposal,
} from "ts-mls"

export const utf8 = (text: string) => new TextEncoder().encode(text)
export const fromUtf8 = (bytes: Uint8Array) => new TextDecoder().decode(bytes)

export interface Member {
  name: string
  publicPackage: KeyPackage
  privatePackage: PrivateKeyPackage
}

export function mlsContext(cipherSuite: CiphersuiteImpl, clientConfig?: ClientConfig): MlsContext {
  return { cipherSuite, authService: unsafeTestingAuthenticationService, clientConfig }
}

/** A key package whose capabilities list `extensionTypes` besides the defaults. */
export async function newMember(cipherSuite: CiphersuiteImpl, name: string, extensionTypes: number[] = []): Promise<Member> {
  const capabilities = defaultCapabilities()
  capabilities.extensions = [...capabilities.extensions, ...extensionTypes]
  const { publicPackage, privatePackage } = await generateKeyPackage({
    credential: { credentialType: defaultCredentialTypes.basic, identity: utf8(name) },
    capabilities,
    cipherSuite,
  })
  return { name, publicPackage, privatePackage }
}

export const addProposal = (member: Member): Proposal => ({
  proposalType: defaultProposalTypes.add,
  add: { keyPackage: member.publicPackage },
})

export const removeProposal = (leafIndex: number): Proposal => ({
  proposalType: defaultProposalTypes.remove,
  remove: { removed: leafIndex },
})

export const groupContextExtensionsProposal = (extensions: GroupContextExtension[]): Proposal => ({
  proposalType: defaultProposalTypes.group_context_extensions,
  groupContextExtensions: { extensions },
})

/** The first member creates the group and adds the others in one commit; leaf i is members[i]. */
export async function groupOf(
  context: MlsContext,
  members: Member[],
  extensions: GroupContextExtension[] = [],
): Promise<ClientState[]> {
  const [creator, ...others] = members
  if (creator === undefined) throw new Error("a group needs a creator")
  const created = await createGroup({
    context,
    groupId: utf8(`group of ${creator.name}`),
    keyPackage: creator.publicPackage,
    privateKeyPackage: creator.privatePackage,
    extensions,
  })
  if (others.length === 0) return [created]
  const { newState, welcome } = await createCommit({
    context,
    state: created,
    extraProposals: others.map(addProposal),
    ratchetTreeExtension: true,
  })
  if (welcome === undefined) throw new Error("an add commit has a welcome")
  const joined = await Promise.all(
    others.map((member) =>
      joinGroup({ context, welcome: welcome.welcome, keyPackage: member.publicPackage, privateKeys: member.privatePackage }),
    ),
  )
  return [newState, ...joined]
}

/** Processes a handshake message that must produce a new state (not an application message). */
export async function applyHandshake(context: MlsContext, state: ClientState, message: MlsFramedMessage): Promise<ClientState> {
  const result = await processMessage({ context, state, message })
  if (result.kind !== "newState") throw new Error("expected a handshake message")
  return result.newState
}

/**
 * Commits `proposals` from states[committer] and has every other member process it. A state that
 * was removed earlier stays in its slot untouched, so indexes keep naming the same members.
 */
export async function commitToAll(
  context: MlsContext,
  states: ClientState[],
  committer: number,
  proposals: Proposal[],
): Promise<{ states: ClientState[]; result: CreateCommitResult }> {
  const committing = states[committer]
  if (committing === undefined) throw new Error(`no member ${committer}`)
  const result = await createCommit({ context, state: committing, extraProposals: proposals })
  const next = await Promise.all(
    states.map((state, i) =>
      i === committer
        ? result.newState
        : state.groupActiveState.kind === "removedFromGroup"
          ? state
          : applyHandshake(context, state, result.commit),
    ),
  )
  return { states: next, result }
}

export async function sendText(context: MlsContext, state: ClientState, text: string) {
  return createApplicationMessage({ context, state, message: utf8(text) })
}

export async function readText(context: MlsContext, state: ClientState, message: MlsFramedMessage): Promise<string> {
  const result = await processMessage({ context, state, message })
  if (result.kind !== "applicationMessage") throw new Error("expected an application message")
  return fromUtf8(result.message)
}
