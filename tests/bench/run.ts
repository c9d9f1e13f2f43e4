// `npm run bench [-- NAME...]`: runs every benchmark module in this folder and prints its figures.
// A module is any `tests/bench/*.bench.ts` file exporting `run(): Promise<BenchReport | BenchReport[]>`;
// with NAMEs, only modules whose file name contains one of them run. Benchmarks print figures; they
// assert nothing about speed (a failure here means the benchmark itself could not run).
import { readdir } from "node:fs/promises"
import { dirname, join } from "node:path"
import { fileURLToPath, pathToFileURL } from "node:url"

export interface BenchReport {
  title: string
  /** One row per case; each key is a column. */
  rows: Array<Record<string, string | number>>
  /** How to read the figures: method, units, caveats. */
  notes?: string[]
}

interface BenchModule {
  run(): Promise<BenchReport | BenchReport[]>
}

const BENCH_SUFFIX = ".bench.ts"

async function main(filters: string[]): Promise<number> {
  const dir = dirname(fileURLToPath(import.meta.url))
  const files = (await readdir(dir))
    .filter((f) => f.endsWith(BENCH_SUFFIX))
    .filter((f) => filters.length === 0 || filters.some((name) => f.includes(name)))
    .sort()
  if (files.length === 0) {
    console.error(`no benchmark matches ${filters.join(", ") || "*"}${BENCH_SUFFIX} in ${dir}`)
    return 1
  }
  let failed = 0
  for (const file of files) {
    const started = performance.now()
    console.log(`\n== ${file}`)
    try {
      const module = (await import(pathToFileURL(join(dir, file)).href)) as Partial<BenchModule>
      if (typeof module.run !== "function") throw new Error(`${file} does not export run()`)
      const reports = await module.run()
      for (const report of Array.isArray(reports) ? reports : [reports]) printReport(report)
      console.log(`(${file}: ${((performance.now() - started) / 1000).toFixed(1)} s, runner peak RSS ${peakRssMb()} MB)`)
    } catch (error) {
      failed++
      console.error(`${file} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
    }
  }
  return failed === 0 ? 0 : 1
}

function printReport(report: BenchReport): void {
  console.log(`\n${report.title}`)
  const columns = [...new Set(report.rows.flatMap((row) => Object.keys(row)))]
  const cells = report.rows.map((row) => columns.map((c) => String(row[c] ?? "")))
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i]!.length)))
  const line = (values: string[]) => values.map((v, i) => v.padStart(widths[i]!)).join("  ")
  console.log(line(columns))
  console.log(widths.map((w) => "-".repeat(w)).join("  "))
  for (const row of cells) console.log(line(row))
  for (const note of report.notes ?? []) console.log(`  * ${note}`)
}

const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024)

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  process.exitCode = await main(process.argv.slice(2))
}
