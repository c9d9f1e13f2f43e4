// Parley's engine as a benchmark client (see engineBenchClients.ts).
import {
  Client as ParleyClient,
  GroupMessageKind,
  type DecodedMessage,
  type Dm as ParleyDm,
  type Group as ParleyGroup,
} from "../../src/engine/index"
import { BaseBenchClient, BaseBenchGroup } from "./engineBenchClientBase"
import type { BenchClient, BenchGroup } from "./engineBenchClients"
import { profileSecrets } from "./engineBenchProfiles"
import type { ClientProfile } from "./engineBenchProtocol"

export async function openClient(apiUrl: string, profile: ClientProfile): Promise<BenchClient> {
  const { signer, dbKey } = profileSecrets(profile)
  return new ParleyBenchClient(await ParleyClient.create(signer, { apiUrl, dbPath: profile.dbPath, dbEncryptionKey: dbKey }), profile)
}

class ParleyBenchClient extends BaseBenchClient<ParleyGroup | ParleyDm, DecodedMessage> {
  readonly kind = "parley"
  protected readonly name = "Parley"

  constructor(
    private readonly parley: ParleyClient,
    profile: ClientProfile,
  ) {
    super(parley, profile)
  }

  protected wrap(group: ParleyGroup | ParleyDm): BenchGroup {
    return new ParleyBenchGroup(group)
  }

  protected textOf(message: DecodedMessage): string | undefined {
    return message.kind === GroupMessageKind.Application && typeof message.content === "string" ? message.content : undefined
  }

  close(): Promise<void> {
    return this.parley.close()
  }
}

class ParleyBenchGroup extends BaseBenchGroup<ParleyGroup | ParleyDm> {
  async textCount(): Promise<number> {
    return (await this.group.messages({ kind: GroupMessageKind.Application })).filter((m) => typeof m.content === "string").length
  }
}
