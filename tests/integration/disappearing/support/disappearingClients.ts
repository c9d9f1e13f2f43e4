// Parley clients for disappearing-message tests: opened on an EngineHarness node with a chosen
// deletion-worker interval, each recording what its deleted-message stream yields, and closed together.
import { Client, type DecodedMessage } from "../../../../src/engine/index"
import type { ClientProfile, EngineHarness } from "../../engine/support/engineHarness"

export interface WorkerClient {
  client: Client
  profile: ClientProfile
  /** Every message the client's streamDeletedMessages() yielded, in order. */
  deleted: DecodedMessage[]
}

export class DisappearingClients {
  private readonly opened: Client[] = []

  constructor(private readonly h: EngineHarness) {}

  /** `intervalMs` undefined keeps libxmtp's 1 s worker interval. */
  async open(name: string, intervalMs?: number): Promise<WorkerClient> {
    const profile = this.h.profile(name)
    const client = await Client.create(profile.signer, {
      apiUrl: this.h.address,
      dbPath: profile.dbPath,
      dbEncryptionKey: profile.dbEncryptionKey,
      disappearingMessages: {
        ...(intervalMs === undefined ? {} : { intervalMs }),
        onError: (error) => {
          throw error
        },
      },
    })
    this.opened.push(client)
    const deleted: DecodedMessage[] = []
    // Ends when the client closes.
    const stream = client.conversations.streamDeletedMessages()
    void (async () => {
      for await (const message of stream) deleted.push(message)
    })()
    return { client, profile, deleted }
  }

  async close(): Promise<void> {
    for (const client of this.opened.splice(0)) await client.close()
  }
}
