// Extracts the part of the MLS working group's interoperability test vectors that Parley's tests
// run (tests/unit/mls/tsmls-vectors-*.test.ts) into tests/fixtures/mls-test-vectors/.
// Usage: node scripts/extract-mls-test-vectors.mjs [source directory, default ../shared/mls-test-vectors]
//
// Only cipher suite 3 (MLS_128_DHKEMX25519_CHACHA20POLY1305_SHA256_Ed25519) is kept. Families
// without a cipher suite are codec or tree-shape vectors and are kept whole or cut to their
// smaller cases. tree-operations is published for suite 1 only; its checks use SHA-256 and
// Ed25519, which suite 3 shares, so it is kept as is. The largest cases of the tree families are
// dropped to keep the fixtures small; the smaller ones cover the same shapes of tree.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs"
import { dirname, join, resolve } from "node:path"
import { fileURLToPath } from "node:url"

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..")
const source = resolve(repoRoot, process.argv[2] ?? "../shared/mls-test-vectors")
const target = join(repoRoot, "tests/fixtures/mls-test-vectors")

const MAX_CASE_BYTES = 17_000
const suite3 = (entry) => entry.cipher_suite === 3
const small = (entry) => JSON.stringify(entry).length <= MAX_CASE_BYTES

/** family -> which entries to keep */
const families = {
  "crypto-basics": suite3,
  "deserialization": () => true,
  "key-schedule": suite3,
  "message-protection": suite3,
  "messages": (_entry, index) => index < 2,
  "passive-client-handling-commit": suite3,
  "passive-client-welcome": suite3,
  "psk_secret": suite3,
  "secret-tree": suite3,
  "transcript-hashes": suite3,
  "tree-math": (entry) => entry.n_leaves <= 32,
  "tree-operations": () => true,
  "tree-validation": (entry) => suite3(entry) && small(entry),
  "treekem": (entry) => suite3(entry) && small(entry),
  "welcome": suite3,
}

mkdirSync(target, { recursive: true })
for (const [family, keep] of Object.entries(families)) {
  const entries = JSON.parse(readFileSync(join(source, `${family}.json`), "utf8"))
  const kept = entries.filter(keep)
  if (kept.length === 0) throw new Error(`${family}: nothing matched; is ${source} the test-vector directory?`)
  writeFileSync(join(target, `${family}.json`), `${JSON.stringify(kept)}\n`)
  console.log(`${family}: kept ${kept.length} of ${entries.length}`)
}
