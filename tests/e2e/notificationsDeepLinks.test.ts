// Native notifications and deep links, end to end: two profiles on one embedded node, each in its
// own tab through the web host. Bob writes in a group Alice has allowed while she reads another
// one: the web host's notification sink records the notification, and clicking it (through the
// host's control endpoint) opens that group in Alice's window. A message request posts none, and
// parley:// links delivered through the deep-link router open the conversation they name.
// Screens are saved to tests/e2e/screenshots/ (30-39).
import type { Page } from "playwright-core"
import { beforeAll, describe, expect, it } from "vitest"
import { acceptRequest, conversationItem, createGroup, ENGINE_MS, heading, identifierOf, messageLog, screenshot, send, shortAddress, startDm } from "./support/parleyPages"
import { WebHostControl } from "./support/webHostControl"
import { useWebHostSession } from "./support/webHostSession"

let control: WebHostControl
let alice: Page
let bob: Page
let bobAddress = ""
let bobInboxId = ""
let aliceAddress = ""
/** Learnt from the notifications: the group's id and the id of Bob's DM request. */
let bookClubId = ""
let requestDmId = ""

describe("notifications and deep links in Chromium through the web host", () => {
  const session = useWebHostSession({ profiles: ["alice", "bob"], log: "webhost-notifications.log", onboard: true, failureNameLength: 60 })
  beforeAll(async () => {
    ;({ alice, bob } = session.pages)
    control = new WebHostControl(session.host)
    bobAddress = await identifierOf(bob, "Address")
    bobInboxId = await identifierOf(bob, "Inbox ID")
    aliceAddress = await identifierOf(alice, "Address")
  })

  it("notifies Alice of Bob's message in a group she reads another conversation beside, and the click opens the group", async () => {
    expect(bobInboxId).toMatch(/^[0-9a-f]{64}$/)
    await createGroup(alice, "Book club", [bobAddress])
    await send(alice, "Book club", "Welcome to the book club")
    // Alice now reads another conversation of hers.
    await createGroup(alice, "Lunch plans", [bobAddress])

    await acceptRequest(bob, "Book club")
    await send(bob, "Book club", "Chapter 3 tonight?")

    const posted = await control.waitFor("alice", ({ posted }) => posted.find((notification) => notification.body.includes("Chapter 3 tonight?")), ENGINE_MS)
    expect(posted).toMatchObject({ title: "Book club", body: `${shortAddress(bobAddress)}: Chapter 3 tonight?`, state: "shown" })
    expect(posted.onClick).toEqual({ route: "conversation", conversationId: posted.conversationId })
    bookClubId = posted.conversationId
    expect(await heading(alice, "Lunch plans").isVisible()).toBe(true)
    await conversationItem(alice, "Book club").getByText("Chapter 3 tonight?").waitFor({ timeout: ENGINE_MS })
    await screenshot(alice, "30-notification-posted-while-reading-another")

    expect((await control.click("alice", posted.id)).status).toBe(204)
    await heading(alice, "Book club").waitFor()
    await messageLog(alice).getByText("Chapter 3 tonight?").waitFor()
    await screenshot(alice, "31-notification-clicked-opens-group")
    const after = await control.notifications("alice")
    expect(after.posted.find((notification) => notification.id === posted.id)?.state).toBe("clicked")
    // A notification that was clicked is gone: clicking it again finds nothing.
    expect((await control.click("alice", posted.id)).status).toBe(404)

    // Alice is reading the group now: Bob's next message there shows in the window, without a notification.
    await send(bob, "Book club", "Bring snacks")
    await messageLog(alice).getByText("Bring snacks").waitFor({ timeout: ENGINE_MS })
    const reading = await control.waitFor("alice", ({ suppressed }) => suppressed.find((entry) => entry.conversationId === bookClubId && entry.reason === "reading"), ENGINE_MS)
    expect(reading.conversationId).toBe(bookClubId)
    expect((await control.notifications("alice")).posted.filter((notification) => notification.conversationId === bookClubId)).toHaveLength(1)
  })

  it("posts no notification for a message request", async () => {
    await startDm(bob, aliceAddress)
    await send(bob, shortAddress(aliceAddress), "Are you free on Friday?")

    const refused = await control.waitFor("alice", ({ suppressed }) => suppressed.find((entry) => entry.reason === "notAllowed"), ENGINE_MS)
    requestDmId = refused.conversationId
    expect(requestDmId).not.toBe(bookClubId)
    await alice.getByRole("tab", { name: "Requests 1" }).waitFor({ timeout: ENGINE_MS })
    expect((await control.notifications("alice")).posted.filter((notification) => notification.conversationId === requestDmId)).toEqual([])
    await alice.getByRole("tab", { name: /Requests/ }).click()
    await conversationItem(alice, shortAddress(bobAddress)).waitFor()
    await screenshot(alice, "32-request-without-notification")
    await alice.getByRole("tab", { name: "Chats" }).click()
  })

  it("opens the conversation a parley:// link names", async () => {
    await conversationItem(alice, "Lunch plans").click()
    await heading(alice, "Lunch plans").waitFor()
    expect((await control.openLink("alice", `parley://conversation/${bookClubId.toUpperCase()}`)).status).toBe(202)
    await heading(alice, "Book club").waitFor()
    await messageLog(alice).getByText("Bring snacks").waitFor()
    await screenshot(alice, "33-deep-link-conversation")

    expect((await control.openLink("alice", `parley://dm/${bobInboxId}`)).status).toBe(202)
    await heading(alice, shortAddress(bobAddress)).waitFor({ timeout: ENGINE_MS })
    await messageLog(alice).getByText("Are you free on Friday?").waitFor({ timeout: ENGINE_MS })
    await screenshot(alice, "34-deep-link-dm")

    // Links that are not Parley's, or name nothing valid, are refused with the router's reason and change nothing.
    const invalid = await control.openLink("alice", "parley://conversation/not-a-conversation")
    expect(invalid).toMatchObject({ status: 400, body: { code: "InvalidParameter" } })
    expect(await control.openLink("alice", "https://example.com/conversation/ab")).toMatchObject({ status: 400, body: { code: "WrongScheme" } })
    expect(await heading(alice, shortAddress(bobAddress)).isVisible()).toBe(true)
  })

  it("answers control requests only from local clients holding the run's secret", async () => {
    expect((await control.send("GET", "/control/alice/notifications", undefined, { Authorization: "Bearer wrong" })).status).toBe(401)
    expect((await control.send("GET", "/control/alice/notifications", undefined, {})).status).toBe(401)
    // A page, even one this host served, always sends Origin and Sec-Fetch-* headers: refused.
    expect(session.pageErrors).toEqual([])
    const token = new URLSearchParams(new URL(session.host.pages["alice"] ?? "").hash.slice(1)).get("token") ?? ""
    expect((await control.send("GET", "/control/alice/notifications", undefined, { Authorization: `Bearer ${token}`, Origin: session.host.origin })).status).toBe(403)
    expect((await control.send("GET", "/control/alice/notifications", undefined, { Authorization: `Bearer ${token}`, "Sec-Fetch-Site": "same-origin" })).status).toBe(403)
    const fromPage = await alice.evaluate(async (authorization) => (await fetch("/control/alice/notifications", { headers: { Authorization: authorization } })).status, `Bearer ${token}`)
    expect(fromPage).toBe(403)
  })
})
