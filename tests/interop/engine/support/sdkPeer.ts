// An official SDK (@xmtp/node-sdk 6.0.0) client as an interop Peer.
import { Group, isGroupUpdated, isText, type DecodedMessage, type Dm, type GroupPermissionsOptions, type PermissionPolicySet } from "@xmtp/node-sdk"
import type { InteropHarness } from "../../support/interopHarness"
import type { LabelledClient, SdkClient } from "../../support/sdkClient"
import type { TestNode } from "../../support/testNode"
import { toTranscript, type HistoryEntry, type Peer, type PeerConversation, type PolicySet, type Refusal, type Roster } from "./interopPeer"
import { historyLine, RosterConversation, RosterPeer } from "./rosterPeer"

/** node-bindings' GroupPermissionsOptions.CustomPolicy (an ambient const enum the tests cannot read). */
const CUSTOM_POLICY = 2 as GroupPermissionsOptions

export class SdkPeer extends RosterPeer<Group | Dm> implements Peer {
  readonly kind = "sdk"

  private constructor(
    private readonly labelled: LabelledClient,
    roster: Roster,
  ) {
    super(roster)
    roster.add(labelled.client.inboxId, labelled.label)
  }

  static async create(h: InteropHarness, node: TestNode, label: string, roster: Roster): Promise<SdkPeer> {
    return new SdkPeer(await h.createClient(node, { label }), roster)
  }

  get label(): string {
    return this.labelled.label
  }

  get client(): SdkClient {
    return this.labelled.client
  }

  get inboxId(): string {
    return this.client.inboxId
  }

  async createGroup(inboxIds: string[], policies?: PolicySet): Promise<PeerConversation> {
    // The bindings number PermissionPolicy as PolicySet does; only the const-enum type differs.
    const options = policies && { permissions: CUSTOM_POLICY, customPermissionPolicySet: policies as unknown as PermissionPolicySet }
    return this.wrap(await this.client.conversations.createGroup(inboxIds, options))
  }

  /**
   * libxmtp's errors reach JavaScript as plain Errors carrying the Rust error's Display text:
   * "Group is inactive" (GroupError::GroupInactive). An own commit that fails validation shows up
   * only as a sync summary ("[GroupError::Sync] synced N messages, ..."): libxmtp publishes the
   * commit, validates it when it reads it back (mls_sync.rs stage_and_validate_intent), marks the
   * intent Error and returns the summary of that sync, not the validation error.
   */
  refusalOf(error: unknown): Refusal {
    const message = error instanceof Error ? error.message : String(error)
    if (/group is inactive/i.test(message)) return "inactive"
    if (/insufficient ?permissions|not allowed/i.test(message)) return "permission"
    if (message.startsWith("[GroupError::Sync]")) return "sync-failed"
    return "other"
  }

  protected get conversations(): SdkClient["conversations"] {
    return this.client.conversations
  }

  protected wrap(conversation: Group | Dm): PeerConversation {
    const group = conversation instanceof Group ? conversation : undefined
    return new RosterConversation(conversation, group, this.roster, (message: DecodedMessage) => sdkEntryOf(message, this.roster))
  }
}

/** A message as the interop tests read it. */
function sdkEntryOf(message: DecodedMessage, roster: Roster): HistoryEntry {
  if (isGroupUpdated(message) && message.content) return toTranscript(message.content, roster)
  if (isText(message)) return historyLine(roster, message.senderInboxId, message.content ?? "")
  return historyLine(roster, message.senderInboxId, `<${message.contentType.typeId}>`)
}
