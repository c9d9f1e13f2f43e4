// AWS Signature V4 as the S3 attachment store signs: AWS's published vectors (the SigV4 test
// suite's get-vanilla cases, and the S3 header-signing examples), and the object URLs the store
// signs for in path-style and virtual-hosted addressing.
import { createHash } from "node:crypto"
import { describe, expect, it } from "vitest"
import { amzDate, signRequest, type AwsCredentials } from "../../../src/engine/content/attachments/awsSignatureV4"
import { S3AttachmentStore } from "../../../src/engine/content/attachments/s3AttachmentStore"

const signatureOf = (authorization: string | undefined): string | undefined => /Signature=([0-9a-f]{64})$/.exec(authorization ?? "")?.[1]
const signedHeadersOf = (authorization: string | undefined): string | undefined => /SignedHeaders=([^,]+),/.exec(authorization ?? "")?.[1]

describe("the SigV4 test suite (service 'service', 20150830T123600Z)", () => {
  const credentials: AwsCredentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" }
  const now = new Date("2015-08-30T12:36:00Z")
  const sign = (url: string) => signRequest({ method: "GET", url: new URL(url), region: "us-east-1", service: "service", credentials, now })

  it("get-vanilla", () => {
    const headers = sign("https://example.amazonaws.com/")
    expect(headers.authorization).toBe(
      "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, " +
        "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
    )
    expect(headers["x-amz-date"]).toBe("20150830T123600Z")
  })

  it("get-vanilla-query-order-key-case", () => {
    expect(signatureOf(sign("https://example.amazonaws.com/?Param2=value2&Param1=value1").authorization)).toBe(
      "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500",
    )
  })

  it("a wrong secret gives another signature", () => {
    const other = signRequest({ method: "GET", url: new URL("https://example.amazonaws.com/"), region: "us-east-1", service: "service", credentials: { ...credentials, secretAccessKey: "wrong" }, now })
    expect(signatureOf(other.authorization)).not.toBe("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")
  })
})

describe("AWS's S3 header-signing examples (examplebucket, 20130524T000000Z)", () => {
  const credentials: AwsCredentials = { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" }
  const now = new Date("2013-05-24T00:00:00Z")

  it("GET Object with a Range header", () => {
    const headers = signRequest({
      method: "GET",
      url: new URL("https://examplebucket.s3.amazonaws.com/test.txt"),
      headers: { range: "bytes=0-9" },
      region: "us-east-1",
      credentials,
      now,
      signAlso: ["range"],
    })
    expect(headers["x-amz-content-sha256"]).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    expect(signedHeadersOf(headers.authorization)).toBe("host;range;x-amz-content-sha256;x-amz-date")
    expect(signatureOf(headers.authorization)).toBe("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")
  })

  it("PUT Object (a key with '$', a Date header, a storage class)", () => {
    const body = Buffer.from("Welcome to Amazon S3.")
    const headers = signRequest({
      method: "PUT",
      url: new URL("https://examplebucket.s3.amazonaws.com/test$file.text"),
      headers: { date: "Fri, 24 May 2013 00:00:00 GMT", "x-amz-storage-class": "REDUCED_REDUNDANCY" },
      payloadSha256: createHash("sha256").update(body).digest("hex"),
      region: "us-east-1",
      credentials,
      now,
    })
    expect(headers["x-amz-content-sha256"]).toBe("44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072")
    expect(signedHeadersOf(headers.authorization)).toBe("date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class")
    expect(signatureOf(headers.authorization)).toBe("98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd")
  })

  it("GET Bucket Lifecycle (a query parameter without a value)", () => {
    const headers = signRequest({ method: "GET", url: new URL("https://examplebucket.s3.amazonaws.com/?lifecycle"), region: "us-east-1", credentials, now })
    expect(signatureOf(headers.authorization)).toBe("fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543")
  })

  it("GET Bucket, list objects (query parameters sorted)", () => {
    const headers = signRequest({ method: "GET", url: new URL("https://examplebucket.s3.amazonaws.com/?max-keys=2&prefix=J"), region: "us-east-1", credentials, now })
    expect(signatureOf(headers.authorization)).toBe("34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7")
  })

  it("sends a session token, signed", () => {
    const headers = signRequest({ method: "GET", url: new URL("https://examplebucket.s3.amazonaws.com/test.txt"), region: "us-east-1", credentials: { ...credentials, sessionToken: "TOKEN" }, now })
    expect(headers["x-amz-security-token"]).toBe("TOKEN")
    expect(signedHeadersOf(headers.authorization)).toBe("host;x-amz-content-sha256;x-amz-date;x-amz-security-token")
  })

  it("formats the request date as x-amz-date wants it", () => {
    expect(amzDate(new Date("2013-05-24T01:02:03.456Z"))).toBe("20130524T010203Z")
  })
})

describe("S3 object URLs", () => {
  const base = { region: "eu-west-1", bucket: "parley-files", credentials: { accessKeyId: "A", secretAccessKey: "S" } }

  it("path-style: <endpoint>/<bucket>/<key>, keeping an endpoint's port and path", () => {
    const store = new S3AttachmentStore({ ...base, endpoint: "http://127.0.0.1:9000/storage/" })
    expect(store.objectUrl("attachments/ab12").href).toBe("http://127.0.0.1:9000/storage/parley-files/attachments/ab12")
  })

  it("virtual-hosted: <bucket>.<endpoint host>/<key>", () => {
    const store = new S3AttachmentStore({ ...base, endpoint: "https://s3.eu-west-1.amazonaws.com", addressing: "virtual-hosted" })
    expect(store.objectUrl("ab12").href).toBe("https://parley-files.s3.eu-west-1.amazonaws.com/ab12")
  })

  it("encodes each key segment", () => {
    const store = new S3AttachmentStore({ ...base, endpoint: "https://s3.eu-west-1.amazonaws.com" })
    expect(store.objectUrl("my files/a+b").pathname).toBe("/parley-files/my%20files/a%2Bb")
  })
})
