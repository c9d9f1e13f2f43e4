#!/usr/bin/env node
// Which entries of the behaviour catalogue (../shared/spec/behaviours.md, read at run time) are
// cited by tests: a test cites an entry by naming its id in its title, e.g.
// it("PERM-04: ...") or describe("LEAVE-05, LEAVE-06: ..."). Prints every entry with the tests
// citing it and a summary. Exits 1 when an entry without a [ref] tag has no test, unless run with
// --report (always exits 0; for npm test while the catalogue is not fully covered).
//
//   node scripts/spec-coverage.mjs [--report] [--uncovered] [--catalogue PATH]
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs"
import { dirname, join, relative, resolve } from "node:path"
import { fileURLToPath } from "node:url"

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..")
const args = process.argv.slice(2)
const reportOnly = args.includes("--report")
const onlyUncovered = args.includes("--uncovered")
const catalogueArg = args.indexOf("--catalogue")
const cataloguePath = catalogueArg >= 0 ? resolve(args[catalogueArg + 1] ?? "") : resolve(repoRoot, "../shared/spec/behaviours.md")
const testsRoot = join(repoRoot, "tests")

if (!existsSync(cataloguePath)) {
  console.error(
    `spec-coverage: the behaviour catalogue is not at ${cataloguePath}.\n` +
      "It lives in the shared folder beside the repository (../shared/spec/behaviours.md); check it out there or pass --catalogue PATH.",
  )
  process.exit(2)
}

/** Entries are bold lines: **ID [ref] Title.** under "## N. Section" headings. */
function readCatalogue(path) {
  const entries = []
  let section = ""
  for (const line of readFileSync(path, "utf8").split("\n")) {
    const heading = /^## (.+)$/.exec(line)
    if (heading) section = heading[1].trim()
    const entry = /^\*\*([A-Z]+-\d+)(\s+\[ref\])?\s+(.*?)\*\*\s*$/.exec(line)
    if (entry) entries.push({ id: entry[1], ref: Boolean(entry[2]), title: entry[3].replace(/\.$/, ""), section, citations: [] })
  }
  return entries
}

function testFiles(dir) {
  const files = []
  for (const name of readdirSync(dir)) {
    if (name === "node_modules") continue
    const path = join(dir, name)
    if (statSync(path).isDirectory()) files.push(...testFiles(path))
    else if (/\.test\.(ts|tsx|mts|js|mjs)$/.test(name)) files.push(path)
  }
  return files.sort()
}

// it("..."), test('...'), describe(`...`), and their .only/.skip/.each(...) forms.
const TITLE = /\b(?:it|test|describe)(?:\.(?:only|skip|todo|concurrent|sequential|fails))?(?:\.each\([^)]*\))?\(\s*(["'`])((?:\\.|(?!\1)[\s\S])*?)\1/g
const ID = /\b([A-Z]+-\d{2,})\b/g

function citationsIn(file) {
  const source = readFileSync(file, "utf8")
  const found = []
  for (const match of source.matchAll(TITLE)) {
    const title = match[2]
    const ids = [...new Set([...title.matchAll(ID)].map((m) => m[1]))]
    if (ids.length === 0) continue
    const line = source.slice(0, match.index).split("\n").length
    found.push({ ids, title, location: `${relative(repoRoot, file)}:${line}` })
  }
  return found
}

const entries = readCatalogue(cataloguePath)
if (entries.length === 0) {
  console.error(`spec-coverage: no entries found in ${cataloguePath}; has its format changed?`)
  process.exit(2)
}
const byId = new Map(entries.map((e) => [e.id, e]))
// Only ids with a catalogue prefix count as citations (titles also mention SHA-256, ERC-191, ...).
const prefixes = new Set(entries.map((e) => e.id.replace(/-\d+$/, "")))
const unknownCitations = []
for (const file of existsSync(testsRoot) ? testFiles(testsRoot) : []) {
  for (const citation of citationsIn(file)) {
    for (const id of citation.ids) {
      const entry = byId.get(id)
      if (entry) entry.citations.push(citation)
      else if (prefixes.has(id.replace(/-\d+$/, ""))) unknownCitations.push({ id, ...citation })
    }
  }
}

let section = ""
for (const entry of entries) {
  const covered = entry.citations.length > 0
  if (onlyUncovered && covered) continue
  if (entry.section !== section) {
    section = entry.section
    console.log(`\n## ${section}`)
  }
  const status = covered ? "covered  " : entry.ref ? "[ref]    " : "UNCOVERED"
  console.log(`${entry.id.padEnd(11)} ${status} ${entry.title}`)
  for (const c of entry.citations) console.log(`${" ".repeat(22)}${c.location}  ${JSON.stringify(c.title)}`)
}

if (unknownCitations.length > 0) {
  console.log("\nTest titles citing ids the catalogue does not have:")
  for (const c of unknownCitations) console.log(`  ${c.id}  ${c.location}  ${JSON.stringify(c.title)}`)
}

const core = entries.filter((e) => !e.ref)
const ref = entries.filter((e) => e.ref)
const coveredCore = core.filter((e) => e.citations.length > 0)
const coveredRef = ref.filter((e) => e.citations.length > 0)
const uncoveredCore = core.filter((e) => e.citations.length === 0)
console.log(
  `\nspec coverage: ${entries.length} entries in ${relative(repoRoot, cataloguePath)}\n` +
    `  covered (untagged):   ${coveredCore.length} of ${core.length}\n` +
    `  uncovered (untagged): ${uncoveredCore.length}\n` +
    `  [ref]-tagged:         ${ref.length} (${coveredRef.length} of them cited by tests)`,
)
if (uncoveredCore.length > 0 && !reportOnly) {
  console.error(`spec coverage: ${uncoveredCore.length} untagged entries have no test: ${uncoveredCore.map((e) => e.id).join(", ")}`)
  process.exit(1)
}
