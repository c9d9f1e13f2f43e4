// AWS Signature Version 4 for header-signed requests, on the `aws4` library (which canonicalises
// and signs). What this adds: the request date and payload hash are set here explicitly (never
// read from the environment or the clock inside the library), credentials are always passed (aws4
// would otherwise fall back to AWS_* environment variables), and the result is plain fetch headers.
import { createHash } from "node:crypto"
import aws4 from "aws4"

export interface AwsCredentials {
  accessKeyId: string
  secretAccessKey: string
  /** For temporary (STS) credentials. */
  sessionToken?: string
}

export interface RequestToSign {
  method: string
  url: URL
  /** Extra headers to send and sign (e.g. content-type). */
  headers?: Record<string, string>
  /** Hex SHA-256 of the body, sent as S3's x-amz-content-sha256 (default: an empty body's). S3 only. */
  payloadSha256?: string
  region: string
  /** Default "s3". */
  service?: string
  credentials: AwsCredentials
  /** The signing time (default now). */
  now?: Date
  /** Headers aws4 leaves unsigned by default that must be signed (e.g. "range"). */
  signAlso?: string[]
}

const EMPTY_SHA256 = createHash("sha256").digest("hex")

/** "20130524T000000Z" */
export const amzDate = (date: Date): string => date.toISOString().replace(/[:-]|\.\d{3}/g, "")

/** The headers to send, `authorization` included. */
export function signRequest(request: RequestToSign): Record<string, string> {
  const service = request.service ?? "s3"
  const headers: Record<string, string> = { ...request.headers, host: request.url.host, "x-amz-date": amzDate(request.now ?? new Date()) }
  // S3 (alone) requires the payload hash as a header; other services take it only in the signature.
  if (service === "s3") headers["x-amz-content-sha256"] = request.payloadSha256 ?? EMPTY_SHA256
  // extraHeadersToInclude is aws4's, missing from its type definitions.
  const toSign: aws4.Request & { extraHeadersToInclude: Record<string, boolean> } = {
    method: request.method,
    host: request.url.host,
    path: `${request.url.pathname}${request.url.search}`,
    service,
    region: request.region,
    headers,
    extraHeadersToInclude: Object.fromEntries((request.signAlso ?? []).map((name) => [name.toLowerCase(), true])),
  }
  const signed = aws4.sign(toSign, {
      accessKeyId: request.credentials.accessKeyId,
      secretAccessKey: request.credentials.secretAccessKey,
      ...(request.credentials.sessionToken === undefined ? {} : { sessionToken: request.credentials.sessionToken }),
  })
  const result: Record<string, string> = {}
  for (const [name, value] of Object.entries(signed.headers ?? {})) {
    if (value !== undefined) result[name.toLowerCase()] = String(value)
  }
  return result
}
