// Drafts and read receipts through ProfileSession on a real node, requests through the validated
// registry: drafts survive a restart and are encrypted at rest; reading a conversation sends one
// read receipt per new incoming message (never for a request, a denied conversation, or with the
// setting off), and the sender hears it live and reads it back as last read times.
import { readFile, readdir } from "node:fs/promises"
import { join } from "node:path"
import { beforeAll, describe, expect, it } from "vitest"
import { ContentType } from "../../../../src/engine/index"
import { SettingsStore } from "../../../../src/main/settingsStore"
import { type ReadyProfile, useSessionNode } from "./support/sessionNode"
import { ready, SessionProfiles } from "./support/sessionProfiles"

const SECRET_DRAFT = "the surprise party is on friday"

describe("drafts and read receipts through the validated registry", () => {
  const world = useSessionNode("parley-drafts-receipts-")
  let alice: ReadyProfile
  let bob: ReadyProfile
  let dmId: string

  beforeAll(async () => {
    ;[alice, bob] = await world.openReady("alice", "bob")
  })

  /** Bob's read receipts stored in the DM (his own, sent from this installation). */
  async function bobsReceipts(): Promise<number> {
    const dm = await bob.session.engine().conversation(dmId)
    return dm.countMessages({ contentTypes: [ContentType.ReadReceipt] })
  }

  async function bobReads(): Promise<void> {
    await bob.call("conversations:markRead", dmId)
    await bob.session.readReceipts().settled()
  }

  async function aliceWrites(text: string): Promise<void> {
    const sent = await alice.call("messages:sendText", dmId, text)
    await bob.next("messages:upserted", (message) => message.id === sent.id, `Bob receiving "${text}"`)
  }

  it("keeps drafts across a restart, encrypted at rest, and refuses them before onboarding", async () => {
    const early = new SessionProfiles(world.dir, world.node.address)
    const carol = await early.open("carol")
    await expect(carol.call("drafts:get")).rejects.toMatchObject({ name: "AccountError", code: "NoAccount" })
    ready(await carol.call("account:create"))
    const conversationId = "c0".repeat(16)
    expect(await carol.call("drafts:get")).toEqual({})
    expect(await carol.call("drafts:set", conversationId, SECRET_DRAFT)).toBeNull()
    expect(await carol.call("drafts:set", "d0".repeat(16), "gone soon")).toBeNull()
    expect(await carol.call("drafts:set", "d0".repeat(16), "")).toBeNull()
    await expect(carol.call("drafts:set", conversationId, "x".repeat(70_000))).rejects.toMatchObject({ name: "IpcValidationError" })
    await early.close()

    const files = await readdir(join(world.dir, "carol"))
    expect(files).toContain("drafts.bin")
    for (const file of files.filter((name) => !name.startsWith("xmtp.db3"))) {
      expect((await readFile(join(world.dir, "carol", file))).includes(Buffer.from("surprise party"))).toBe(false)
    }

    const later = new SessionProfiles(world.dir, world.node.address)
    try {
      const reopened = await later.open("carol")
      expect(await reopened.call("drafts:get")).toEqual({ [conversationId]: SECRET_DRAFT })
    } finally {
      await later.close()
    }
  })

  it("sends no receipt for a message request, one once it is accepted, and the sender sees it live", async () => {
    const summary = await alice.call("conversations:createDm", { kind: "inboxId", inboxId: bob.account.inboxId })
    dmId = summary.id
    expect(await alice.call("conversations:readReceipts", dmId)).toEqual({})
    await aliceWrites("Are you coming?")

    await bobReads()
    expect(await bobsReceipts()).toBe(0)

    await bob.call("conversations:setConsent", dmId, "allowed")
    await bobReads()
    expect(await bobsReceipts()).toBe(1)
    const receipt = await alice.next(
      "messages:upserted",
      (message) => message.conversationId === dmId && message.content.type === "readReceipt",
      "Alice hearing Bob's receipt live",
    )
    expect(receipt.senderInboxId).toBe(bob.account.inboxId)
    const [ownMessage] = (await alice.call("messages:list", dmId, { limit: 10 })).filter((message) => message.senderInboxId === alice.account.inboxId && message.content.type === "text")
    expect(BigInt(receipt.sentAtNs)).toBeGreaterThan(BigInt(ownMessage!.sentAtNs))
    expect(await alice.call("conversations:readReceipts", dmId)).toEqual({ [bob.account.inboxId]: receipt.sentAtNs })
    // Bob's own receipt is not reported back to him.
    expect(await bob.call("conversations:readReceipts", dmId)).toEqual({})
  })

  it("sends at most one receipt per new incoming message", async () => {
    await bobReads()
    await bobReads()
    expect(await bobsReceipts()).toBe(1)
    const ownReply = await bob.call("messages:sendText", dmId, "Yes, on my way")
    await alice.next("messages:upserted", (message) => message.id === ownReply.id, "Alice receiving Bob's reply")
    await bobReads()
    expect(await bobsReceipts()).toBe(1)

    await aliceWrites("Great, see you")
    await Promise.all([bob.call("conversations:markRead", dmId), bob.call("conversations:markRead", dmId)])
    await bob.session.readReceipts().settled()
    await bobReads()
    expect(await bobsReceipts()).toBe(2)
  })

  it("sends none while the setting is off, nor for a denied conversation", async () => {
    const settings = await SettingsStore.open(join(world.dir, "bob", "settings.json"))
    await settings.update({ sendReadReceipts: false })
    await aliceWrites("Bring snacks")
    await bobReads()
    expect(await bobsReceipts()).toBe(2)

    await settings.update({ sendReadReceipts: true })
    await bob.call("conversations:setConsent", dmId, "denied")
    await bobReads()
    expect(await bobsReceipts()).toBe(2)

    await bob.call("conversations:setConsent", dmId, "allowed")
    await bobReads()
    expect(await bobsReceipts()).toBe(3)
  })
})
