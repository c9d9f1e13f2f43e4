// The Electron binary cannot run here, so check what can be checked of the built app without it:
// every emitted main/preload bundle parses as the module kind Electron will load it as.
import { execFileSync } from "node:child_process"
import { existsSync } from "node:fs"

// out/main/engineWorker.js is the engine host's worker thread (src/main/engineHost/engineWorker.ts).
const bundles = ["out/main/index.js", "out/main/engineWorker.js", "out/preload/index.cjs", "out/renderer/index.html"]
for (const file of bundles) {
  if (!existsSync(file)) throw new Error(`build output missing: ${file}`)
  if (file.endsWith(".js") || file.endsWith(".cjs")) execFileSync(process.execPath, ["--check", file], { stdio: "inherit" })
}
console.log(`build check: ${bundles.length} outputs present, bundles parse`)
