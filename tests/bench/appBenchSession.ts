// The app profile as the app's main process (or the web host) runs it: a ProfileSession, in this
// thread or behind the engine host's worker, with its handlers on a validated registry. Requests go
// through IpcHandlerRegistry.dispatch, as ipcMain and the web host's sockets call it; pushed events
// are collected as a window would receive them.
import { join } from "node:path"
import { EngineHost } from "../../src/main/engineHost/engineHostClient"
import type { EngineSession } from "../../src/main/engineHost/engineSession"
import { ProfileSession, type ProfileSessionOptions } from "../../src/main/handlers/profileSession"
import { IpcHandlerRegistry } from "../../src/main/ipcHandlers"
import { KeychainService } from "../../src/main/keychain"
import type { EventName, EventPayload, RequestArgs, RequestName, RequestResult } from "../../src/shared/contract"
import { FileSecretStore } from "../../src/webhost/fileSecretStore"
import type { AppChildConfig } from "./appBenchProtocol"

interface Waiter {
  name: string
  matches: (payload: never) => boolean
  resolve: (payload: unknown) => void
}

export class AppBenchSession {
  readonly #waiters = new Set<Waiter>()

  private constructor(
    private readonly session: EngineSession,
    private readonly registry: IpcHandlerRegistry,
  ) {
    session.events.attach({
      send: (name, payload) => {
        for (const waiter of this.#waiters) {
          if (waiter.name !== name || !waiter.matches(payload as never)) continue
          this.#waiters.delete(waiter)
          waiter.resolve(payload)
        }
      },
      isDestroyed: () => false,
    })
  }

  static async open(config: AppChildConfig): Promise<AppBenchSession> {
    const { fixture, dir } = config
    const options: ProfileSessionOptions = {
      profile: fixture.profile,
      dataDir: join(dir, fixture.dataDir),
      keys: new KeychainService({ store: new FileSecretStore(join(dir, fixture.keysFile)), service: fixture.keychainService }),
      apiUrl: config.apiUrl,
      logError: (message, error) => console.error(`app: ${message}`, error),
    }
    const session = config.engineHost === "worker" ? await EngineHost.open(options) : await ProfileSession.open(options)
    const registry = new IpcHandlerRegistry({ logError: options.logError! })
    session.register(registry)
    return new AppBenchSession(session, registry)
  }

  async call<N extends RequestName>(name: N, ...args: RequestArgs<N>): Promise<RequestResult<N>> {
    return (await this.registry.dispatch(name, args)) as RequestResult<N>
  }

  /** The next event `name` whose payload `matches`, from now on. */
  event<E extends EventName>(name: E, matches: (payload: EventPayload<E>) => boolean, timeoutMs: number): Promise<EventPayload<E>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters.delete(waiter)
        reject(new Error(`no ${name} event within ${timeoutMs} ms`))
      }, timeoutMs)
      const waiter: Waiter = {
        name,
        matches: matches as (payload: never) => boolean,
        resolve: (payload) => {
          clearTimeout(timer)
          resolve(payload as EventPayload<E>)
        },
      }
      this.#waiters.add(waiter)
    })
  }

  close(): Promise<void> {
    return this.session.close()
  }
}
