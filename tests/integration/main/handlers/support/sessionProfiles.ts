// Profiles as Electron main and the web host run them, for tests: a ProfileSession on a real node
// with its validated handler registry and keys in a file-backed key source. Requests go through
// IpcHandlerRegistry.dispatch (the contract's validation both ways); events are collected from the
// session's hub and can be awaited.
import { join } from "node:path"
import { expect } from "vitest"
import { type IpcRegistryOptions, IpcHandlerRegistry } from "../../../../../src/main/ipcHandlers"
import { KeychainService } from "../../../../../src/main/keychain"
import { ProfileSession } from "../../../../../src/main/handlers/profileSession"
import type { EventName, EventPayload, ReadyAccount, RequestArgs, RequestName, RequestResult } from "../../../../../src/shared/contract"
import { FileSecretStore } from "../../../../../src/webhost/fileSecretStore"
import { withTimeout } from "../../../engine/support/waitFor"

/** The keychain service under which profiles opened here keep their keys (in `<dir>/keys.json`). */
export const KEY_SERVICE = "Parley test"

/** A session as main serves it: a ProfileSession in this thread, or an EngineHost standing in for one. */
export interface ServableSession {
  events: ProfileSession["events"]
  register(registry: IpcHandlerRegistry): IpcHandlerRegistry
}

export interface ServedSession {
  registry: IpcHandlerRegistry
  events: { name: string; payload: unknown }[]
  call<N extends RequestName>(name: N, ...args: RequestArgs<N>): Promise<RequestResult<N>>
  next<E extends EventName>(name: E, matches: (payload: EventPayload<E>) => boolean, what: string): Promise<EventPayload<E>>
}

export interface SessionProfile extends ServedSession {
  session: ProfileSession
}

/** Registers the session's handlers in a fresh validated registry and collects the events it pushes. */
export function serve(session: ServableSession, options: IpcRegistryOptions = {}): ServedSession {
  const registry = session.register(new IpcHandlerRegistry(options))
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
    registry,
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

/** Asserts that an `account:*` answer is a ready account, and returns it as one. */
export function ready(account: unknown): ReadyAccount {
  expect(account).toMatchObject({ state: "ready" })
  return account as ReadyAccount
}

export class SessionProfiles {
  readonly #sessions: ProfileSession[] = []
  readonly keys: KeychainService

  constructor(
    private readonly dir: string,
    private readonly apiUrl: string,
    private readonly options: IpcRegistryOptions = {},
  ) {
    this.keys = new KeychainService({ store: new FileSecretStore(join(dir, "keys.json")), service: KEY_SERVICE })
  }

  async open(name: string): Promise<SessionProfile> {
    const session = await ProfileSession.open({ profile: name, dataDir: join(this.dir, name), keys: this.keys, apiUrl: this.apiUrl, ...this.options })
    this.#sessions.push(session)
    return { session, ...serve(session, this.options) }
  }

  async close(): Promise<void> {
    await Promise.all(this.#sessions.map((session) => session.close()))
  }
}
