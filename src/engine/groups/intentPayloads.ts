// Turning a queued intent into what goes on the wire, against the group's current MLS state
// (libxmtp get_publish_intent_data): an application message is encrypted now; a commit is built,
// validated with the rules its receivers apply (ts-mls defect 5: a commit receivers would reject
// must never be sent), and kept pending until it is read back from the group.
import { createApplicationMessage, encode, mlsMessageEncoder, type ClientState, type Proposal } from "ts-mls"
import type { StoredIntent } from "../storage/intents"
import { IntentKind } from "../storage/intents"
import { createUnvalidatedCommit } from "./commitBuilder"
import type { GroupContext } from "./context"
import { groupContextExtensionsProposal } from "./contextExtensionUpdates"
import { CommitValidationError } from "./errors"
import { decodeGroupUpdate, extensionsAfterUpdate } from "./groupUpdateIntents"
import { decodeMembershipIntent, type SendWelcomesAction } from "./intentData"
import { membershipCommitPlan } from "./membershipUpdate"
import { validateCommit } from "./validatedCommit"
import type { ValidatedCommit } from "./validatedCommitTypes"
import type { WelcomeRecipient } from "../mls/welcomeWrapper"

export interface PublishData {
  /** The MLSMessage to send. */
  payload: Uint8Array
  epoch: bigint
  /** The state to store when the payload is saved for sending. */
  stateAfterPublish: ClientState
  commit?: {
    /** The state the group moves to once the commit is read back. */
    staged: ClientState
    summary: ValidatedCommit
    welcomes?: SendWelcomesAction
  }
}

/** Thrown when this installation's own commit fails validation; it is never sent. */
export class OwnCommitRejected extends Error {
  override readonly name = "OwnCommitRejected"
  constructor(
    readonly stateIfDiscarded: ClientState,
    readonly reason: CommitValidationError,
  ) {
    super(`This installation's commit would be rejected by the group: ${reason.message}`, { cause: reason })
  }
}

/** Undefined when the intent no longer changes anything (e.g. the members were already added). */
export async function buildPublishData(ctx: GroupContext, intent: StoredIntent, state: ClientState): Promise<PublishData | undefined> {
  const epoch = state.groupContext.epoch
  switch (intent.kind) {
    case IntentKind.SendMessage: {
      const { newState, message } = await createApplicationMessage({ context: ctx.mls, state, message: intent.data })
      return { payload: encode(mlsMessageEncoder, message), epoch, stateAfterPublish: newState }
    }
    case IntentKind.KeyUpdate:
      return buildCommit(ctx, state, [], [])
    case IntentKind.UpdateGroupMembership: {
      const plan = await membershipCommitPlan(ctx, state, decodeMembershipIntent(intent.data))
      return plan && buildCommit(ctx, state, plan.proposals, plan.recipients)
    }
    case IntentKind.MetadataUpdate:
    case IntentKind.UpdateAdminList:
    case IntentKind.UpdatePermission: {
      const extensions = extensionsAfterUpdate(state.groupContext.extensions, decodeGroupUpdate(intent.data))
      return buildCommit(ctx, state, [groupContextExtensionsProposal(extensions)], [])
    }
    default:
      throw new Error(`intent kind ${intent.kind} is not published by this version`)
  }
}

async function buildCommit(ctx: GroupContext, state: ClientState, proposals: Proposal[], recipients: WelcomeRecipient[]): Promise<PublishData> {
  const built = await createUnvalidatedCommit(ctx.mls, state, proposals)
  const ownLeaf = state.privatePath.leafIndex
  let summary: ValidatedCommit
  try {
    summary = await validateCommit(ctx.resolver, {
      before: state,
      after: built.newState,
      committerLeafIndex: ownLeaf,
      proposals: proposals.map((proposal) => ({ proposal, senderLeafIndex: ownLeaf })),
    })
  } catch (error) {
    if (error instanceof CommitValidationError) throw new OwnCommitRejected(built.stateIfDiscarded, error)
    throw error
  }
  const welcome = built.welcome && recipients.length > 0 ? { welcome: built.welcome, recipients } : undefined
  return {
    payload: built.commit,
    epoch: state.groupContext.epoch,
    stateAfterPublish: built.stateIfDiscarded,
    commit: { staged: built.newState, summary, ...(welcome ? { welcomes: welcome } : {}) },
  }
}
