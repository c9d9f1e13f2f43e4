// Makes the official XMTP SDK's native binary (a dev dependency, used only as a test peer) load on
// glibc older than 2.38. A failure here is reported but does not fail the install: the app itself
// does not need the SDK, and the interop tests report clearly when it cannot load.
import { spawnSync } from "node:child_process"
import { existsSync } from "node:fs"

if (existsSync("node_modules/@xmtp/node-bindings")) {
  const run = spawnSync("sh", ["scripts/xmtp-sdk-glibc/patch.sh", "."], { stdio: "inherit" })
  if (run.status !== 0) console.warn("xmtp-sdk-glibc: patch failed; the SDK interop tests will not run")
}
