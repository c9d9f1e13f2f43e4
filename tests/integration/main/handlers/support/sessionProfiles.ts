// Profiles as Electron main and the web host run them, for tests: a ProfileSession on a real node
// with its validated handler registry and keys in a file-backed key source. Requests go through
// IpcHandlerRegistry.dispatch (the contract's validation both ways); events are collected from the
// session's hub and can be awaited.
import { join } from "node:path"
import { IpcHandlerRegistry } from "../../../../../src/main/ipcHandlers"
import { KeychainService } from "../../../../../src/main/keychain"
import { ProfileSession } from "../../../../../src/main/handlers/profileSession"
import type { EventName, EventPayload, RequestArgs, RequestName, RequestResult } from "../../../../../src/shared/contract"
import { FileSecretStore } from "../../../../../src/webhost/fileSecretStore"
import { withTimeout } from "../../../engine/support/waitFor"

export interface SessionProfile {
  session: ProfileSession
  events: { name: string; payload: unknown }[]
  call<N extends RequestName>(name: N, ...args: RequestArgs<N>): Promise<RequestResult<N>>
  next<E extends EventName>(name: E, matches: (payload: EventPayload<E>) => boolean, what: string): Promise<EventPayload<E>>
}

export class SessionProfiles {
  readonly #sessions: ProfileSession[] = []
  readonly #keys: KeychainService

  constructor(
    private readonly dir: string,
    private readonly apiUrl: string,
  ) {
    this.#keys = new KeychainService({ store: new FileSecretStore(join(dir, "keys.json")), service: "Parley test" })
  }

  async open(name: string): Promise<SessionProfile> {
    const session = await ProfileSession.open({ profile: name, dataDir: join(this.dir, name), keys: this.#keys, apiUrl: this.apiUrl })
    this.#sessions.push(session)
    const registry = session.register(new IpcHandlerRegistry())
    const events: { name: string; payload: unknown }[] = []
    const waiters = new Set<() => void>()
    session.events.attach({
      send: (eventName, payload) => {
        events.push({ name: eventName, payload })
        for (const wake of waiters) wake()
      },
      isDestroyed: () => false,
    })
    return {
      session,
      events,
      call: async (request, ...args) => (await registry.dispatch(request, args)) as never,
      next: (eventName, matches, what) =>
        withTimeout(
          what,
          new Promise((resolve) => {
            const check = () => {
              const found = events.find((event) => event.name === eventName && matches(event.payload as never))
              if (!found) return
              waiters.delete(check)
              resolve(found.payload as never)
            }
            waiters.add(check)
            check()
          }),
          30_000,
        ),
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.#sessions.map((session) => session.close()))
  }
}
