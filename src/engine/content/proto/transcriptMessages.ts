// GroupUpdated and the legacy GroupMembershipChanges (proto commit 6d7c607c,
// mls/message_contents/transcript_messages.proto), prost-exact. Receivers build GroupUpdated from
// a validated commit; neither is sent as an application message by libxmtp.
import {
  ContentProtoWriter,
  decodeContentMessage,
  type ProtoReader,
  readBytes,
  readFields,
  readKnownFields,
  readNested,
  readString,
} from "./contentWire"

export interface Inbox {
  inboxId: string
}

export interface MetadataFieldChange {
  fieldName: string
  oldValue?: string
  newValue?: string
}

export interface GroupUpdated {
  initiatedByInboxId: string
  addedInboxes: Inbox[]
  removedInboxes: Inbox[]
  /** Removed in answer to their own leave (pending-remove) requests. */
  leftInboxes: Inbox[]
  metadataFieldChanges: MetadataFieldChange[]
  addedAdminInboxes: Inbox[]
  removedAdminInboxes: Inbox[]
  addedSuperAdminInboxes: Inbox[]
  removedSuperAdminInboxes: Inbox[]
}

export interface MembershipChange {
  installationIds: Uint8Array[]
  accountAddress: string
  initiatedByAccountAddress: string
}

export interface GroupMembershipChanges {
  membersAdded: MembershipChange[]
  membersRemoved: MembershipChange[]
  installationsAdded: MembershipChange[]
  installationsRemoved: MembershipChange[]
}

/** The repeated Inbox fields of GroupUpdated, by field number. */
const INBOX_LISTS = {
  2: "addedInboxes",
  3: "removedInboxes",
  5: "leftInboxes",
  6: "addedAdminInboxes",
  7: "removedAdminInboxes",
  8: "addedSuperAdminInboxes",
  9: "removedSuperAdminInboxes",
} as const satisfies Record<number, keyof GroupUpdated>

const encodeInbox = (inbox: Inbox): Uint8Array => new ContentProtoWriter().string(1, inbox.inboxId).finish()

export function encodeGroupUpdatedMessage(update: GroupUpdated): Uint8Array {
  const writer = new ContentProtoWriter().string(1, update.initiatedByInboxId)
  for (const field of [2, 3, 4, 5, 6, 7, 8, 9] as const) {
    if (field === 4) {
      writer.repeatedMessage(4, update.metadataFieldChanges.map(encodeMetadataFieldChange))
    } else {
      writer.repeatedMessage(field, update[INBOX_LISTS[field]].map(encodeInbox))
    }
  }
  return writer.finish()
}

function encodeMetadataFieldChange(change: MetadataFieldChange): Uint8Array {
  return new ContentProtoWriter().string(1, change.fieldName).optionalString(2, change.oldValue).optionalString(3, change.newValue).finish()
}

export function decodeGroupUpdatedMessage(bytes: Uint8Array, contentType?: string): GroupUpdated {
  return decodeContentMessage(bytes, "GroupUpdated", contentType, (reader) => {
    const update: GroupUpdated = {
      initiatedByInboxId: "",
      addedInboxes: [],
      removedInboxes: [],
      leftInboxes: [],
      metadataFieldChanges: [],
      addedAdminInboxes: [],
      removedAdminInboxes: [],
      addedSuperAdminInboxes: [],
      removedSuperAdminInboxes: [],
    }
    readFields(reader, (r, key) => {
      if (key.field === 1) {
        update.initiatedByInboxId = readString(r, key, "GroupUpdated.initiated_by_inbox_id")
      } else if (key.field === 4) {
        update.metadataFieldChanges.push(readMetadataFieldChange(readNested(r, key, "GroupUpdated.metadata_field_changes")))
      } else if (isInboxList(key.field)) {
        update[INBOX_LISTS[key.field]].push(readInbox(readNested(r, key, `GroupUpdated.${INBOX_LISTS[key.field]}`)))
      } else {
        return false
      }
      return true
    })
    return update
  })
}

const isInboxList = (field: number): field is keyof typeof INBOX_LISTS => field in INBOX_LISTS

function readInbox(reader: ProtoReader): Inbox {
  let inboxId = ""
  readKnownFields(reader, { 1: (r, key) => (inboxId = readString(r, key, "Inbox.inbox_id")) })
  return { inboxId }
}

function readMetadataFieldChange(reader: ProtoReader): MetadataFieldChange {
  const change: MetadataFieldChange = { fieldName: "" }
  readKnownFields(reader, {
    1: (r, key) => (change.fieldName = readString(r, key, "MetadataFieldChange.field_name")),
    2: (r, key) => (change.oldValue = readString(r, key, "MetadataFieldChange.old_value")),
    3: (r, key) => (change.newValue = readString(r, key, "MetadataFieldChange.new_value")),
  })
  return change
}

const MEMBERSHIP_LISTS = {
  1: "membersAdded",
  2: "membersRemoved",
  3: "installationsAdded",
  4: "installationsRemoved",
} as const satisfies Record<number, keyof GroupMembershipChanges>

export function encodeGroupMembershipChangesMessage(changes: GroupMembershipChanges): Uint8Array {
  const writer = new ContentProtoWriter()
  for (const field of [1, 2, 3, 4] as const) writer.repeatedMessage(field, changes[MEMBERSHIP_LISTS[field]].map(encodeMembershipChange))
  return writer.finish()
}

function encodeMembershipChange(change: MembershipChange): Uint8Array {
  return new ContentProtoWriter()
    .repeatedBytes(1, change.installationIds)
    .string(2, change.accountAddress)
    .string(3, change.initiatedByAccountAddress)
    .finish()
}

export function decodeGroupMembershipChangesMessage(bytes: Uint8Array, contentType?: string): GroupMembershipChanges {
  return decodeContentMessage(bytes, "GroupMembershipChanges", contentType, (reader) => {
    const changes: GroupMembershipChanges = { membersAdded: [], membersRemoved: [], installationsAdded: [], installationsRemoved: [] }
    readFields(reader, (r, key) => {
      if (!isMembershipList(key.field)) return false
      const list = MEMBERSHIP_LISTS[key.field]
      changes[list].push(readMembershipChange(readNested(r, key, `GroupMembershipChanges.${list}`)))
      return true
    })
    return changes
  })
}

const isMembershipList = (field: number): field is keyof typeof MEMBERSHIP_LISTS => field in MEMBERSHIP_LISTS

function readMembershipChange(reader: ProtoReader): MembershipChange {
  const change: MembershipChange = { installationIds: [], accountAddress: "", initiatedByAccountAddress: "" }
  readKnownFields(reader, {
    1: (r, key) => change.installationIds.push(readBytes(r, key, "MembershipChange.installation_ids")),
    2: (r, key) => (change.accountAddress = readString(r, key, "MembershipChange.account_address")),
    3: (r, key) => (change.initiatedByAccountAddress = readString(r, key, "MembershipChange.initiated_by_account_address")),
  })
  return change
}
