// An add that a member's client builds without Parley's checks, from the member's stored state:
// the commit (with whatever membership extension and metadata the test asks for) is published and
// the welcome sent to the newcomer, as a client that skips the group's rules would. What the
// newcomer does with that welcome is the test's subject.
import { decode, defaultProposalTypes, keyPackageDecoder, type Proposal } from "ts-mls"
import { createApiClient, type WelcomeMessageInput } from "../../../../src/engine/api/index"
import { createUnvalidatedCommit } from "../../../../src/engine/groups/commitBuilder"
import { groupContextExtensionsProposal, withMembership, withMutableMetadata } from "../../../../src/engine/groups/contextExtensionUpdates"
import { readXmtpGroupContext } from "../../../../src/engine/groups/extensions/index"
import { xmtpMlsContext } from "../../../../src/engine/groups/mlsContext"
import { welcomeRecipientOf } from "../../../../src/engine/mls/welcomeWrapper"
import { welcomeMessageInputs } from "../../../../src/engine/mls/welcomeWrapperMessages"
import type { EngineHarness, ClientProfile } from "../../engine/support/engineHarness"
import { storedGroupState } from "../../engine/support/mlsStateOnDisk"

export interface ForgedAdd {
  /** Whether the membership extension names the newcomer's inbox (honest) or leaves it out. */
  listNewcomer: boolean
  /** Attributes of the mutable metadata to set in the same commit. */
  attributes?: Record<string, string>
}

/** Publishes the add commit of `newcomer`'s installation built from `member`'s state, and sends its welcome. */
/** A Parley or SDK installation: both clients expose these. */
export interface Installation {
  inboxId: string
  installationIdBytes: Uint8Array
}

export async function publishForgedAdd(h: EngineHarness, member: ClientProfile, groupId: string, newcomer: Installation, forged: ForgedAdd): Promise<void> {
  const api = createApiClient({ apiUrl: h.address })
  try {
    const [keyPackageBytes] = await api.mls.fetchKeyPackages([newcomer.installationIdBytes])
    const keyPackage = decode(keyPackageDecoder, keyPackageBytes!)!
    const [identity] = await api.identity.getIdentityUpdates([{ inboxId: newcomer.inboxId, sequenceId: 0n }])
    const state = storedGroupState(member, groupId)
    const { membership, mutableMetadata } = readXmtpGroupContext(state.groupContext.extensions)
    const members = new Map(membership.members)
    if (forged.listNewcomer) members.set(newcomer.inboxId, identity!.updates.at(-1)!.sequenceId)
    let extensions = withMembership(state.groupContext.extensions, { ...membership, members })
    if (forged.attributes) {
      const attributes = new Map([...mutableMetadata.attributes, ...Object.entries(forged.attributes)])
      extensions = withMutableMetadata(extensions, { ...mutableMetadata, attributes })
    }
    const proposals: Proposal[] = [{ proposalType: defaultProposalTypes.add, add: { keyPackage } }, groupContextExtensionsProposal(extensions)]
    const built = await createUnvalidatedCommit(await xmtpMlsContext(), state, proposals)
    await api.mls.sendGroupMessages([{ data: built.commit, shouldPush: false }])
    const commitCursor = (await api.mls.queryAllGroupMessages(Buffer.from(groupId, "hex"))).at(-1)!.id
    const inputs = await welcomeMessageInputs({ welcome: built.welcome!, messageCursor: commitCursor, recipients: [welcomeRecipientOf(keyPackage)] })
    await api.mls.sendWelcomeMessages(
      inputs.map((input): WelcomeMessageInput => {
        if (!input.v1) throw new Error("expected a V1 welcome for a single recipient")
        return { kind: "v1", ...input.v1 }
      }),
    )
  } finally {
    api.close()
  }
}
