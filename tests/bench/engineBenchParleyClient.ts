// Parley's engine as a benchmark client (see engineBenchClients.ts).
import { Client as ParleyClient, GroupMessageKind, type Dm as ParleyDm, type Group as ParleyGroup } from "../../src/engine/index"
import type { BenchClient, BenchGroup, BenchStream } from "./engineBenchClients"
import { profileSecrets } from "./engineBenchProfiles"
import type { ClientProfile } from "./engineBenchProtocol"

export async function openClient(apiUrl: string, profile: ClientProfile): Promise<BenchClient> {
  const { signer, dbKey } = profileSecrets(profile)
  return new ParleyBenchClient(await ParleyClient.create(signer, { apiUrl, dbPath: profile.dbPath, dbEncryptionKey: dbKey }), profile)
}

class ParleyBenchClient implements BenchClient {
  readonly kind = "parley"

  constructor(
    private readonly client: ParleyClient,
    readonly profile: ClientProfile,
  ) {}

  get inboxId(): string {
    return this.client.inboxId
  }

  async createGroup(inboxIds: string[]): Promise<BenchGroup> {
    return new ParleyBenchGroup(await this.client.conversations.createGroup(inboxIds))
  }

  async joinGroup(id: string): Promise<BenchGroup> {
    await this.client.conversations.sync()
    return this.group(id)
  }

  async group(id: string): Promise<BenchGroup> {
    const found = await this.client.conversations.getConversationById(id)
    if (!found) throw new Error(`Parley client ${this.inboxId} does not hold group ${id}`)
    return new ParleyBenchGroup(found)
  }

  async streamTexts(onText: (text: string) => void): Promise<BenchStream> {
    const stream = await this.client.conversations.streamAllMessages()
    const drained = (async () => {
      for await (const message of stream) {
        if (message.kind === GroupMessageKind.Application && typeof message.content === "string") onText(message.content)
      }
    })()
    return {
      end: async () => {
        await stream.end()
        await drained
      },
    }
  }

  close(): Promise<void> {
    return this.client.close()
  }
}

class ParleyBenchGroup implements BenchGroup {
  constructor(private readonly group: ParleyGroup | ParleyDm) {}

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
    return (await this.group.messages({ kind: GroupMessageKind.Application })).filter((m) => typeof m.content === "string").length
  }

  async memberCount(): Promise<number> {
    return (await this.group.members()).length
  }
}
