import { describe, expect, it } from "vitest"
import {
  contentSecurityPolicy,
  externalBrowserUrl,
  isAppUrl,
  navigationDecision,
  permissionDecision,
  secureWebPreferences,
  windowOpenDecision,
  withCspHeader,
} from "../../../src/main/windowSecurity"

const PACKAGED = "file:///opt/Parley/resources/app.asar/out/renderer/index.html"
const DEV = "http://localhost:5173/"

function directives(csp: string): Map<string, string[]> {
  return new Map(csp.split("; ").map((directive) => {
    const [name, ...sources] = directive.split(" ")
    return [name!, sources]
  }))
}

describe("contentSecurityPolicy", () => {
  it("allows only the app's own scripts and nothing remote in a packaged build", () => {
    const csp = directives(contentSecurityPolicy())
    expect(csp.get("default-src")).toEqual(["'none'"])
    expect(csp.get("script-src")).toEqual(["'self'"])
    expect(csp.get("connect-src")).toEqual(["'self'"])
    expect(csp.get("object-src")).toEqual(["'none'"])
    expect(csp.get("frame-ancestors")).toEqual(["'none'"])
    expect(csp.get("base-uri")).toEqual(["'none'"])
    expect(csp.get("form-action")).toEqual(["'none'"])
    expect(csp.get("img-src")).toEqual(["'self'", "data:", "blob:"])
    for (const sources of csp.values()) {
      expect(sources).not.toContain("'unsafe-eval'")
      expect(sources).not.toContain("*")
      expect(sources.some((source) => source.startsWith("http"))).toBe(false)
    }
  })

  it("adds the dev server's origin, its inline preamble and its HMR socket in development", () => {
    const csp = directives(contentSecurityPolicy({ devServerUrl: DEV }))
    expect(csp.get("script-src")).toEqual(["'self'", "http://localhost:5173", "'unsafe-inline'"])
    expect(csp.get("connect-src")).toEqual(["'self'", "http://localhost:5173", "ws://localhost:5173"])
  })
})

describe("withCspHeader", () => {
  it("replaces any CSP header, whatever its case, and keeps the others", () => {
    expect(withCspHeader({ "content-security-policy": ["default-src *"], "Content-Type": ["text/html"] }, "default-src 'none'")).toEqual({
      "Content-Type": ["text/html"],
      "Content-Security-Policy": ["default-src 'none'"],
    })
    expect(withCspHeader(undefined, "x")).toEqual({ "Content-Security-Policy": ["x"] })
  })
})

describe("isAppUrl", () => {
  it("matches the packaged index.html whatever its fragment or query, and nothing else on disk", () => {
    expect(isAppUrl(PACKAGED, PACKAGED)).toBe(true)
    expect(isAppUrl(`${PACKAGED}#/conversation/ab`, PACKAGED)).toBe(true)
    expect(isAppUrl("file:///etc/passwd", PACKAGED)).toBe(false)
    expect(isAppUrl("file:///opt/Parley/resources/app.asar/out/renderer/other.html", PACKAGED)).toBe(false)
  })

  it("matches the dev server's origin only", () => {
    expect(isAppUrl("http://localhost:5173/src/main.tsx", DEV)).toBe(true)
    expect(isAppUrl("http://localhost:5174/", DEV)).toBe(false)
    expect(isAppUrl("https://localhost:5173/", DEV)).toBe(false)
  })

  it("is false for missing or unparsable URLs", () => {
    expect(isAppUrl(undefined, PACKAGED)).toBe(false)
    expect(isAppUrl("", PACKAGED)).toBe(false)
    expect(isAppUrl("::", PACKAGED)).toBe(false)
    expect(isAppUrl("about:blank", "about:blank")).toBe(false)
  })
})

describe("window.open and navigation", () => {
  it("never opens a window; https links go to the browser", () => {
    expect(windowOpenDecision("https://xmtp.org/docs?a=1")).toEqual({ action: "deny", openExternally: "https://xmtp.org/docs?a=1" })
    for (const url of ["http://xmtp.org", "file:///etc/passwd", "javascript:alert(1)", "parley://dm/x", "smb://host/share", "https://user:pw@evil.example/", "not a url"]) {
      expect(windowOpenDecision(url), url).toEqual({ action: "deny", openExternally: undefined })
    }
  })

  it("keeps the window on Parley's page", () => {
    expect(navigationDecision(`${PACKAGED}#/settings`, PACKAGED)).toEqual({ allow: true, openExternally: undefined })
    expect(navigationDecision("https://evil.example/phish", PACKAGED)).toEqual({ allow: false, openExternally: "https://evil.example/phish" })
    expect(navigationDecision("file:///home/u/Downloads/x.html", PACKAGED)).toEqual({ allow: false, openExternally: undefined })
    expect(navigationDecision("http://localhost:5173/", DEV).allow).toBe(true)
  })

  it("normalises what it opens externally", () => {
    expect(externalBrowserUrl("HTTPS://Example.COM/a b")).toBe("https://example.com/a%20b")
  })
})

describe("permissionDecision", () => {
  it("denies every permission by default", () => {
    for (const permission of ["media", "geolocation", "notifications", "openExternal", "clipboard-read", "fileSystem", "hid", "unknown"]) {
      expect(permissionDecision(permission, PACKAGED, PACKAGED), permission).toBe(false)
    }
  })

  it("grants clipboard writes to Parley's own page only", () => {
    expect(permissionDecision("clipboard-sanitized-write", PACKAGED, PACKAGED)).toBe(true)
    expect(permissionDecision("clipboard-sanitized-write", "https://evil.example/", PACKAGED)).toBe(false)
    expect(permissionDecision("clipboard-sanitized-write", undefined, PACKAGED)).toBe(false)
    expect(permissionDecision("clipboard-sanitized-write", PACKAGED, PACKAGED, new Set())).toBe(false)
  })
})

describe("secureWebPreferences", () => {
  it("isolates and sandboxes the renderer without Node", () => {
    expect(secureWebPreferences("/p/preload.js")).toMatchObject({
      preload: "/p/preload.js",
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    })
  })
})
