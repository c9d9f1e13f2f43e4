// Expectations engine tests share: a promise refused with one typed error, and a condition met
// before a deadline (for what happens on another client's schedule).
import { expect } from "vitest"

/** Expects `promise` to reject with an instance of `type` whose `code` is `code`; returns that error. */
export async function expectRejection<E extends Error & { code: string }>(
  promise: Promise<unknown>,
  type: abstract new (...args: never[]) => E,
  code: E["code"],
): Promise<E> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(type)
  expect((error as E).code).toBe(code)
  return error as E
}

/** Waits until `condition()` holds, checking every 20 ms; fails naming `what` after `timeoutMs`. */
export async function until(what: string, condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}
