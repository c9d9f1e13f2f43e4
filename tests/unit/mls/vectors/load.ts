// Reads the MLS working group's test vectors that scripts/extract-mls-test-vectors.mjs copied into
// tests/fixtures/mls-test-vectors (cipher suite 3, or suite-independent families).
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"

const fixtures = fileURLToPath(new URL("../../../fixtures/mls-test-vectors", import.meta.url))

export type VectorFamily =
  | "crypto-basics"
  | "deserialization"
  | "key-schedule"
  | "message-protection"
  | "messages"
  | "passive-client-handling-commit"
  | "passive-client-welcome"
  | "psk_secret"
  | "secret-tree"
  | "transcript-hashes"
  | "tree-math"
  | "tree-operations"
  | "tree-validation"
  | "treekem"
  | "welcome"

export function loadVectors<T>(family: VectorFamily): T[] {
  const entries = JSON.parse(readFileSync(join(fixtures, `${family}.json`), "utf8")) as T[]
  if (entries.length === 0) throw new Error(`no ${family} vectors in ${fixtures}`)
  return entries
}

export const hex = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text, "hex"))
export const toHex = (bytes: Uint8Array): string => Buffer.from(bytes).toString("hex")
