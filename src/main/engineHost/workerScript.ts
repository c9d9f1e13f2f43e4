// How a worker thread is started on a module: a built module (.js, as electron-vite emits it)
// directly; a TypeScript source (the web host and tests run under tsx) through a small ES module
// that registers tsx's loader in the new thread first, since worker threads do not inherit it.
import { createRequire } from "node:module"
import { pathToFileURL } from "node:url"

export function workerScript(entry: URL): [URL] {
  if (!entry.pathname.endsWith(".ts")) return [entry]
  const tsxApi = pathToFileURL(createRequire(entry).resolve("tsx/esm/api").replace(/\.cjs$/, ".mjs")).href
  const bootstrap = `import { register } from ${JSON.stringify(tsxApi)}; register(); await import(${JSON.stringify(entry.href)});`
  return [new URL(`data:text/javascript,${encodeURIComponent(bootstrap)}`)]
}
