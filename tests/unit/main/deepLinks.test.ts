import { describe, expect, it } from "vitest"
import { DeepLinkRouter } from "../../../src/main/deepLinkRouter"
import { DeepLinkError, type DeepLinkErrorCode, deepLinkFromArgv, MAX_DEEP_LINK_LENGTH, parseDeepLink, tryParseDeepLink } from "../../../src/main/deepLinks"
import type { NavigationTarget } from "../../../src/shared/dto/navigation"

const GROUP_ID = "0f1e2d3c4b5a69788796a5b4c3d2e1f0"
const INBOX_ID = "a".repeat(63) + "b"
const ADDRESS = "0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf"

function errorCode(input: unknown): DeepLinkErrorCode {
  const result = tryParseDeepLink(input)
  if (result.ok) throw new Error(`expected ${String(input)} to be refused`)
  expect(result.error).toBeInstanceOf(DeepLinkError)
  return result.error.code
}

describe("parseDeepLink", () => {
  it("opens a conversation by its id", () => {
    expect(parseDeepLink(`parley://conversation/${GROUP_ID}`)).toEqual({ route: "conversation", conversationId: GROUP_ID })
    expect(parseDeepLink(`parley://conversation/${GROUP_ID.toUpperCase()}/`)).toEqual({ route: "conversation", conversationId: GROUP_ID })
    expect(parseDeepLink(`PARLEY://Conversation/${GROUP_ID}`)).toEqual({ route: "conversation", conversationId: GROUP_ID })
  })

  it("starts a DM with an Ethereum address or an inbox id", () => {
    expect(parseDeepLink(`parley://dm/${ADDRESS}`)).toEqual({ route: "dm", target: { kind: "address", address: ADDRESS.toLowerCase() } })
    expect(parseDeepLink(`parley://dm/${INBOX_ID}`)).toEqual({ route: "dm", target: { kind: "inboxId", inboxId: INBOX_ID } })
  })

  it("opens an invite", () => {
    const token = "Zm9vYmFyYmF6cXV4LTEyMw_-"
    expect(parseDeepLink(`parley://invite/${token}`)).toEqual({ route: "invite", token })
  })

  it("decodes percent-encoded parameters before validating them", () => {
    expect(parseDeepLink(`parley://conversation/%30f${GROUP_ID.slice(2)}`)).toEqual({ route: "conversation", conversationId: GROUP_ID })
    expect(errorCode("parley://conversation/%zz")).toBe("Malformed")
    expect(errorCode("parley://invite/abcdefghijklmnop%2Fqr")).toBe("InvalidParameter")
  })

  it("refuses links with invalid or missing parameters", () => {
    for (const url of [
      "parley://conversation",
      "parley://conversation/",
      "parley://conversation/abc",
      "parley://conversation/xyz0",
      `parley://conversation/${GROUP_ID}/extra`,
      `parley://conversation/${"ab".repeat(65)}`,
      "parley://dm/0x1234",
      `parley://dm/${INBOX_ID}00`,
      "parley://dm/alice.eth",
      "parley://invite/short",
      "parley://invite/has spaces in it!!",
    ]) {
      expect(errorCode(url), url).toBe("InvalidParameter")
    }
  })

  it("refuses unknown routes, including names of Object.prototype", () => {
    for (const url of ["parley://settings/x", "parley://__proto__/x", "parley://constructor/x", "parley://toString/x", "parley:///conversation/ab"]) {
      expect(errorCode(url), url).toBe("UnknownRoute")
    }
  })

  it("refuses other schemes and malformed URLs without throwing anything untyped", () => {
    expect(errorCode(`https://parley.example/conversation/${GROUP_ID}`)).toBe("WrongScheme")
    expect(errorCode(`file:///conversation/${GROUP_ID}`)).toBe("WrongScheme")
    expect(errorCode(`javascript:alert(1)`)).toBe("WrongScheme")
    for (const input of [
      "",
      "not a url",
      `parley:conversation/${GROUP_ID}`,
      `parley://user:pass@conversation/${GROUP_ID}`,
      `parley://conversation:443/${GROUP_ID}`,
      `parley://conversation/${GROUP_ID}?x=1`,
      `parley://conversation/${GROUP_ID}#frag`,
      "parley://[::1/x",
      42,
      null,
      { href: "parley://conversation/ab" },
    ]) {
      expect(errorCode(input), String(input)).toBe("Malformed")
    }
    expect(errorCode(`parley://invite/${"a".repeat(MAX_DEEP_LINK_LENGTH)}`)).toBe("TooLong")
  })

  it("throws DeepLinkError with a message that names the problem", () => {
    expect(() => parseDeepLink("parley://dm/0x1234")).toThrow(/dm link is not valid: an Ethereum address is 0x followed by 40 hex digits/)
  })
})

describe("deepLinkFromArgv", () => {
  it("finds the link the OS or a second instance passes, ignoring flags and paths", () => {
    const link = `parley://conversation/${GROUP_ID}`
    expect(deepLinkFromArgv(["/usr/bin/parley", "--no-sandbox", "--profile", "work", link])).toBe(link)
    expect(deepLinkFromArgv(["C:\\Parley\\Parley.exe", "--allow-file-access-from-files", link.toUpperCase()])).toBe(link.toUpperCase())
    expect(deepLinkFromArgv(["/usr/bin/parley", "--profile=work", "/home/u/parley://x"])).toBeUndefined()
    expect(deepLinkFromArgv(["/usr/bin/parley", "."])).toBeUndefined()
  })
})

describe("DeepLinkRouter", () => {
  const link = `parley://conversation/${GROUP_ID}`

  it("holds the latest link until a navigator attaches, then delivers directly", () => {
    const invalid: string[] = []
    const router = new DeepLinkRouter((_error, url) => invalid.push(url))
    const seen: NavigationTarget[] = []
    router.handleUrl(`parley://dm/${INBOX_ID}`)
    router.handleUrl(link)
    router.attach((target) => seen.push(target))
    expect(seen).toEqual([{ route: "conversation", conversationId: GROUP_ID }])
    router.handleArgv(["/usr/bin/parley", `parley://dm/${INBOX_ID}`])
    expect(seen.at(-1)).toEqual({ route: "dm", target: { kind: "inboxId", inboxId: INBOX_ID } })
    expect(invalid).toEqual([])
  })

  it("reports invalid links and keeps running", () => {
    const invalid: Array<[DeepLinkErrorCode, string]> = []
    const router = new DeepLinkRouter((error, url) => invalid.push([error.code, url]))
    const seen: NavigationTarget[] = []
    router.attach((target) => seen.push(target))
    router.handleUrl("parley://nope/1")
    router.handleArgv(["/usr/bin/parley", "parley://conversation/zz"])
    router.handleArgv(["/usr/bin/parley", "--profile", "work"])
    expect(invalid).toEqual([
      ["UnknownRoute", "parley://nope/1"],
      ["InvalidParameter", "parley://conversation/zz"],
    ])
    expect(seen).toEqual([])
  })

  it("queues again after the navigator detaches", () => {
    const router = new DeepLinkRouter(() => {})
    const first: NavigationTarget[] = []
    router.attach((target) => first.push(target))
    router.detach()
    router.handleUrl(link)
    expect(first).toEqual([])
    const second: NavigationTarget[] = []
    router.attach((target) => second.push(target))
    expect(second).toEqual([{ route: "conversation", conversationId: GROUP_ID }])
  })
})
