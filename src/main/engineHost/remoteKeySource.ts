// The worker's AccountKeySource: the keys stay with main (the OS keychain is reached only from
// there), so each call is a request over the port, answered with the keys or a typed error.
import type { AccountKeySource } from "../handlers/accountService"
import type { ProfileKeys } from "../keychain"
import { RemoteTypedError } from "./engineHostErrors"
import type { HostMessage, KeyRequest, WorkerMessage } from "./engineHostProtocol"

type KeysResult = Extract<HostMessage, { type: "keys-result" }>

export class RemoteKeySource implements AccountKeySource {
  readonly #pending = new Map<number, { resolve: (keys: ProfileKeys) => void; reject: (error: Error) => void }>()
  #nextId = 1

  constructor(private readonly post: (message: WorkerMessage) => void) {}

  loadOrCreate(profile: string): Promise<ProfileKeys> {
    return this.#ask({ method: "loadOrCreate", profile })
  }

  importAccountKey(profile: string, accountKeyText: string, options: { confirmReplace?: boolean } = {}): Promise<ProfileKeys> {
    return this.#ask({ method: "importAccountKey", profile, accountKeyText, ...(options.confirmReplace === undefined ? {} : { confirmReplace: options.confirmReplace }) })
  }

  /** Settles the call `result` answers. */
  settle(result: KeysResult): void {
    const pending = this.#pending.get(result.id)
    if (!pending) return
    this.#pending.delete(result.id)
    if (result.ok) pending.resolve(result.keys)
    else pending.reject(new RemoteTypedError(result.error))
  }

  #ask(request: KeyRequest): Promise<ProfileKeys> {
    const id = this.#nextId++
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject })
      this.post({ type: "keys", id, request })
    })
  }
}
