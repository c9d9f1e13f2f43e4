// Joining groups from welcomes (libxmtp groups/welcome_sync.rs sync_welcomes and
// groups/welcomes/xmtp_welcome.rs): each welcome after this installation's welcome cursor is
// opened with the key package it names, joined, validated (membership against identity updates,
// DM rules), and stored in one transaction with its "added you" transcript and both cursors. A
// welcome that fails for good is skipped (the cursor moves past it); a transient failure stops the
// pass so later welcomes wait for it.
import { bytesToHex } from "@noble/hashes/utils.js"
import { decode, joinGroup, keyPackageDecoder, privateKeyPackageDecoder, type ClientState } from "ts-mls"
import { isApiError, type WelcomeMessage } from "../api/index"
import { encodeClientState } from "../mls/stateCodec"
import { wrapperAlgorithmOfWelcome } from "../mls/welcomeWrapper"
import { openWelcomePointeeV1, openWelcomeV1, type OpenedWelcome } from "../mls/welcomeWrapperMessages"
import { openWelcomePointer } from "../mls/welcomeWrapperPointer"
import { Long } from "../proto/index"
import { ConsentEntityType, StoredConsentState } from "../storage/consent"
import { CursorKind } from "../storage/cursors"
import { StoredConversationType, StoredMembershipState } from "../storage/groups"
import { nowNs } from "../storage/rows"
import type { GroupContext } from "./context"
import { stitchDmConsent } from "./dmConsent"
import { dmIdFor, validateDmWelcome } from "./dmRules"
import { GroupError } from "./errors"
import { readXmtpGroupContext, type XmtpGroupContext } from "./extensions/index"
import { versionToPauseFor } from "./groupPause"
import { isActiveState } from "./groupState"
import { inboxIdOfCredential } from "./leafMembers"
import { firstCredentialRecorder } from "./mlsContext"
import { welcomeTranscript } from "./transcript"
import { checkInitialMembership } from "./welcomeMembership"

export interface WelcomeFailure {
  /** The welcome's network id. */
  cursor: bigint
  error: GroupError
}

export interface WelcomeSyncResult {
  /** Ids of the groups created or re-joined, in welcome order. */
  joined: Uint8Array[]
  failures: WelcomeFailure[]
}

const WELCOME_LOCK = "welcomes"

export async function syncWelcomes(ctx: GroupContext): Promise<WelcomeSyncResult> {
  return ctx.locks.run(WELCOME_LOCK, async () => {
    const topic = ctx.installation.publicKey
    const afterCursor = ctx.db.cursors.get(topic, CursorKind.Welcome)
    const welcomes = await ctx.api.mls.queryAllWelcomeMessages(topic, { afterCursor })
    // KP-02: welcomes mean senders used the published key package, so it is replaced soon, whether
    // they open or not; asked before processing so a crash in between cannot lose the request.
    if (welcomes.length > 0) ctx.db.keyPackages.requestRotation()
    return processWelcomes(ctx, welcomes)
  })
}

async function processWelcomes(ctx: GroupContext, welcomes: readonly WelcomeMessage[]): Promise<WelcomeSyncResult> {
  const result: WelcomeSyncResult = { joined: [], failures: [] }
  const topic = ctx.installation.publicKey
  for (const welcome of welcomes) {
    if (ctx.db.cursors.get(topic, CursorKind.Welcome) >= welcome.id) continue
    try {
      result.joined.push(await processWelcome(ctx, welcome))
    } catch (error) {
      if (isApiError(error) && error.transient) {
        result.failures.push({ cursor: welcome.id, error: new GroupError("InvalidWelcome", `The welcome could not be processed yet: ${error.message}`, { cause: error }) })
        break
      }
      const typed = error instanceof GroupError ? error : new GroupError("InvalidWelcome", `The welcome is invalid: ${(error as Error).message}`, { cause: error })
      result.failures.push({ cursor: welcome.id, error: typed })
      ctx.db.cursors.advance(topic, CursorKind.Welcome, welcome.id)
    }
  }
  return result
}

async function processWelcome(ctx: GroupContext, welcome: WelcomeMessage): Promise<Uint8Array> {
  const { state, addedBy, messageCursor } = await join(ctx, welcome)
  let context: XmtpGroupContext
  try {
    context = readXmtpGroupContext(state.groupContext.extensions)
  } catch (cause) {
    throw new GroupError("InvalidWelcome", `The welcome's group has no valid XMTP extensions: ${(cause as Error).message}`, { cause })
  }
  await checkInitialMembership(ctx, state, context.membership)
  const groupId = state.groupContext.groupId
  const existing = ctx.db.groups.find(groupId)
  if (existing && existing.isActive && state.groupContext.epoch <= existing.epoch) {
    throw new GroupError("WelcomeAlreadyProcessed", `Already a member of conversation ${bytesToHex(groupId)} at epoch ${existing.epoch}.`)
  }
  const conversationType = conversationTypeOf(context)
  let dmId: string | undefined
  if (conversationType === StoredConversationType.Dm) {
    validateDmWelcome(context, ctx.inboxId, addedBy.inboxId)
    const members = context.metadata.dmMembers!
    dmId = dmIdFor(members.memberOneInboxId, members.memberTwoInboxId)
  }
  const transcript = welcomeTranscript({
    groupId,
    ownInboxId: ctx.inboxId,
    addedByInboxId: addedBy.inboxId,
    addedByInstallationId: addedBy.installationId,
    welcomeCreatedNs: welcome.createdNs,
    commitCursor: messageCursor,
  })
  const blob = encodeClientState(state)
  ctx.db.transaction(() => {
    if (existing) {
      ctx.db.groups.replaceFromWelcome(groupId, welcome.id, blob, state.groupContext.epoch)
      // Re-added after leaving: a member again, whose consent is asked afresh (LEAVE-11).
      const readdedAfterLeaving =
        existing.membershipState === StoredMembershipState.PendingRemove && existing.welcomeSequenceId !== undefined && welcome.id > existing.welcomeSequenceId
      if (readdedAfterLeaving) {
        ctx.db.groups.setMembershipState(groupId, StoredMembershipState.Allowed)
        ctx.db.consent.set(ConsentEntityType.ConversationId, bytesToHex(groupId), StoredConsentState.Unknown, nowNs())
      }
    } else {
      ctx.db.groups.insert({
        id: groupId,
        createdAtNs: nowNs(),
        membershipState: StoredMembershipState.Pending,
        conversationType,
        ...(dmId ? { dmId, lastMessageNs: welcome.createdNs } : {}),
        addedByInboxId: addedBy.inboxId,
        welcomeSequenceId: welcome.id,
        rotatedAtNs: 0n,
        installationsLastCheckedNs: 0n,
        mlsState: blob,
        epoch: state.groupContext.epoch,
        isActive: isActiveState(state),
      })
    }
    const storedDmId = existing ? existing.dmId : dmId
    if (storedDmId) stitchDmConsent(ctx.db, groupId, storedDmId)
    ctx.db.messages.insertOrIgnore(transcript)
    // Joined but paused when the group requires a newer protocol version (META-08).
    const pauseFor = versionToPauseFor(context)
    if (pauseFor !== undefined) ctx.db.pausedGroups.set(groupId, pauseFor)
    if (context.metadata.creatorInboxId === ctx.inboxId) {
      ctx.db.consent.set(ConsentEntityType.ConversationId, bytesToHex(groupId), StoredConsentState.Allowed, nowNs())
    }
    ctx.db.cursors.advance(groupId, CursorKind.Group, messageCursor)
    ctx.db.cursors.advance(ctx.installation.publicKey, CursorKind.Welcome, welcome.id)
  })
  return groupId
}

async function join(ctx: GroupContext, welcome: WelcomeMessage): Promise<{ state: ClientState; addedBy: { inboxId: string; installationId: Uint8Array }; messageCursor: bigint }> {
  const stored = ctx.db.keyPackages.findByWelcomeKey(welcome.hpkePublicKey)
  if (!stored) {
    throw new GroupError("NoMatchingKeyPackage", `The welcome is sealed to key ${bytesToHex(welcome.hpkePublicKey).slice(0, 16)}..., which is none of this installation's key packages.`)
  }
  const keyPackage = decode(keyPackageDecoder, stored.keyPackage)
  const privateKeys = decode(privateKeyPackageDecoder, stored.privateKeyPackage)
  if (!keyPackage || !privateKeys) throw new Error("a stored key package does not decode")
  const invalid = (what: string, cause: unknown) => new GroupError("InvalidWelcome", `${what}: ${(cause as Error).message}`, { cause })
  let opened: OpenedWelcome
  try {
    opened = await openWelcome(ctx, welcome, privateKeys.initPrivateKey, stored.xwing?.privateKey)
  } catch (cause) {
    if (cause instanceof GroupError || isApiError(cause)) throw cause
    throw invalid("The welcome does not open with this installation's keys", cause)
  }
  const recorder = firstCredentialRecorder()
  let state: ClientState
  try {
    state = await joinGroup({ context: { ...ctx.mls, authService: recorder.service }, welcome: opened.welcome, keyPackage, privateKeys })
  } catch (cause) {
    throw invalid("The welcome does not join a valid group", cause)
  }
  const signer = recorder.first()
  if (!signer) throw new GroupError("InvalidWelcome", "The welcome's sender could not be identified.")
  let inboxId: string
  try {
    inboxId = inboxIdOfCredential(signer.credential)
  } catch (cause) {
    throw invalid("The welcome's sender has no XMTP credential", cause)
  }
  return { state, addedBy: { inboxId, installationId: signer.publicKey }, messageCursor: opened.messageCursor ?? 0n }
}

/** A V1 welcome opens with the key it was wrapped to; a pointer leads to the pointee it names. */
async function openWelcome(ctx: GroupContext, welcome: WelcomeMessage, initPrivateKey: Uint8Array, xwingPrivateKey: Uint8Array | undefined): Promise<OpenedWelcome> {
  if (welcome.kind === "v1") {
    const xwing = wrapperAlgorithmOfWelcome(welcome.wrapperAlgorithm) === "xwingMlkem768Draft6"
    if (xwing && !xwingPrivateKey) throw new GroupError("UnsupportedWelcome", "The welcome is wrapped to an X-Wing key this installation does not hold.")
    return openWelcomeV1(welcome, xwing ? xwingPrivateKey! : initPrivateKey)
  }
  if (!xwingPrivateKey) throw new GroupError("UnsupportedWelcome", "Welcome pointers need the X-Wing key this key package does not offer.")
  const pointer = await openWelcomePointer(welcome, xwingPrivateKey)
  const page = await ctx.api.mls.queryWelcomeMessages(pointer.destination, { direction: "ascending", limit: 1 })
  const pointee = page.messages[0]
  if (!pointee || pointee.kind !== "v1") throw new GroupError("InvalidWelcome", "The welcome pointer leads to no welcome.")
  const { kind: _kind, id, createdNs, ...v1 } = pointee
  return openWelcomePointeeV1(pointer, { v1: { ...v1, id: Long.fromString(id.toString(), true), createdNs: Long.fromString(createdNs.toString(), true) } })
}

function conversationTypeOf(context: XmtpGroupContext): StoredConversationType {
  switch (context.metadata.conversationType) {
    case "group":
      return StoredConversationType.Group
    case "dm":
      return StoredConversationType.Dm
    default:
      throw new GroupError("UnsupportedWelcome", `Conversations of type ${context.metadata.conversationType} are not supported.`)
  }
}
