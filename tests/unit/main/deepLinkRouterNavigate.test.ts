// What the router adds for main's own navigation (clicked notifications, the tray) and for callers
// that answer for a link (the web host's control endpoint).
import { describe, expect, it } from "vitest"
import { DeepLinkRouter } from "../../../src/main/deepLinkRouter"
import type { NavigationTarget } from "../../../src/shared/dto/navigation"

const GROUP_ID = "0e".repeat(16)

describe("DeepLinkRouter for main's own navigation", () => {
  it("delivers a target main chose like a link, holding it until a navigator attaches", () => {
    const router = new DeepLinkRouter(() => {})
    const seen: NavigationTarget[] = []
    router.navigate({ route: "newMessage" })
    router.attach((target) => seen.push(target))
    router.navigate({ route: "conversation", conversationId: GROUP_ID })
    expect(seen).toEqual([{ route: "newMessage" }, { route: "conversation", conversationId: GROUP_ID }])
  })

  it("returns the error of an invalid link and nothing for a valid one", () => {
    const router = new DeepLinkRouter(() => {})
    router.attach(() => {})
    expect(router.handleUrl(`parley://conversation/${GROUP_ID}`)).toBeUndefined()
    expect(router.handleUrl("parley://conversation/zz")?.code).toBe("InvalidParameter")
    expect(router.handleUrl("https://example.com")?.code).toBe("WrongScheme")
  })
})
