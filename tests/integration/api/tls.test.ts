// https:// API URLs: TLS to a node whose certificate is trusted through a given CA, and refused
// when it is not. The certificate is made here with the openssl CLI (a self-signed one for
// localhost), since nothing in the project's dependencies writes X.509.
import { execFileSync } from "node:child_process"
import { readFile } from "node:fs/promises"
import { join } from "node:path"
import { afterEach, describe, expect, it } from "vitest"
import { ApiError, NO_RETRY } from "../../../src/engine/api/index"
import { Harness, numbered, randomGroupId } from "./helpers/apiHarness"

const harness = new Harness()
afterEach(() => harness.close())

async function selfSignedCertificate(): Promise<{ cert: Buffer; key: Buffer }> {
  const dir = join(await harness.tempDbPath(), "..")
  const [certPath, keyPath] = [join(dir, "cert.pem"), join(dir, "key.pem")]
  execFileSync("openssl", [
    "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
    "-keyout", keyPath, "-out", certPath, "-days", "1", "-subj", "/CN=parley test node",
    "-addext", "subjectAltName=DNS:localhost",
  ], { stdio: "ignore" })
  return { cert: await readFile(certPath), key: await readFile(keyPath) }
}

describe("TLS", () => {
  it("talks to an https node whose certificate chains to the given CA", async () => {
    const tls = await selfSignedCertificate()
    const node = await harness.node({ tls })
    const { mls } = harness.client(node.port, { apiUrl: `https://localhost:${node.port}`, caCertificate: tls.cert })
    const groupId = randomGroupId()
    await mls.sendGroupMessages(numbered(groupId, 1, 2))
    expect(await mls.queryAllGroupMessages(groupId)).toHaveLength(2)
  })

  it("refuses a certificate the client does not trust", async () => {
    const tls = await selfSignedCertificate()
    const node = await harness.node({ tls })
    const { mls } = harness.client(node.port, { apiUrl: `https://localhost:${node.port}`, retry: NO_RETRY })
    const error = await mls.queryAllGroupMessages(randomGroupId()).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).code).toBe("Unavailable")
  })
})
