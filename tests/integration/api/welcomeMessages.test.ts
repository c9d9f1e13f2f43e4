// Welcomes through a real node: both versions round-trip, and the pager walks every page.
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { MAX_PAGE_SIZE, type WelcomeMessage, type WelcomeMessageInput } from "../../../src/engine/api/index"
import { welcomePointer, wrapperEncryption } from "../../../src/engine/proto/index"
import { Harness, hex, randomGroupId, type RunningNode } from "./helpers/apiHarness"

const harness = new Harness()
let node: RunningNode

beforeEach(async () => {
  node = await harness.node()
})
afterEach(() => harness.close())

const CURVE25519 = wrapperEncryption.WelcomeWrapperAlgorithm.WELCOME_WRAPPER_ALGORITHM_CURVE25519
const POINTER_XWING = welcomePointer.WelcomePointerWrapperAlgorithm.WELCOME_POINTER_WRAPPER_ALGORITHM_XWING_MLKEM_768_DRAFT_6

function welcome(installationKey: Uint8Array, n: number): WelcomeMessageInput {
  return {
    kind: "v1",
    installationKey,
    data: new TextEncoder().encode(`welcome ${n}`),
    hpkePublicKey: new Uint8Array(32).fill(n % 256),
    wrapperAlgorithm: CURVE25519,
    welcomeMetadata: new TextEncoder().encode(`metadata ${n}`),
  }
}

const welcomeNumber = (m: WelcomeMessage) =>
  Number(new TextDecoder().decode(m.kind === "v1" ? m.data : m.welcomePointer).split(" ")[1])

describe("MlsApi welcome messages", () => {
  it("round-trips a v1 welcome and a welcome pointer with every field", async () => {
    const { mls } = harness.client(node.port)
    const installationKey = randomGroupId()
    const pointerInput: WelcomeMessageInput = {
      kind: "welcomePointer",
      installationKey,
      welcomePointer: new TextEncoder().encode("pointer 2"),
      hpkePublicKey: new Uint8Array(1216).fill(9),
      wrapperAlgorithm: POINTER_XWING,
    }
    await mls.sendWelcomeMessages([welcome(installationKey, 1)])
    await mls.sendWelcomeMessages([pointerInput])

    const [v1, pointer] = await mls.queryAllWelcomeMessages(installationKey)
    expect(v1?.kind).toBe("v1")
    if (v1?.kind !== "v1") throw new Error("unreachable")
    expect(new TextDecoder().decode(v1.data)).toBe("welcome 1")
    expect(new TextDecoder().decode(v1.welcomeMetadata)).toBe("metadata 1")
    expect(hex(v1.hpkePublicKey)).toBe(hex(new Uint8Array(32).fill(1)))
    expect(hex(v1.installationKey)).toBe(hex(installationKey))
    expect(v1.wrapperAlgorithm).toBe(CURVE25519)

    expect(pointer?.kind).toBe("welcomePointer")
    if (pointer?.kind !== "welcomePointer") throw new Error("unreachable")
    expect(new TextDecoder().decode(pointer.welcomePointer)).toBe("pointer 2")
    expect(pointer.hpkePublicKey.length).toBe(1216)
    expect(pointer.wrapperAlgorithm).toBe(POINTER_XWING)
    expect(pointer.id > v1.id).toBe(true)
  })

  it("pages an installation's welcomes from a cursor to the end", async () => {
    const { mls } = harness.client(node.port)
    const installationKey = randomGroupId()
    const total = MAX_PAGE_SIZE + 30
    const inputs = Array.from({ length: total }, (_, i) => welcome(installationKey, i + 1))
    await mls.sendWelcomeMessages(inputs.slice(0, 70))
    await mls.sendWelcomeMessages([welcome(randomGroupId(), 999)]) // someone else's welcome
    await mls.sendWelcomeMessages(inputs.slice(70))

    const pages: number[] = []
    for await (const page of mls.welcomeMessagePages(installationKey)) pages.push(page.length)
    expect(pages).toEqual([MAX_PAGE_SIZE, 30])

    const all = await mls.queryAllWelcomeMessages(installationKey)
    // one batch's welcomes are stored concurrently by node-go, so only the set is promised
    expect(all.map(welcomeNumber).sort((a, b) => a - b)).toEqual(Array.from({ length: total }, (_, i) => i + 1))
    const after = await mls.queryAllWelcomeMessages(installationKey, { afterCursor: all[99]!.id })
    expect(after.map((m) => m.id)).toEqual(all.slice(100).map((m) => m.id))
  })
})
