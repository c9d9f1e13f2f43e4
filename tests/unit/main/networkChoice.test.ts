import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { EMBEDDED_NODE_DB_FILE, NetworkChoiceError, networkSettingFor, nodePlan } from "../../../src/main/networkChoice"
import { isNodeUrl, sameNetwork } from "../../../src/shared/dto/settings"

function refusal(url: string): NetworkChoiceError {
  try {
    networkSettingFor({ kind: "remote", url })
  } catch (error) {
    expect(error).toBeInstanceOf(NetworkChoiceError)
    return error as NetworkChoiceError
  }
  throw new Error(`"${url}" was accepted`)
}

describe("networkSettingFor", () => {
  it("keeps the embedded node and an http(s) remote node, trimmed", () => {
    expect(networkSettingFor({ kind: "embedded" })).toEqual({ kind: "embedded" })
    expect(networkSettingFor({ kind: "remote", url: "  https://node.example.com:5556 " })).toEqual({ kind: "remote", url: "https://node.example.com:5556" })
    expect(networkSettingFor({ kind: "remote", url: "http://127.0.0.1:5556" })).toEqual({ kind: "remote", url: "http://127.0.0.1:5556" })
  })

  it("refuses an address that is not an http(s) URL naming a host with the typed error InvalidUrl", () => {
    for (const url of ["", "node.example.com", "ftp://node.example.com", "file:///etc/passwd", "https://user:secret@node.example.com", "http://", `https://${"a".repeat(2050)}.com`]) {
      const error = refusal(url)
      expect(error.code).toBe("InvalidUrl")
      expect(error.message).toMatch(/http:\/\/ or https:\/\//)
    }
  })

  it("agrees with the contract's own check, so what it keeps the settings file accepts", () => {
    expect(isNodeUrl("https://node.example.com")).toBe(true)
    expect(isNodeUrl("wss://node.example.com")).toBe(false)
  })
})

describe("nodePlan", () => {
  it("starts the embedded node with its database beside the profile's data, or dials the remote one", () => {
    const dir = join("/data", "profiles", "work")
    expect(nodePlan({ kind: "embedded" }, dir)).toEqual({ kind: "embedded", dbPath: join(dir, EMBEDDED_NODE_DB_FILE) })
    expect(nodePlan({ kind: "remote", url: "https://node.example.com" }, dir)).toEqual({ kind: "remote", apiUrl: "https://node.example.com" })
  })

  it("tells a saved choice that waits for a restart from the one in use", () => {
    expect(sameNetwork({ kind: "embedded" }, { kind: "embedded" })).toBe(true)
    expect(sameNetwork({ kind: "remote", url: "https://a.example" }, { kind: "remote", url: "https://a.example" })).toBe(true)
    expect(sameNetwork({ kind: "remote", url: "https://a.example" }, { kind: "remote", url: "https://b.example" })).toBe(false)
    expect(sameNetwork({ kind: "embedded" }, { kind: "remote", url: "https://a.example" })).toBe(false)
  })
})
