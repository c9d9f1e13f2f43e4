// The names of inboxes as this window shows them: "You" for the user, otherwise the short address
// once a member list has told it, for components that name several people.
import type { InboxId } from "../../../shared/dto/identifiers"
import { useOwnInboxId, useParley } from "../store/store"
import { inboxLabel } from "./names"

export function useInboxName(): (inboxId: InboxId) => string {
  const addresses = useParley((state) => state.addresses)
  const ownInboxId = useOwnInboxId()
  return (inboxId) => inboxLabel(inboxId, addresses, ownInboxId)
}
