// Official XMTP SDK clients pointed at a Parley node: plain HTTP/2 to the node's loopback address,
// every byte of client state in the test's temp dir, and nothing that would leave the machine.
import { randomBytes, randomUUID } from "node:crypto"
import { join } from "node:path"
import { Client, isText, type ClientOptions, type DecodedMessage, type Signer } from "@xmtp/node-sdk"
import { createEoaSigner, type EoaSigner } from "../../../src/engine/identity/signers"

export type SdkClient = Awaited<ReturnType<typeof Client.create>>

export interface SdkClientOptions {
  /** The wallet; a fresh random one when omitted. Reuse one to make a second installation. */
  signer?: EoaSigner
  /** Names the client's database file so a failing test's leftovers are readable. */
  label: string
}

export interface LabelledClient {
  readonly label: string
  readonly signer: EoaSigner
  readonly client: SdkClient
  readonly dbPath: string
}

export async function createSdkClient(nodeAddress: string, dir: string, options: SdkClientOptions): Promise<LabelledClient> {
  const signer = options.signer ?? createEoaSigner()
  const dbPath = join(dir, `${options.label}-${randomUUID()}.db3`)
  const client = await Client.create(signer satisfies Signer, sdkClientOptions(nodeAddress, dbPath, new Uint8Array(randomBytes(32))))
  return { label: options.label, signer, client, dbPath }
}

/**
 * The options every test SDK client is created (or reopened, with the same `dbPath` and key) with.
 * Typed apart from the call: Client.create's Omit<ClientOptions, "codecs"> drops the keys that
 * only one side of ClientOptions' union has (env, apiUrl), so a literal there fails to compile.
 */
export function sdkClientOptions(nodeAddress: string, dbPath: string, dbEncryptionKey: Uint8Array): ClientOptions {
  return {
    // `local` selects libxmtp's v3 API without TLS; apiUrl replaces its default localhost:5556.
    env: "local",
    apiUrl: nodeAddress,
    dbPath,
    dbEncryptionKey,
    // Device sync would start a sync group and reach for a history server (HistorySyncUrls.local).
    disableDeviceSync: true,
    appVersion: "parley-interop-tests/1",
  }
}

/** The text messages of a conversation, as `sender: text`, oldest first. */
export function textsOf(messages: readonly DecodedMessage[], labelOf: (inboxId: string) => string): string[] {
  return messages.filter(isText).map((m) => `${labelOf(m.senderInboxId)}: ${m.content ?? ""}`)
}
