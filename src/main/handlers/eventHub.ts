// Fans main's events out to every attached renderer (Electron's web contents, or the web host's
// sockets). Each payload is checked against the contract once, before anyone receives it.
import { type EventName, type EventPayload, parseEvent } from "../../shared/contract"
import type { EventTarget } from "../ipcHandlers"

export class EventHub {
  readonly #targets = new Set<EventTarget>()
  readonly #logError: (message: string, error: unknown) => void

  constructor(logError: (message: string, error: unknown) => void = (message, error) => console.error(message, error)) {
    this.#logError = logError
  }

  /** Starts sending events to `target`; returns the function that stops it. */
  attach(target: EventTarget): () => void {
    this.#targets.add(target)
    return () => void this.#targets.delete(target)
  }

  get size(): number {
    return this.#targets.size
  }

  /** Validates and sends; an invalid payload is a bug in main, logged and dropped rather than thrown at the engine's stream. */
  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    let valid: EventPayload<E>
    try {
      valid = parseEvent<E>(name, payload)
    } catch (error) {
      this.#logError(`Dropped an invalid ${name} event`, error)
      return
    }
    this.relay(name, valid)
  }

  /** Sends a payload another hub already validated (the engine worker's), without checking it again. */
  relay(name: EventName, payload: unknown): void {
    for (const target of this.#targets) {
      if (target.isDestroyed()) this.#targets.delete(target)
      else target.send(name, payload)
    }
  }
}
