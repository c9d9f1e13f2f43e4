// Consent and listing tests run Parley clients and an official SDK client side by side on one
// Parley node, so each can be checked against what the SDK does with the same conversations.
import type { ConsentEntityType as SdkConsentEntityType, ConsentState as SdkConsentState, ListConversationsOrderBy as SdkOrderBy } from "@xmtp/node-sdk"
import { ClientDatabase } from "../../../../src/engine/storage/clientDatabase"
import type { ClientProfile } from "../../engine/support/engineHarness"

/** node-bindings' const enums, which `verbatimModuleSyntax` keeps the tests from reading. */
export const sdkConsent = { Unknown: 0 as SdkConsentState, Allowed: 1 as SdkConsentState, Denied: 2 as SdkConsentState } as const
export const sdkEntity = { GroupId: 0 as SdkConsentEntityType, InboxId: 1 as SdkConsentEntityType } as const
export const sdkOrderBy = { CreatedAt: 0 as SdkOrderBy, LastActivity: 1 as SdkOrderBy } as const

/** The ids of `listed` that are among `ids`, in listed order: other tests' conversations left out. */
export function among(listed: readonly { id: string }[], ids: readonly string[]): string[] {
  return listed.map((c) => c.id).filter((id) => ids.includes(id))
}

/** Reads a client's database through a second connection (the client stays open). */
export function withStoredDatabase<T>(profile: ClientProfile, read: (db: ClientDatabase) => T): T {
  const db = ClientDatabase.open(profile.dbPath, profile.dbEncryptionKey)
  try {
    return read(db)
  } finally {
    db.close()
  }
}
