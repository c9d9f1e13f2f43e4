// The node over TLS: an https:// address, and a client that trusts the node's certificate gets
// answers (the certificate is made for the test with the system's openssl).
import { execFileSync } from "node:child_process"
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { Client, credentials } from "@grpc/grpc-js"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { mlsApi } from "../../../src/engine/proto/index"
import { startNode, type RunningNode } from "../../../src/server/node"
import { randomId, testDir, testValidators, type TestDir } from "./support/fixtures"
import { MLS } from "./support/rawClient"

let dir: TestDir
let node: RunningNode
let cert: Buffer

beforeAll(async () => {
  dir = await testDir()
  const certPath = join(dir.dir, "cert.pem")
  const keyPath = join(dir.dir, "key.pem")
  execFileSync("openssl", [
    "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1",
    "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
    "-keyout", keyPath, "-out", certPath,
  ], { stdio: "ignore" })
  cert = readFileSync(certPath)
  node = await startNode({ port: 0, dbPath: dir.dbPath, logLevel: "silent", validators: testValidators, tls: { cert, key: readFileSync(keyPath) } })
})
afterAll(async () => {
  await node.stop()
  await dir.remove()
})

describe("TLS", () => {
  it("serves https to a client that trusts its certificate", async () => {
    expect(node.address).toBe(`https://127.0.0.1:${node.port}`)
    const client = new Client(`127.0.0.1:${node.port}`, credentials.createSsl(cert), {
      "grpc.ssl_target_name_override": "localhost",
    })
    try {
      const response = await new Promise<{ messages: unknown[] }>((resolve, reject) =>
        client.makeUnaryRequest(
          `${MLS}QueryGroupMessages`,
          (request: { groupId: Uint8Array }) => Buffer.from(mlsApi.QueryGroupMessagesRequest.encode({ groupId: request.groupId, pagingInfo: undefined }).finish()),
          (bytes: Buffer) => mlsApi.QueryGroupMessagesResponse.decode(bytes),
          { groupId: randomId() },
          (error, value) => (error || !value ? reject(error) : resolve(value)),
        ),
      )
      expect(response.messages).toEqual([])
    } finally {
      client.close()
    }
  })
})
