// The HTTP side shared by the attachment stores: requests with a time limit, bodies read under a
// size limit, and HTTP statuses turned into AttachmentStoreErrors.
import { AttachmentStoreError } from "../errors"

export async function requestWithTimeout(url: string, init: RequestInit, timeoutMs: number): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) })
  } catch (cause) {
    throw new AttachmentStoreError("Unavailable", `cannot reach the attachment store at ${url}: ${String(cause)}`, { cause })
  }
}

export function assertHttpUrl(url: string): void {
  if (!/^https?:\/\//i.test(url)) throw new AttachmentStoreError("InvalidUrl", `cannot download ${JSON.stringify(url)}: only http(s) URLs are supported`)
}

/** The body of a successful response, refused past `maxBytes` (declared or actually received). */
export async function readLimitedBody(response: Response, url: string, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(response.headers.get("content-length") ?? Number.NaN)
  if (declared > maxBytes) {
    await response.body?.cancel()
    throw tooLarge(url, maxBytes)
  }
  const chunks: Uint8Array[] = []
  let total = 0
  const reader = response.body?.getReader()
  try {
    for (;;) {
      const next = await reader?.read()
      if (!next || next.done) break
      total += next.value.length
      if (total > maxBytes) {
        await reader?.cancel()
        throw tooLarge(url, maxBytes)
      }
      chunks.push(next.value)
    }
  } catch (cause) {
    if (cause instanceof AttachmentStoreError) throw cause
    throw new AttachmentStoreError("Unavailable", `the download of ${url} broke off: ${String(cause)}`, { cause })
  }
  return new Uint8Array(Buffer.concat(chunks))
}

function tooLarge(url: string, limit: number): AttachmentStoreError {
  return new AttachmentStoreError("TooLarge", `${url} is larger than the ${limit} bytes this client downloads`)
}

/** `what` failed with HTTP `status`; `detail` is what the store said (e.g. S3's error code). */
export function statusError(status: number, what: string, detail?: string): AttachmentStoreError {
  const said = detail ? `: ${detail}` : ""
  if (status === 401 || status === 403) return new AttachmentStoreError("Unauthorized", `${what}: the store refused the credentials (HTTP ${status}${said})`)
  if (status === 404) return new AttachmentStoreError("NotFound", `${what}: no such blob (HTTP 404${said})`)
  if (status === 413) return new AttachmentStoreError("TooLarge", `${what}: the blob is larger than the store accepts (HTTP 413${said})`)
  return new AttachmentStoreError("Unavailable", `${what}: the store answered HTTP ${status}${said}`)
}
