// Parley clients for engine tests: a real delivery node on loopback with its own SQLite file, and
// clients that each keep an encrypted database file in the test's temporary directory and can be
// closed and reopened from it.
import { randomBytes } from "node:crypto"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll } from "vitest"
import { createApiClient, type ApiClient, type RetryPolicy } from "../../../../src/engine/api/index"
import { Client, createEoaSigner, type EoaSigner } from "../../../../src/engine/index"
import { startNode, type NodeValidators, type RunningNode } from "../../../../src/server/node"

export interface ClientProfile {
  name: string
  signer: EoaSigner
  dbPath: string
  dbEncryptionKey: Uint8Array
}

export class EngineHarness {
  private readonly clients = new Set<Client>()
  private readonly apiClients: ApiClient[] = []
  private running: RunningNode | undefined
  private constructor(
    readonly dir: string,
    node: RunningNode,
    private readonly validators: NodeValidators | undefined,
  ) {
    this.running = node
    this.address = node.address
    this.port = node.port
  }

  /** http://127.0.0.1:PORT; it stays the same across node restarts. */
  readonly address: string
  readonly port: number

  /** `validators` replaces the node's checks (a node that lets bad data through, for bad-input tests). */
  static async create(label: string, validators?: NodeValidators): Promise<EngineHarness> {
    const dir = mkdtempSync(join(tmpdir(), `parley-engine-${label}-`))
    const node = await startNode({ port: 0, dbPath: join(dir, "node.sqlite"), logLevel: "warn", ...(validators ? { validators } : {}) })
    return new EngineHarness(dir, node, validators)
  }

  /** Stops the node (clients see it unreachable) until startNode() brings it back on the same port and file. */
  async stopNode(): Promise<void> {
    const node = this.running
    this.running = undefined
    await node?.stop()
  }

  async startNode(): Promise<void> {
    if (this.running) return
    this.running = await startNode({
      port: this.port,
      dbPath: join(this.dir, "node.sqlite"),
      logLevel: "warn",
      ...(this.validators ? { validators: this.validators } : {}),
    })
  }

  profile(name: string): ClientProfile {
    return { name, signer: createEoaSigner(), dbPath: join(this.dir, `${name}.db`), dbEncryptionKey: new Uint8Array(randomBytes(32)) }
  }

  /** Opens (first time: creates and registers) the profile's installation. */
  async open(profile: ClientProfile, options: { retry?: RetryPolicy } = {}): Promise<Client> {
    const client = await Client.create(profile.signer, { apiUrl: this.address, dbPath: profile.dbPath, dbEncryptionKey: profile.dbEncryptionKey, ...options })
    this.clients.add(client)
    return client
  }

  /** A raw API client on the node (to read what was published), closed with the harness. */
  apiClient(): ApiClient {
    const api = createApiClient({ apiUrl: this.address })
    this.apiClients.push(api)
    return api
  }

  async reopen(client: Client, profile: ClientProfile): Promise<Client> {
    await this.closeClient(client)
    return this.open(profile)
  }

  async closeClient(client: Client): Promise<void> {
    this.clients.delete(client)
    await client.close()
  }

  async close(): Promise<void> {
    for (const client of this.clients) await client.close()
    this.clients.clear()
    for (const api of this.apiClients.splice(0)) api.close()
    await this.stopNode()
    rmSync(this.dir, { recursive: true, force: true })
  }
}

export interface EngineClients<N extends string> {
  readonly h: EngineHarness
  readonly profiles: Readonly<Record<N, ClientProfile>>
  readonly clients: Readonly<Record<N, Client>>
}

/**
 * The set-up most engine test files share: before the file's tests, a harness on a fresh node and
 * one client opened per name, handed to `ready`; after them, everything closed. Hooks the caller
 * registers later run after these before the tests and before these after them.
 */
export function useEngineClients<const N extends string>(
  label: string,
  names: readonly N[],
  ready: (setup: EngineClients<N>) => void,
  options: { validators?: NodeValidators; retry?: Partial<Record<N, RetryPolicy>> } = {},
): void {
  let h: EngineHarness | undefined
  beforeAll(async () => {
    const harness = await EngineHarness.create(label, options.validators)
    h = harness
    const profiles = Object.fromEntries(names.map((name) => [name, harness.profile(name)])) as Record<N, ClientProfile>
    const opened = await Promise.all(
      names.map((name) => {
        const retry = options.retry?.[name]
        return harness.open(profiles[name], retry ? { retry } : {})
      }),
    )
    const clients = Object.fromEntries(names.map((name, i) => [name, opened[i]!])) as Record<N, Client>
    ready({ h: harness, profiles, clients })
  })
  afterAll(async () => {
    await h?.close()
  })
}
