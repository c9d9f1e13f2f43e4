// Which inbox an Ethereum account belongs to, asked of the node's identity service. The engine
// client does not offer this lookup (yet), so the service keeps its own small API connection.
import { createApiClient, type ApiClient } from "../../engine/api/index"
import { associations } from "../../engine/proto/index"

export interface InboxLookup {
  /** The account's inbox id, or null when it has none. */
  inboxIdOf(address: string): Promise<string | null>
  close(): void
}

export class NodeInboxLookup implements InboxLookup {
  #api: ApiClient | undefined

  constructor(private readonly apiUrl: string) {}

  async inboxIdOf(address: string): Promise<string | null> {
    this.#api ??= createApiClient({ apiUrl: this.apiUrl })
    const identifier = address.toLowerCase()
    const [result] = await this.#api.identity.getInboxIds([{ identifier, identifierKind: associations.IdentifierKind.IDENTIFIER_KIND_ETHEREUM }])
    return result?.inboxId ? result.inboxId : null
  }

  close(): void {
    this.#api?.close()
    this.#api = undefined
  }
}
