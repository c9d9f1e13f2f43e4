// The IPC handler registry. Every request is checked against the contract before its handler runs
// (malformed requests never reach a handler) and every result after (a result that does not match
// is not sent). Failures reach the renderer as encoded typed errors. Events main pushes are checked
// the same way before they are sent.
import type { IpcMain, IpcMainInvokeEvent } from "electron"
import {
  type EventName,
  type EventPayload,
  isRequestName,
  parseEvent,
  parseRequest,
  parseResult,
  type RequestArgs,
  type RequestName,
  type RequestResult,
  requestNames,
} from "../shared/contract"
import { encodeIpcError, type IpcErrorInfo, IpcValidationError } from "../shared/ipcErrors"

export type Handler<N extends RequestName> = (...args: RequestArgs<N>) => RequestResult<N> | Promise<RequestResult<N>>

export type IpcHandlerErrorCode =
  /** The request is in the contract but this build has no handler for it yet. */
  | "NotAvailable"
  /** The request came from a frame that is not Parley's own renderer. */
  | "UntrustedSender"
  /** The handler failed in a way it did not describe (a bug); details are logged in main. */
  | "Internal"

export class IpcHandlerError extends Error {
  override readonly name = "IpcHandlerError"
  constructor(
    readonly code: IpcHandlerErrorCode,
    message: string,
  ) {
    super(message)
  }
}

export interface IpcRegistryOptions {
  /** Where failures that are bugs (not typed errors) are reported. */
  logError?: (message: string, error: unknown) => void
}

type AnyHandler = (...args: unknown[]) => unknown

export class IpcHandlerRegistry {
  readonly #handlers = new Map<RequestName, AnyHandler>()
  readonly #observers = new Map<RequestName, Array<(args: unknown[], result: unknown) => void>>()
  /** Requests whose handler's results were already validated where they were made (the engine worker's registry). */
  readonly #validatedResults = new Set<RequestName>()
  readonly #logError: (message: string, error: unknown) => void

  constructor(options: IpcRegistryOptions = {}) {
    this.#logError = options.logError ?? ((message, error) => console.error(message, error))
  }

  /**
   * `resultsValidated`: the handler forwards to another registry that already checked its results
   * against the contract (the engine worker's), so they are not checked a second time here.
   */
  register<N extends RequestName>(name: N, handler: Handler<N>, options: { resultsValidated?: boolean } = {}): this {
    if (!isRequestName(name)) throw new IpcValidationError(name, "unknown request", "UnknownRequest")
    if (this.#handlers.has(name)) throw new Error(`A handler for ${name} is already registered.`)
    this.#handlers.set(name, handler as AnyHandler)
    if (options.resultsValidated) this.#validatedResults.add(name)
    return this
  }

  /**
   * Calls `observer` after each successful `name` request with its arguments and result, for main's
   * own bookkeeping (the unread badge learns of conversations:markRead this way). Observers run after
   * the result is validated and never change it; one that throws is logged.
   */
  onHandled<N extends RequestName>(name: N, observer: (args: RequestArgs<N>, result: RequestResult<N>) => void): this {
    const observers = this.#observers.get(name) ?? []
    observers.push(observer as (args: unknown[], result: unknown) => void)
    this.#observers.set(name, observers)
    return this
  }

  has(name: RequestName): boolean {
    return this.#handlers.has(name)
  }

  /**
   * Runs one request: validates `args`, calls the handler, validates its result. Throws
   * IpcValidationError (bad request or bad result), IpcHandlerError, or the handler's own error.
   */
  async dispatch(name: string, args: unknown): Promise<unknown> {
    const parsedArgs = parseRequest(name, args) as unknown[]
    const handler = this.#handlers.get(name as RequestName)
    if (!handler) throw new IpcHandlerError("NotAvailable", `${name} is not available in this version of Parley.`)
    const returned = await handler(...parsedArgs)
    const result = this.#validatedResults.has(name as RequestName) ? returned : parseResult(name as RequestName, returned)
    for (const observer of this.#observers.get(name as RequestName) ?? []) {
      try {
        observer(parsedArgs, result)
      } catch (error) {
        this.#logError(`An observer of ${name} failed`, error)
      }
    }
    return result
  }

  /**
   * Answers every contract request on `ipcMain`, from trusted senders only. Rejections carry an
   * encoded IpcErrorInfo (see decodeIpcError); returns a function that removes the handlers.
   */
  attach(ipcMain: Pick<IpcMain, "handle" | "removeHandler">, isTrustedSender: (senderUrl: string | undefined) => boolean): () => void {
    for (const name of requestNames) {
      ipcMain.handle(name, async (event: Pick<IpcMainInvokeEvent, "senderFrame">, ...args: unknown[]) => {
        try {
          if (!isTrustedSender(event.senderFrame?.url)) {
            throw new IpcHandlerError("UntrustedSender", `${name} was requested by a page that is not Parley's own.`)
          }
          return await this.dispatch(name, args)
        } catch (error) {
          throw new Error(encodeIpcError(this.errorInfo(name, error)))
        }
      })
    }
    return () => {
      for (const name of requestNames) ipcMain.removeHandler(name)
    }
  }

  /** What the renderer is told about a failure: typed errors as they are, anything else as Internal. */
  errorInfo(request: string, error: unknown): IpcErrorInfo {
    if (isTypedError(error)) return { family: error.name, code: error.code, message: error.message }
    this.#logError(`IPC handler for ${request} failed`, error)
    return { family: "IpcHandlerError", code: "Internal", message: `Parley hit an internal error while handling ${request}.` }
  }
}

// JavaScript's and Node's own errors (which may carry codes like ENOENT or ERR_INVALID_ARG_TYPE) are bugs here, not answers.
const BUILT_IN_ERROR_NAMES = new Set(["Error", "TypeError", "RangeError", "SyntaxError", "ReferenceError", "EvalError", "URIError", "AggregateError", "AbortError", "SystemError"])

/** Parley's error classes set their own `name` and a string `code`. */
function isTypedError(error: unknown): error is Error & { code: string } {
  return error instanceof Error && !BUILT_IN_ERROR_NAMES.has(error.name) && typeof (error as { code?: unknown }).code === "string"
}

export interface EventTarget {
  send(channel: string, payload: unknown): void
  isDestroyed(): boolean
}

/** Sends an event to a renderer after validating its payload; an invalid payload throws and is not sent. */
export function sendEvent<E extends EventName>(target: EventTarget, name: E, payload: EventPayload<E>): void {
  const valid = parseEvent<E>(name, payload)
  if (!target.isDestroyed()) target.send(name, valid)
}
