// Helpers for the extension codec tests: hex in and out, and the typed error a call must throw.
import { expect } from "vitest"
import { GroupExtensionError, type GroupExtensionErrorCode } from "../../../../src/engine/groups/extensions/errors"

export const hex = (data: Uint8Array) => Buffer.from(data).toString("hex")
export const fromHex = (text: string) => new Uint8Array(Buffer.from(text.replace(/\s+/g, ""), "hex"))
export const ascii = (text: string) => Buffer.from(text).toString("hex")

export function throwsCode(call: () => unknown, code: GroupExtensionErrorCode): void {
  let thrown: unknown
  try {
    call()
  } catch (error) {
    thrown = error
  }
  expect(thrown).toBeInstanceOf(GroupExtensionError)
  expect((thrown as GroupExtensionError).code).toBe(code)
}
