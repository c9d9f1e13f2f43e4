// UploadKeyPackage / RegisterInstallation / FetchKeyPackages: the newest upload replaces the
// installation's key package, fetches answer in request order with empty entries for unknown
// installations, and refused key packages get INVALID_ARGUMENT. One node runs the real
// validators to check they are wired in.
import { status } from "@grpc/grpc-js"
import { describe, expect, it } from "vitest"
import { mlsApi } from "../../../src/engine/proto/index"
import { defaultValidators } from "../../../src/server/validators"
import { empty } from "./support/api"
import { BACKENDS } from "./support/databases"
import { randomId, testKeyPackage } from "./support/fixtures"
import { MLS } from "./support/rawClient"
import { SuiteNode } from "./support/suiteNode"

const suite = new SuiteNode()
const node = suite.api

const bytesOf = (response: { keyPackages: { keyPackageTlsSerialized: Uint8Array }[] }) =>
  response.keyPackages.map((kp) => Buffer.from(kp.keyPackageTlsSerialized).toString())

describe.each(BACKENDS)("key packages on %s", (backend) => {
  suite.on(backend)

  it("keeps only the newest key package of an installation", async () => {
    const installation = randomId()
    await node.uploadKeyPackage(testKeyPackage(installation, 1))
    await node.uploadKeyPackage(testKeyPackage(installation, 2))
    expect(bytesOf(await node.fetchKeyPackages([installation]))).toEqual([
      Buffer.from(testKeyPackage(installation, 2)).toString(),
    ])
  })

  it("answers in request order with an empty entry for an installation without a key package", async () => {
    const a = randomId()
    const b = randomId()
    await node.uploadKeyPackage(testKeyPackage(a))
    await node.uploadKeyPackage(testKeyPackage(b))
    const fetched = await node.fetchKeyPackages([b, randomId(), a])
    expect(bytesOf(fetched)).toEqual([
      Buffer.from(testKeyPackage(b)).toString(),
      "",
      Buffer.from(testKeyPackage(a)).toString(),
    ])
    expect((await node.fetchKeyPackages([])).keyPackages).toEqual([])
  })

  it("registers an installation through the deprecated RPC and returns its key", async () => {
    const installation = randomId()
    const response = await suite.client.unary(
      `${MLS}RegisterInstallation`,
      mlsApi.RegisterInstallationRequest,
      mlsApi.RegisterInstallationResponse,
      { message: { keyPackage: { keyPackageTlsSerialized: testKeyPackage(installation) }, isInboxIdCredential: false } },
    )
    expect(Buffer.from(response.installationKey)).toEqual(Buffer.from(installation))
    expect(bytesOf(await node.fetchKeyPackages([installation]))[0]).toBe(Buffer.from(testKeyPackage(installation)).toString())
  })

  it("answers INVALID_ARGUMENT for a missing or refused key package and keeps the previous one", async () => {
    const installation = randomId()
    await node.uploadKeyPackage(testKeyPackage(installation))
    const missing = await suite.client.failure(`${MLS}UploadKeyPackage`, mlsApi.UploadKeyPackageRequest, empty, {
      message: mlsApi.UploadKeyPackageRequest.fromPartial({}),
    })
    expect(missing.code).toBe(status.INVALID_ARGUMENT)
    expect(missing.details).toBe("no key package")
    const refused = await suite.client.failure(`${MLS}UploadKeyPackage`, mlsApi.UploadKeyPackageRequest, empty, {
      message: { keyPackage: { keyPackageTlsSerialized: Uint8Array.from([1, 2, 3]) }, isInboxIdCredential: true },
    })
    expect(refused.code).toBe(status.INVALID_ARGUMENT)
    expect(refused.details).toMatch(/^invalid identity: .*\[Malformed\]$/)
    expect(bytesOf(await node.fetchKeyPackages([installation]))[0]).toBe(Buffer.from(testKeyPackage(installation)).toString())
  })
})

describe("with the engine's validators", () => {
  const real = new SuiteNode(defaultValidators)
  real.on("sqlite")

  it("refuses a key package that is not a valid MLS KeyPackage", async () => {
    for (const bytes of [Uint8Array.from([0, 1, 0, 3]), randomId(200), testKeyPackage(randomId())]) {
      const error = await real.client.failure(`${MLS}UploadKeyPackage`, mlsApi.UploadKeyPackageRequest, empty, {
        message: { keyPackage: { keyPackageTlsSerialized: bytes }, isInboxIdCredential: true },
      })
      expect(error.code).toBe(status.INVALID_ARGUMENT)
      expect(error.details).toMatch(/^invalid identity: /)
    }
  })
})
