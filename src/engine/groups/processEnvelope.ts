// Processing one group envelope in order (libxmtp mls_sync.rs process_message_inner): an envelope
// this installation published resolves its intent; any other is decrypted, validated and applied.
// Whatever an envelope produces (new MLS state, stored message or transcript, intent state) is
// written in one transaction with the cursor that moves past it.
import { sha256 } from "@noble/hashes/sha2.js"
import { decode, mlsMessageDecoder, processMessage, type ClientState, type MlsPrivateMessage, type ProposalWithSender } from "ts-mls"
import { isApiError, type GroupMessage } from "../api/index"
import { recordReceivedDeletion } from "../content/enrichmentDeletions"
import { XMTP_MAX_PAST_EPOCHS } from "../mls/ciphersuite"
import { parseGroupMessageHeader } from "../mls/groupMessageHeader"
import { decodeClientState } from "../mls/stateCodec"
import { content as contentProto } from "../proto/index"
import { CursorKind } from "../storage/cursors"
import { IntentKind, IntentState, type StoredIntent } from "../storage/intents"
import { StoredDeliveryStatus, StoredMessageKind, type StoredMessage } from "../storage/messages"
import { nowNs } from "../storage/rows"
import type { GroupContext } from "./context"
import { CommitValidationError, MessageProcessingError } from "./errors"
import { readXmtpGroupContext } from "./extensions/index"
import { minimumVersionOf, pausedMessage } from "./groupPause"
import { loadGroup, saveGroupState } from "./groupState"
import { isIdentityFailure } from "./installationInState"
import { leafMemberAt } from "./leafMembers"
import { calculateMessageId } from "./messageId"
import { messageExpiryFor, withExpiry } from "./messageExpiry"
import { clearRemovedFromPending, pendingRemovalsOf, recordLeaveRequest } from "./pendingRemovals"
import { senderLeafIndex } from "./messageSender"
import { parseProtocolVersion, unmetMinimumVersion } from "./protocolVersion"
import { queryableContentFields } from "./queryableContent"
import { commitTranscript } from "./transcript"
import { validateCommit } from "./validatedCommit"
import { decodeValidatedCommit } from "./validatedCommitTypes"
import { unlessRepeatedInDm } from "./dmTranscriptDedupe"

/** Call with the group's lock held. Throws MessageProcessingError; the caller decides about the cursor. */
export async function processEnvelope(ctx: GroupContext, groupId: Uint8Array, envelope: GroupMessage): Promise<void> {
  if (ctx.db.cursors.get(groupId, CursorKind.Group) >= envelope.id) return
  const fail = (code: MessageProcessingError["code"], message: string, cause?: unknown) =>
    new MessageProcessingError(code, envelope.id, message, cause === undefined ? undefined : { cause })

  let header
  try {
    header = parseGroupMessageHeader(envelope.data)
  } catch (cause) {
    throw fail("MalformedEnvelope", "the envelope is not an MLS group message", cause)
  }
  const { state } = loadGroup(ctx.db, groupId)
  const intent = ctx.db.intents.findByPayloadHash(sha256(envelope.data))
  if (intent && equalBytes(intent.groupId, groupId)) return processOwn(ctx, groupId, envelope, intent, state, header.epoch)

  if (header.wireFormat !== "private") throw fail("UnsupportedMessageType", "XMTP groups only carry PrivateMessages")
  const framed = decode(mlsMessageDecoder, envelope.data) as MlsPrivateMessage
  if (!equalBytes(framed.privateMessage.groupId, groupId)) throw fail("MalformedEnvelope", "the message names another group")
  const epoch = state.groupContext.epoch
  // libxmtp's fork signal wording (process_group_message_error_for_fork_detection); ordered sync
  // records it (receiveMessages), since a message from an epoch never reached means a commit
  // this member did not apply was applied by others.
  if (header.epoch > epoch) {
    throw fail("FutureEpoch", `Message cursor [${envelope.id}] epoch [${header.epoch}] is greater than group epoch [${epoch}], your group may be forked`)
  }
  if (header.isCommit && header.epoch < epoch) {
    // Another commit took that epoch: routine whenever members commit at once. libxmtp skips it
    // without failing the sync (SyncSummary::is_errored ignores processing errors), and so does Parley.
    ctx.db.cursors.advance(groupId, CursorKind.Group, envelope.id)
    return
  }
  if (header.epoch + BigInt(XMTP_MAX_PAST_EPOCHS) < epoch) throw fail("OldEpoch", `epoch ${header.epoch} is older than the keys kept at epoch ${epoch}`)

  const sender = await senderLeafIndex(state, framed.privateMessage)
  if (sender === undefined) throw fail("Undecryptable", "the sender data does not decrypt with this member's keys")
  let captured: { senderLeafIndex: number | undefined; proposals: ProposalWithSender[] } | undefined
  let result
  try {
    result = await processMessage({
      context: ctx.mls,
      state,
      message: framed,
      callback: (incoming) => {
        if (incoming.kind === "commit") captured = { senderLeafIndex: incoming.senderLeafIndex, proposals: incoming.proposals }
        return "accept"
      },
    })
  } catch (cause) {
    throw fail("Undecryptable", `MLS refused the message: ${(cause as Error).message}`, cause)
  }

  if (result.kind === "applicationMessage") {
    const tree = header.epoch === epoch ? state.ratchetTree : state.historicalReceiverData.get(header.epoch)?.ratchetTree
    const member = tree && safeLeafMember(tree, sender)
    if (!member) throw fail("InvalidSender", `leaf ${sender} holds no XMTP member`)
    const message = withExpiry(applicationMessage(groupId, envelope, result.message, member, fail), messageExpiryFor(state))
    const stored = ctx.db.transaction(() => {
      saveGroupState(ctx.db, groupId, result.newState)
      const inserted = message ? ctx.db.messages.insertOrIgnore(message) : false
      if (message) ctx.db.groups.touchLastMessage(groupId, message.sentAtNs)
      // Enrichment hook: a DeleteMessage is judged against the group as it is now (DEL-05).
      if (message) recordReceivedDeletion(ctx.db, groupId, message, (inboxId) => isSuperAdminIn(state, inboxId))
      if (message) recordLeaveRequest(ctx, groupId, message)
      ctx.db.cursors.advance(groupId, CursorKind.Group, envelope.id)
      return inserted ? message : undefined
    })
    if (stored) ctx.onMessageStored(stored)
    return
  }

  const commit = captured as { senderLeafIndex: number | undefined; proposals: ProposalWithSender[] } | undefined
  if (!commit) throw fail("ProposalsNotEnabled", "standalone proposals are not accepted in this group")
  let validated
  try {
    validated = await validateCommit(ctx.resolver, {
      before: state,
      after: result.newState,
      committerLeafIndex: commit.senderLeafIndex,
      proposals: commit.proposals,
    })
  } catch (cause) {
    if (cause instanceof CommitValidationError) throw fail("CommitValidation", `the commit is invalid: ${cause.message}`, cause)
    if (isIdentityFailure(cause)) throw fail("CommitValidation", `the commit's identities do not check out: ${(cause as Error).message}`, cause)
    if (isApiError(cause)) throw fail("Retryable", `identity updates could not be fetched: ${cause.message}`, cause)
    throw cause
  }
  pauseIfVersionTooLow(ctx, groupId, result.newState, fail)
  const transcript = unlessRepeatedInDm(ctx.db, groupId, commitTranscript(groupId, validated, envelope.createdNs, envelope.id, pendingRemovalsOf(ctx, groupId)))
  ctx.db.transaction(() => {
    saveGroupState(ctx.db, groupId, result.newState)
    if (transcript) ctx.db.messages.insertOrIgnore(transcript)
    clearRemovedFromPending(ctx, groupId, validated)
    ctx.db.cursors.advance(groupId, CursorKind.Group, envelope.id)
  })
  if (transcript) ctx.onMessageStored(transcript)
}

/**
 * A commit leaving the group requiring a protocol version above this client's (libxmtp
 * ProtocolVersionTooLow) is not merged: the group pauses before it, its cursor stays, and the
 * commit is processed once this client satisfies the version (META-08).
 */
function pauseIfVersionTooLow(
  ctx: GroupContext,
  groupId: Uint8Array,
  after: ClientState,
  fail: (code: "CommitValidation" | "GroupPaused", message: string, cause?: unknown) => MessageProcessingError,
): void {
  const minimum = minimumVersionOf(readXmtpGroupContext(after.groupContext.extensions))
  if (minimum === undefined) return
  if (parseProtocolVersion(minimum) === undefined) {
    throw fail("CommitValidation", `the commit is invalid: minimum protocol version "${minimum}" does not parse`, new CommitValidationError("InvalidVersionFormat", `Invalid version format: ${minimum}`))
  }
  const required = unmetMinimumVersion(minimum)
  if (required === undefined) return
  ctx.db.pausedGroups.set(groupId, required)
  throw fail("GroupPaused", pausedMessage(required))
}

/** The sender reads back what it published (process_own_message). */
function processOwn(ctx: GroupContext, groupId: Uint8Array, envelope: GroupMessage, intent: StoredIntent, state: ClientState, messageEpoch: bigint): void {
  const advance = () => ctx.db.cursors.advance(groupId, CursorKind.Group, envelope.id)
  const alreadyResolved: readonly number[] = [IntentState.Committed, IntentState.Processed, IntentState.Error]
  if (alreadyResolved.includes(intent.state)) {
    ctx.db.transaction(advance)
    return
  }
  const epoch = state.groupContext.epoch
  if (intent.kind === IntentKind.SendMessage) {
    // Readable by the others only while they keep the epoch's keys; otherwise encrypt it again.
    if (messageEpoch + BigInt(XMTP_MAX_PAST_EPOCHS) <= epoch || messageEpoch > epoch) {
      ctx.db.transaction(() => {
        advance()
        ctx.db.intents.setToPublish(intent.id)
      })
      return
    }
    const messageId = intent.messageId
    ctx.db.transaction(() => {
      if (messageId) {
        ctx.db.messages.setPublished(messageId, envelope.createdNs, envelope.id, messageExpiryFor(state))
        ctx.db.groups.touchLastMessage(groupId, envelope.createdNs)
        const message = ctx.db.messages.find(messageId)
        if (message) recordLeaveRequest(ctx, groupId, message)
      }
      ctx.db.intents.setCommitted(intent.id, envelope.id)
      advance()
    })
    const published = messageId && ctx.db.messages.find(messageId)
    if (published) ctx.onMessageStored(published)
    return
  }
  // A commit: merged only if it is the commit the group's current epoch took.
  if (messageEpoch !== epoch || !intent.stagedState || !intent.commitSummary) {
    ctx.db.transaction(() => {
      advance()
      if (messageEpoch !== epoch) ctx.db.intents.setToPublish(intent.id)
      else ctx.db.intents.setError(intent.id, "the published commit lost its pending state")
    })
    return
  }
  const staged = decodeClientState(intent.stagedState)
  const summary = decodeValidatedCommit(intent.commitSummary)
  const transcript = unlessRepeatedInDm(ctx.db, groupId, commitTranscript(groupId, summary, envelope.createdNs, envelope.id, pendingRemovalsOf(ctx, groupId)))
  ctx.db.transaction(() => {
    saveGroupState(ctx.db, groupId, staged)
    if (transcript) ctx.db.messages.insertOrIgnore(transcript)
    clearRemovedFromPending(ctx, groupId, summary)
    ctx.db.intents.setCommitted(intent.id, envelope.id)
    advance()
  })
  if (transcript) ctx.onMessageStored(transcript)
}

/** The stored form of a PlaintextEnvelope v1; undefined for v2 (retired device-sync payloads). */
function applicationMessage(
  groupId: Uint8Array,
  envelope: GroupMessage,
  plaintext: Uint8Array,
  sender: { inboxId: string; installationId: Uint8Array },
  fail: (code: "InvalidPayload", message: string, cause?: unknown) => MessageProcessingError,
): StoredMessage | undefined {
  let decoded
  try {
    decoded = contentProto.PlaintextEnvelope.decode(plaintext)
  } catch (cause) {
    throw fail("InvalidPayload", "the plaintext is not a PlaintextEnvelope", cause)
  }
  if (decoded.v2) return undefined
  if (!decoded.v1) throw fail("InvalidPayload", "the PlaintextEnvelope has no content")
  const content = new Uint8Array(decoded.v1.content)
  const idempotencyKey = decoded.v1.idempotencyKey
  return {
    id: calculateMessageId(groupId, content, idempotencyKey),
    groupId,
    decryptedMessageBytes: content,
    sentAtNs: envelope.createdNs,
    kind: StoredMessageKind.Application,
    senderInstallationId: sender.installationId,
    senderInboxId: sender.inboxId,
    deliveryStatus: StoredDeliveryStatus.Published,
    ...queryableContentFields(content),
    idempotencyKey,
    sequenceId: envelope.id,
    shouldPush: true,
    insertedAtNs: nowNs(),
  }
}

function isSuperAdminIn(state: ClientState, inboxId: string): boolean {
  return readXmtpGroupContext(state.groupContext.extensions).mutableMetadata.superAdminList.includes(inboxId)
}

function safeLeafMember(tree: ClientState["ratchetTree"], leafIndex: number) {
  try {
    return leafMemberAt(tree, leafIndex)
  } catch {
    return undefined
  }
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i])
}
