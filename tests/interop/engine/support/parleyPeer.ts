// A Parley engine client as an interop Peer.
import { randomBytes, randomUUID } from "node:crypto"
import { join } from "node:path"
import {
  Client,
  createEoaSigner,
  Group,
  GroupError,
  GroupMessageKind,
  GroupPermissionsOptions,
  type DecodedMessage,
  type Dm,
  type PermissionPolicySet,
} from "../../../../src/engine/index"
import type { GroupUpdated } from "../../../../src/engine/content/index"
import { toTranscript, type HistoryEntry, type Peer, type PeerConversation, type PolicySet, type Refusal, type Roster } from "./interopPeer"
import { historyLine, RosterConversation, RosterPeer } from "./rosterPeer"

const GROUP_UPDATED_TYPE = "group_updated"

export class ParleyPeer extends RosterPeer<Group | Dm> implements Peer {
  readonly kind = "parley"

  private constructor(
    readonly label: string,
    readonly client: Client,
    roster: Roster,
  ) {
    super(roster)
    roster.add(client.inboxId, label)
  }

  /** Registers a fresh wallet's inbox and installation, with its database file in `dir`. */
  static async create(apiUrl: string, dir: string, label: string, roster: Roster): Promise<ParleyPeer> {
    const client = await Client.create(createEoaSigner(), {
      apiUrl,
      dbPath: join(dir, `${label}-${randomUUID()}.parley.db`),
      dbEncryptionKey: new Uint8Array(randomBytes(32)),
    })
    return new ParleyPeer(label, client, roster)
  }

  get inboxId(): string {
    return this.client.inboxId
  }

  async createGroup(inboxIds: string[], policies?: PolicySet): Promise<PeerConversation> {
    const options = policies && {
      permissions: GroupPermissionsOptions.CustomPolicy,
      customPermissionPolicySet: policies as PermissionPolicySet,
    }
    return this.wrap(await this.client.conversations.createGroup(inboxIds, options))
  }

  refusalOf(error: unknown): Refusal {
    if (!(error instanceof GroupError)) return "other"
    return error.code === "GroupInactive" ? "inactive" : error.code === "PermissionDenied" ? "permission" : "other"
  }

  close(): Promise<void> {
    return this.client.close()
  }

  protected get conversations(): Client["conversations"] {
    return this.client.conversations
  }

  protected wrap(conversation: Group | Dm): PeerConversation {
    const group = conversation instanceof Group ? conversation : undefined
    return new RosterConversation(conversation, group, this.roster, (message: DecodedMessage) => parleyEntryOf(message, this.roster))
  }
}

/** A message as the interop tests read it. */
function parleyEntryOf(message: DecodedMessage, roster: Roster): HistoryEntry {
  if (message.kind === GroupMessageKind.MembershipChange && message.contentType?.typeId === GROUP_UPDATED_TYPE) {
    return toTranscript(message.content as GroupUpdated, roster)
  }
  if (typeof message.content === "string") return historyLine(roster, message.senderInboxId, message.content)
  return historyLine(roster, message.senderInboxId, `<${message.contentType?.typeId ?? "undecodable"}>`)
}
