import { describe, expect, it } from "vitest"
import { IpcHandlerRegistry } from "../../../src/main/ipcHandlers"

const GROUP_ID = "0e".repeat(16)

describe("IpcHandlerRegistry.onHandled", () => {
  it("tells observers about each successful request with its validated arguments and result", async () => {
    const seen: unknown[] = []
    const registry = new IpcHandlerRegistry()
      .register("conversations:markRead", () => null)
      .onHandled("conversations:markRead", (args, result) => seen.push([args, result]))
      .onHandled("conversations:markRead", ([id]) => seen.push(id))
    await registry.dispatch("conversations:markRead", [GROUP_ID])
    expect(seen).toEqual([[[GROUP_ID], null], GROUP_ID])
  })

  it("does not tell them about requests that failed, and a failing observer does not fail the request", async () => {
    const logged: string[] = []
    const seen: unknown[] = []
    let fail = true
    const registry = new IpcHandlerRegistry({ logError: (message) => logged.push(message) })
      .register("conversations:markRead", () => {
        if (fail) throw new Error("engine down")
        return null
      })
      .onHandled("conversations:markRead", ([id]) => seen.push(id))
      .onHandled("conversations:markRead", () => {
        throw new Error("observer bug")
      })
    await expect(registry.dispatch("conversations:markRead", [GROUP_ID])).rejects.toThrow("engine down")
    await expect(registry.dispatch("conversations:markRead", ["not hex"])).rejects.toThrow()
    expect(seen).toEqual([])
    fail = false
    await expect(registry.dispatch("conversations:markRead", [GROUP_ID])).resolves.toBeNull()
    expect(seen).toEqual([GROUP_ID])
    expect(logged).toEqual(["An observer of conversations:markRead failed"])
  })
})
