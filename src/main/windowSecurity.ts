// The window's security policy as pure functions: the Content-Security-Policy, which navigations
// and new windows are allowed (none; https links open in the browser), which permission requests
// are granted (none but clipboard writes from Parley's own page), and the web preferences.
import type { WebPreferences } from "electron"

/** Permissions granted to Parley's own page; everything else is denied. */
export const DEFAULT_ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(["clipboard-sanitized-write"])

/**
 * The CSP for the renderer. In development the Vite dev server needs its origin, an inline script
 * (React refresh preamble) and its HMR websocket; packaged builds allow only the app's own files.
 */
export function contentSecurityPolicy(options: { devServerUrl?: string } = {}): string {
  const dev = options.devServerUrl ? new URL(options.devServerUrl) : undefined
  const devSources = dev ? [dev.origin] : []
  const devSocket = dev ? [`${dev.protocol === "https:" ? "wss:" : "ws:"}//${dev.host}`] : []
  const directives: Array<[string, string[]]> = [
    ["default-src", ["'none'"]],
    ["script-src", ["'self'", ...devSources, ...(dev ? ["'unsafe-inline'"] : [])]],
    // React and component styles set inline style attributes; scripts stay strict.
    ["style-src", ["'self'", "'unsafe-inline'", ...devSources]],
    // Attachments are decrypted in main and shown from blob: or data: URLs; no remote images (they leak the IP).
    ["img-src", ["'self'", "data:", "blob:", ...devSources]],
    ["media-src", ["'self'", "blob:"]],
    ["font-src", ["'self'", "data:", ...devSources]],
    ["connect-src", ["'self'", ...devSources, ...devSocket]],
    ["worker-src", ["'self'"]],
    ["manifest-src", ["'none'"]],
    ["object-src", ["'none'"]],
    ["frame-src", ["'none'"]],
    ["frame-ancestors", ["'none'"]],
    ["base-uri", ["'none'"]],
    ["form-action", ["'none'"]],
  ]
  return directives.map(([name, sources]) => `${name} ${sources.join(" ")}`).join("; ")
}

/** Response headers with the CSP set, replacing any CSP header whatever its spelling. */
export function withCspHeader(headers: Record<string, string[]> | undefined, csp: string): Record<string, string[]> {
  const result: Record<string, string[]> = {}
  for (const [name, values] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== "content-security-policy") result[name] = values
  }
  result["Content-Security-Policy"] = [csp]
  return result
}

/**
 * Whether `candidate` is Parley's own page: the same origin as the dev server, or the same file
 * as the packaged index.html (query and fragment aside).
 */
export function isAppUrl(candidate: string | undefined, appUrl: string): boolean {
  const url = parse(candidate)
  const app = parse(appUrl)
  if (!url || !app) return false
  if (app.protocol === "file:") return url.protocol === "file:" && url.host === app.host && url.pathname === app.pathname
  return (app.protocol === "http:" || app.protocol === "https:") && url.origin === app.origin
}

/** The URL to open in the user's browser: https only, without embedded credentials. */
export function externalBrowserUrl(candidate: string): string | undefined {
  const url = parse(candidate)
  if (!url || url.protocol !== "https:" || url.username || url.password || !url.hostname) return undefined
  return url.href
}

export interface WindowOpenDecision {
  action: "deny"
  openExternally: string | undefined
}

/** `setWindowOpenHandler`: Parley never opens windows; https links go to the browser. */
export function windowOpenDecision(url: string): WindowOpenDecision {
  return { action: "deny", openExternally: externalBrowserUrl(url) }
}

export interface NavigationDecision {
  allow: boolean
  openExternally: string | undefined
}

/** `will-navigate` / `will-redirect`: the window stays on Parley's page; https links go to the browser. */
export function navigationDecision(url: string, appUrl: string): NavigationDecision {
  if (isAppUrl(url, appUrl)) return { allow: true, openExternally: undefined }
  return { allow: false, openExternally: externalBrowserUrl(url) }
}

/** Permission requests and checks: denied unless allow-listed and asked by Parley's own page. */
export function permissionDecision(
  permission: string,
  requestingUrl: string | undefined,
  appUrl: string,
  allowed: ReadonlySet<string> = DEFAULT_ALLOWED_PERMISSIONS,
): boolean {
  return allowed.has(permission) && isAppUrl(requestingUrl, appUrl)
}

/** The renderer runs sandboxed and isolated, with no Node and nothing but the preload's bridge. */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: true,
  }
}

function parse(value: string | undefined): URL | undefined {
  if (!value) return undefined
  try {
    return new URL(value)
  } catch {
    return undefined
  }
}
