// The official SDK (@xmtp/node-sdk 6.0.0) as a benchmark client (see engineBenchClients.ts).
import { Client as XmtpClient, isText, type Dm as SdkDm, type Group as SdkGroup } from "@xmtp/node-sdk"
import { sdkClientOptions, type SdkClient } from "../interop/support/sdkClient"
import type { BenchClient, BenchGroup, BenchStream } from "./engineBenchClients"
import { profileSecrets } from "./engineBenchProfiles"
import type { ClientProfile } from "./engineBenchProtocol"

export async function openClient(apiUrl: string, profile: ClientProfile): Promise<BenchClient> {
  const { signer, dbKey } = profileSecrets(profile)
  return new SdkBenchClient(await XmtpClient.create(signer, sdkClientOptions(apiUrl, profile.dbPath, dbKey)), profile)
}

class SdkBenchClient implements BenchClient {
  readonly kind = "sdk"

  constructor(
    private readonly client: SdkClient,
    readonly profile: ClientProfile,
  ) {}

  get inboxId(): string {
    return this.client.inboxId
  }

  async createGroup(inboxIds: string[]): Promise<BenchGroup> {
    return new SdkBenchGroup(await this.client.conversations.createGroup(inboxIds))
  }

  async joinGroup(id: string): Promise<BenchGroup> {
    await this.client.conversations.sync()
    return this.group(id)
  }

  async group(id: string): Promise<BenchGroup> {
    const found = await this.client.conversations.getConversationById(id)
    if (!found) throw new Error(`SDK client ${this.inboxId} does not hold group ${id}`)
    return new SdkBenchGroup(found)
  }

  async streamTexts(onText: (text: string) => void): Promise<BenchStream> {
    const stream = await this.client.conversations.streamAllMessages()
    const drained = (async () => {
      for await (const message of stream) {
        if (isText(message) && message.content !== undefined) onText(message.content)
      }
    })()
    return {
      end: async () => {
        await stream.end()
        await drained
      },
    }
  }

  /** @xmtp/node-sdk 6.0.0 has no Client.close(); its workers end with the worker process. */
  async close(): Promise<void> {}
}

class SdkBenchGroup implements BenchGroup {
  constructor(private readonly group: SdkGroup | SdkDm) {}

  get id(): string {
    return this.group.id
  }

  async sendText(text: string): Promise<void> {
    await this.group.sendText(text)
  }

  sync(): Promise<void> {
    return this.group.sync()
  }

  async textCount(): Promise<number> {
    return (await this.group.messages()).filter(isText).length
  }

  async memberCount(): Promise<number> {
    return (await this.group.members()).length
  }
}
