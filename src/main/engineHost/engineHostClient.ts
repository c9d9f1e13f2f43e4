// Main's side of the engine host: runs one profile's ProfileSession in a worker thread and stands
// in for it. Requests main's registry has validated are forwarded over the worker's MessagePort and
// answered with the worker's result or its typed error; the session's events are re-emitted on a
// hub here; the keychain stays in this thread and answers the worker's key requests. A worker
// that stops unexpectedly is reported (logError, onCrash) and every request after it fails with
// EngineHostError Crashed instead of hanging.
import { Worker } from "node:worker_threads"
import type { RequestName } from "../../shared/contract"
import type { AccountKeySource } from "../handlers/accountService"
import { EventHub } from "../handlers/eventHub"
import type { ProfileSessionOptions } from "../handlers/profileSession"
import type { IpcHandlerRegistry } from "../ipcHandlers"
import { EngineHostError, RemoteTypedError, describeError, typedErrorInfo } from "./engineHostErrors"
import type { EngineWorkerData, HostMessage, KeyRequest, WorkerMessage } from "./engineHostProtocol"
import { workerScript } from "./workerScript"

export interface EngineHostOptions extends ProfileSessionOptions {
  /** The worker's entry module; defaults to engineWorker beside this module (built or source). */
  workerEntry?: URL
}

const CLOSE_TIMEOUT_MS = 10_000

interface Pending {
  resolve: (result: unknown) => void
  reject: (error: Error) => void
}

export class EngineHost {
  readonly events: EventHub
  readonly #worker: Worker
  readonly #keys: AccountKeySource
  readonly #profile: string
  readonly #logError: (message: string, error: unknown) => void
  readonly #pending = new Map<number, Pending>()
  readonly #crashListeners = new Set<(error: EngineHostError) => void>()
  #requests: readonly RequestName[] = []
  #nextId = 1
  #failure: EngineHostError | undefined
  #closing: Promise<void> | undefined

  private constructor(worker: Worker, options: ProfileSessionOptions) {
    this.#worker = worker
    this.#keys = options.keys
    this.#profile = options.profile
    this.#logError = options.logError ?? ((message, error) => console.error(message, error))
    this.events = new EventHub(this.#logError)
  }

  /** Starts the worker and opens the profile there; rejects with EngineHostError StartFailed (or the session's typed error). */
  static async open(options: EngineHostOptions): Promise<EngineHost> {
    const { keys: _keys, logError: _logError, workerEntry, live, ...rest } = options
    // Functions cannot cross the port: the worker logs through main's logError.
    const { logError: _liveLogError, ...liveData } = live ?? {}
    const data: EngineWorkerData = { ...rest, ...(live ? { live: liveData } : {}) }
    const worker = new Worker(...workerScript(workerEntry ?? new URL(`./engineWorker${import.meta.url.endsWith(".ts") ? ".ts" : ".js"}`, import.meta.url)), { workerData: data })
    const host = new EngineHost(worker, options)
    await host.#started()
    return host
  }

  get profile(): string {
    return this.#profile
  }

  /** Runs `listener` if the worker stops unexpectedly. */
  onCrash(listener: (error: EngineHostError) => void): () => void {
    this.#crashListeners.add(listener)
    return () => void this.#crashListeners.delete(listener)
  }

  /** Registers every request the worker's session serves on `registry`, each forwarded to the worker (whose registry validates the results). */
  register(registry: IpcHandlerRegistry): IpcHandlerRegistry {
    for (const name of this.#requests) registry.register(name, ((...args: unknown[]) => this.request(name, args)) as never, { resultsValidated: true })
    return registry
  }

  /** One request, already validated, answered by the worker's session. */
  request(name: RequestName, args: unknown[]): Promise<unknown> {
    if (this.#failure) return Promise.reject(this.#failure)
    const id = this.#nextId++
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject })
      this.#post({ type: "request", id, name, args })
    })
  }

  close(): Promise<void> {
    this.#closing ??= this.#close()
    return this.#closing
  }

  async #close(): Promise<void> {
    if (this.#failure) return
    const exited = new Promise<void>((resolve) => this.#worker.once("exit", () => resolve()))
    this.#fail(new EngineHostError("Closed", `The engine of profile "${this.#profile}" was closed.`))
    this.#post({ type: "close" })
    const timer = setTimeout(() => void this.#worker.terminate(), CLOSE_TIMEOUT_MS)
    await exited
    clearTimeout(timer)
  }

  #started(): Promise<void> {
    return new Promise((resolve, reject) => {
      const failed = (error: Error) => {
        this.#fail(error instanceof EngineHostError ? error : new EngineHostError("StartFailed", error.message))
        void this.#worker.terminate()
        reject(error)
      }
      this.#worker.on("message", (message: WorkerMessage) => {
        if (message.type === "ready") {
          this.#requests = message.requests
          resolve()
        } else if (message.type === "start-failed") {
          failed(new RemoteTypedError(message.error))
        } else {
          this.#handle(message)
        }
      })
      this.#worker.on("error", (error) => {
        if (this.#requests.length === 0) failed(new EngineHostError("StartFailed", `The engine of profile "${this.#profile}" could not start: ${error.message}`, { cause: error }))
        else this.#crashed(`it threw ${describeError(error)}`)
      })
      this.#worker.on("exit", (code) => {
        if (this.#requests.length === 0) failed(new EngineHostError("StartFailed", `The engine of profile "${this.#profile}" stopped while starting (exit code ${code}).`))
        else this.#crashed(`it exited with code ${code}`)
      })
    })
  }

  #handle(message: WorkerMessage): void {
    switch (message.type) {
      case "response": {
        const pending = this.#pending.get(message.id)
        if (!pending) return
        this.#pending.delete(message.id)
        if (message.ok) pending.resolve(message.result)
        else pending.reject(new RemoteTypedError(message.error))
        return
      }
      case "event":
        // The worker's own hub validated the payload before posting it.
        this.events.relay(message.name, message.payload)
        return
      case "keys":
        void this.#answerKeys(message.id, message.request)
        return
      case "log":
        this.#logError(`Engine of profile "${this.#profile}": ${message.message}`, message.error)
        return
      case "ready":
      case "start-failed":
      case "closed":
        return
    }
  }

  async #answerKeys(id: number, request: KeyRequest): Promise<void> {
    try {
      if (request.profile !== this.#profile) throw new EngineHostError("StartFailed", `The engine of profile "${this.#profile}" asked for the keys of "${request.profile}".`)
      const keys =
        request.method === "loadOrCreate"
          ? await this.#keys.loadOrCreate(request.profile)
          : await this.#keys.importAccountKey(request.profile, request.accountKeyText, request.confirmReplace === undefined ? {} : { confirmReplace: request.confirmReplace })
      this.#post({ type: "keys-result", id, ok: true, keys })
    } catch (error) {
      if (!(error instanceof Error && typeof (error as { code?: unknown }).code === "string")) this.#logError("The keychain failed while the engine asked for keys", error)
      this.#post({ type: "keys-result", id, ok: false, error: typedErrorInfo(error, { family: "KeychainError", code: "Unavailable" }) })
    }
  }

  /** The worker stopped without being asked to. */
  #crashed(how: string): void {
    if (this.#failure) return
    const error = new EngineHostError("Crashed", `Parley's engine for profile "${this.#profile}" stopped unexpectedly (${how}); restart Parley to continue.`)
    this.#fail(error)
    this.#logError(error.message, undefined)
    for (const listener of this.#crashListeners) listener(error)
  }

  #fail(error: EngineHostError): void {
    this.#failure ??= error
    for (const pending of this.#pending.values()) pending.reject(this.#failure)
    this.#pending.clear()
  }

  #post(message: HostMessage): void {
    this.#worker.postMessage(message)
  }
}
