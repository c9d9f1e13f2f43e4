// Serves the built renderer (out/renderer) read-only: GET and HEAD of files inside the directory,
// index.html for "/", with the same content security policy the app's page declares and nothing
// cached, so a rebuilt renderer is picked up on reload.
import { createReadStream } from "node:fs"
import { stat } from "node:fs/promises"
import type { IncomingMessage, ServerResponse } from "node:http"
import { extname, join, normalize, sep } from "node:path"

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
}

export const SECURITY_HEADERS: Record<string, string> = {
  "Content-Security-Policy":
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Resource-Policy": "same-origin",
  "Cache-Control": "no-store",
}

export function sendPlain(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { ...SECURITY_HEADERS, "Content-Type": "text/plain; charset=utf-8" })
  response.end(text)
}

/** The file under `root` a URL path names, or undefined for paths that leave it or name hidden files. */
export function resolveStaticPath(root: string, urlPath: string): string | undefined {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    return undefined
  }
  if (decoded.includes("\0")) return undefined
  const relative = normalize(decoded === "/" ? "/index.html" : decoded).replace(/^[/\\]+/, "")
  if (relative.split(/[/\\]/).some((part) => part === ".." || part.startsWith("."))) return undefined
  const file = join(root, relative)
  return file.startsWith(root.endsWith(sep) ? root : root + sep) ? file : undefined
}

export async function serveStatic(root: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (request.method !== "GET" && request.method !== "HEAD") {
    response.setHeader("Allow", "GET, HEAD")
    sendPlain(response, 405, "Method not allowed")
    return
  }
  const path = new URL(request.url ?? "/", "http://host").pathname
  const file = resolveStaticPath(root, path)
  const info = file ? await stat(file).catch(() => undefined) : undefined
  if (!file || !info?.isFile()) {
    sendPlain(response, 404, "Not found")
    return
  }
  response.writeHead(200, { ...SECURITY_HEADERS, "Content-Type": CONTENT_TYPES[extname(file)] ?? "application/octet-stream", "Content-Length": info.size })
  if (request.method === "HEAD") {
    response.end()
    return
  }
  createReadStream(file).pipe(response)
}
