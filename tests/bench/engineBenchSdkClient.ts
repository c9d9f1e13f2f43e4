// The official SDK (@xmtp/node-sdk 6.0.0) as a benchmark client (see engineBenchClients.ts).
import { Client as XmtpClient, isText, type DecodedMessage, type Dm as SdkDm, type Group as SdkGroup } from "@xmtp/node-sdk"
import { sdkClientOptions } from "../interop/support/sdkClient"
import { BaseBenchClient, BaseBenchGroup } from "./engineBenchClientBase"
import type { BenchClient, BenchGroup } from "./engineBenchClients"
import { profileSecrets } from "./engineBenchProfiles"
import type { ClientProfile } from "./engineBenchProtocol"

export async function openClient(apiUrl: string, profile: ClientProfile): Promise<BenchClient> {
  const { signer, dbKey } = profileSecrets(profile)
  return new SdkBenchClient(await XmtpClient.create(signer, sdkClientOptions(apiUrl, profile.dbPath, dbKey)), profile)
}

class SdkBenchClient extends BaseBenchClient<SdkGroup | SdkDm, DecodedMessage> {
  readonly kind = "sdk"
  protected readonly name = "SDK"

  protected wrap(group: SdkGroup | SdkDm): BenchGroup {
    return new SdkBenchGroup(group)
  }

  protected textOf(message: DecodedMessage): string | undefined {
    return isText(message) ? message.content : undefined
  }

  /** @xmtp/node-sdk 6.0.0 has no Client.close(); its workers end with the worker process. */
  async close(): Promise<void> {}
}

class SdkBenchGroup extends BaseBenchGroup<SdkGroup | SdkDm> {
  async textCount(): Promise<number> {
    return (await this.group.messages()).filter(isText).length
  }
}
