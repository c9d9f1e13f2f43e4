// `npm run web`: a development and test host for Parley's UI in an ordinary browser. It runs an
// embedded delivery node, one engine client per profile, and serves the built renderer with the
// IPC contract over a loopback WebSocket. It is NOT the desktop app: account keys are kept in a
// plain file in its data directory, where the app keeps them in the OS keychain.
//
//   tsx src/webhost/index.ts [--port 5180] [--data-dir DIR] [--renderer-dir out/renderer] [--profile NAME ...]
//
// When ready it prints one line `WEBHOST_READY {"origin":…,"pages":{profile: url}}` for scripts.
import { existsSync } from "node:fs"
import { mkdir } from "node:fs/promises"
import { homedir } from "node:os"
import { dirname, join, resolve } from "node:path"
import { fileURLToPath } from "node:url"
import { parseArgs } from "node:util"
import { validateProfileName } from "../main/profiles"
import { startNode } from "../server/node"
import { HostedProfiles, packageVersion } from "./hostedProfiles"
import { startWebHost } from "./webHost"

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..")

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "5180" },
    "data-dir": { type: "string", default: join(homedir(), ".parley-webhost") },
    "renderer-dir": { type: "string", default: join(repoRoot, "out/renderer") },
    profile: { type: "string", multiple: true, default: ["default"] },
  },
  strict: true,
})

function fail(message: string): never {
  console.error(`parley web host: ${message}`)
  process.exit(1)
}

const port = Number(values.port)
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a port number (0 picks a free one), not "${values.port}"`)
const dataDir = resolve(values["data-dir"])
const rendererDir = resolve(values["renderer-dir"])
if (!existsSync(join(rendererDir, "index.html"))) fail(`no built renderer in ${rendererDir}: run \`npx electron-vite build\` first`)
let profileNames: string[]
try {
  profileNames = values.profile.map(validateProfileName)
} catch (error) {
  fail((error as Error).message)
}

const logError = (message: string, error: unknown) => console.error(`parley web host: ${message}`, error ?? "")

await mkdir(dataDir, { recursive: true, mode: 0o700 })
const node = await startNode({ port: 0, dbPath: join(dataDir, "node.db"), logLevel: "warn" })
const profiles = new HostedProfiles({
  dataDir,
  apiUrl: node.address,
  nodeAddress: node.address,
  appVersion: await packageVersion(join(repoRoot, "package.json")),
  logError,
  // Pages are asked for only once the host below serves them.
  pageUrl: (profile) => host.pageUrl(profile),
})
const host = await startWebHost({ rendererDir, port, profile: (name) => profiles.open(name), controlledProfile: (name) => profiles.controlled(name), logError })

console.log(
  [
    "",
    "  Parley WEB HOST: a development and test host, NOT the Parley desktop app.",
    `  Account keys are kept in a plain file (${profiles.keystorePath}), not in the OS keychain.`,
    "  Use it for development and automated UI tests only, with throwaway accounts.",
    "",
    `  Delivery node: ${node.address} (embedded, data in ${dataDir})`,
    ...profileNames.map((profile) => `  Open profile "${profile}": ${host.pageUrl(profile)}`),
    "  Another profile: the same link with ?profile=NAME. Stop with Ctrl+C.",
    "",
  ].join("\n"),
)
console.log(`WEBHOST_READY ${JSON.stringify({ origin: host.origin, node: node.address, pages: Object.fromEntries(profileNames.map((p) => [p, host.pageUrl(p)])) })}`)

let stopping = false
async function stop(signal: string): Promise<void> {
  if (stopping) return
  stopping = true
  console.log(`parley web host: ${signal}, stopping`)
  await host.close()
  await profiles.close()
  await node.stop()
  process.exit(0)
}
process.on("SIGINT", () => void stop("SIGINT"))
process.on("SIGTERM", () => void stop("SIGTERM"))
