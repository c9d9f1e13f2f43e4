import { describe, expect, it } from "vitest"
import { IpcHandlerError, IpcHandlerRegistry, sendEvent } from "../../../src/main/ipcHandlers"
import { KeychainError } from "../../../src/main/keychainErrors"
import { requestNames } from "../../../src/shared/contract"
import { decodeIpcError, IpcValidationError, RemoteIpcError } from "../../../src/shared/ipcErrors"
import { DEFAULT_APP_SETTINGS } from "../../../src/shared/dto/settings"
import { dm, DM_ID, message } from "../shared/support/dtoFixtures"

const APP_URL = "file:///opt/parley/resources/app.asar/out/renderer/index.html"

/** Stands in for Electron's ipcMain: keeps the registered listeners so the test can invoke them like a renderer would. */
class FakeIpcMain {
  readonly listeners = new Map<string, (event: { senderFrame: { url: string } | null }, ...args: unknown[]) => Promise<unknown>>()
  handle(channel: string, listener: (event: never, ...args: unknown[]) => unknown): void {
    if (this.listeners.has(channel)) throw new Error(`second handler for ${channel}`)
    this.listeners.set(channel, listener as never)
  }
  removeHandler(channel: string): void {
    this.listeners.delete(channel)
  }
  /** What a renderer's `ipcRenderer.invoke` gets: the value, or a RemoteIpcError rebuilt from the rejection. */
  async invoke(channel: string, senderUrl: string | null, ...args: unknown[]): Promise<unknown> {
    const listener = this.listeners.get(channel)
    if (!listener) throw new Error(`No handler registered for '${channel}'`)
    try {
      return await listener({ senderFrame: senderUrl === null ? null : { url: senderUrl } }, ...args)
    } catch (error) {
      // Electron passes the message only, prefixed.
      throw RemoteIpcError.from(new Error(`Error invoking remote method '${channel}': ${String(error)}`))
    }
  }
}

function setup() {
  const logged: unknown[] = []
  const calls: unknown[][] = []
  const registry = new IpcHandlerRegistry({ logError: (_message, error) => logged.push(error) })
  const ipc = new FakeIpcMain()
  return { registry, ipc, logged, calls }
}

async function remoteError(promise: Promise<unknown>): Promise<RemoteIpcError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  )
  expect(error).toBeInstanceOf(RemoteIpcError)
  return error as RemoteIpcError
}

describe("IpcHandlerRegistry.dispatch", () => {
  it("calls the handler with validated arguments and returns its validated result", async () => {
    const { registry, calls } = setup()
    registry.register("settings:setConversationMuted", (id, muted) => {
      calls.push([id, muted])
      return { ...DEFAULT_APP_SETTINGS, mutedConversationIds: [id] }
    })
    expect(await registry.dispatch("settings:setConversationMuted", [DM_ID, true])).toEqual({ ...DEFAULT_APP_SETTINGS, mutedConversationIds: [DM_ID] })
    expect(calls).toEqual([[DM_ID, true]])
  })

  it("rejects malformed requests before they reach the handler", async () => {
    const { registry, calls } = setup()
    registry.register("messages:sendText", (conversationId, text) => {
      calls.push([conversationId, text])
      return message({ conversationId })
    })
    const malformed: unknown[] = [
      [],
      [DM_ID],
      [DM_ID, "hi", "extra"],
      [DM_ID, 42],
      [DM_ID, "   "],
      [DM_ID, "x".repeat(64 * 1024 + 1)],
      ["not-hex", "hi"],
      [DM_ID.toUpperCase(), "hi"],
      [{ toString: () => DM_ID }, "hi"],
      "not an array",
      null,
      JSON.parse(`{"__proto__": {"polluted": true}, "0": "${DM_ID}", "1": "hi"}`),
    ]
    for (const args of malformed) {
      const error = await registry.dispatch("messages:sendText", args).catch((caught: unknown) => caught)
      expect(error, JSON.stringify(args)?.slice(0, 80)).toBeInstanceOf(IpcValidationError)
      expect((error as IpcValidationError).code).toBe("InvalidArguments")
    }
    expect(calls).toEqual([])
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined()
  })

  it("rejects unknown request names, including names of Object.prototype", async () => {
    const { registry } = setup()
    for (const name of ["app:deleteEverything", "__proto__", "constructor", "hasOwnProperty", ""]) {
      const error = await registry.dispatch(name, []).catch((caught: unknown) => caught)
      expect(error).toBeInstanceOf(IpcValidationError)
      expect((error as IpcValidationError).code).toBe("UnknownRequest")
    }
  })

  it("does not return results that fail validation", async () => {
    const { registry } = setup()
    registry.register("conversations:get", () => ({ ...dm(), unreadCount: -1 }))
    const error = await registry.dispatch("conversations:get", [DM_ID]).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(IpcValidationError)
    expect((error as IpcValidationError).code).toBe("InvalidResult")
  })

  it("answers requests without a handler with NotAvailable", async () => {
    const { registry } = setup()
    const error = await registry.dispatch("groups:leave", [DM_ID]).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(IpcHandlerError)
    expect((error as IpcHandlerError).code).toBe("NotAvailable")
  })

  it("refuses to register a handler twice", () => {
    const { registry } = setup()
    registry.register("settings:get", () => DEFAULT_APP_SETTINGS)
    expect(() => registry.register("settings:get", () => DEFAULT_APP_SETTINGS)).toThrow(/already registered/)
  })
})

describe("IpcHandlerRegistry.attach", () => {
  it("answers every contract request on ipcMain, and detaches", () => {
    const { registry, ipc } = setup()
    const detach = registry.attach(ipc, () => true)
    expect([...ipc.listeners.keys()].sort()).toEqual([...requestNames].sort())
    detach()
    expect(ipc.listeners.size).toBe(0)
  })

  it("serves trusted senders and refuses other frames without calling the handler", async () => {
    const { registry, ipc, calls } = setup()
    registry.register("settings:get", () => (calls.push([]), DEFAULT_APP_SETTINGS))
    registry.attach(ipc, (url) => url === APP_URL)
    expect(await ipc.invoke("settings:get", APP_URL)).toEqual(DEFAULT_APP_SETTINGS)
    for (const sender of ["https://evil.example/", null]) {
      const error = await remoteError(ipc.invoke("settings:get", sender))
      expect(error).toMatchObject({ family: "IpcHandlerError", code: "UntrustedSender" })
    }
    expect(calls).toHaveLength(1)
  })

  it("passes typed errors to the renderer with their family, code and message", async () => {
    const { registry, ipc } = setup()
    registry.register("app:listProfiles", () => {
      throw new KeychainError("Unavailable", "Unlock your keyring.")
    })
    registry.attach(ipc, () => true)
    const error = await remoteError(ipc.invoke("app:listProfiles", APP_URL))
    expect(error).toMatchObject({ family: "KeychainError", code: "Unavailable", message: "Unlock your keyring." })
    const invalid = await remoteError(ipc.invoke("conversations:get", APP_URL, "zz"))
    expect(invalid).toMatchObject({ family: "IpcValidationError", code: "InvalidArguments" })
  })

  it("hides the details of untyped failures from the renderer and logs them in main", async () => {
    const { registry, ipc, logged } = setup()
    const bug = Object.assign(new TypeError("Cannot read properties of undefined (reading 'secretKey')"), { code: "ERR_SOMETHING" })
    registry.register("app:listProfiles", () => {
      throw bug
    })
    registry.attach(ipc, () => true)
    const error = await remoteError(ipc.invoke("app:listProfiles", APP_URL))
    expect(error).toMatchObject({ family: "IpcHandlerError", code: "Internal" })
    expect(error.message).not.toContain("secretKey")
    expect(logged).toEqual([bug])
  })
})

describe("sendEvent", () => {
  function target(destroyed = false) {
    const sent: Array<[string, unknown]> = []
    return { sent, send: (channel: string, payload: unknown) => void sent.push([channel, payload]), isDestroyed: () => destroyed }
  }

  it("sends a valid event on its channel", () => {
    const t = target()
    sendEvent(t, "navigation:open", { route: "conversation", conversationId: DM_ID })
    expect(t.sent).toEqual([["navigation:open", { route: "conversation", conversationId: DM_ID }]])
  })

  it("does not send an invalid payload", () => {
    const t = target()
    expect(() => sendEvent(t, "navigation:open", { route: "conversation", conversationId: "../../etc" })).toThrow(IpcValidationError)
    expect(() => sendEvent(t, "settings:changed", { ...DEFAULT_APP_SETTINGS, extra: true } as never)).toThrow(IpcValidationError)
    expect(t.sent).toEqual([])
  })

  it("does not send to a destroyed window", () => {
    const t = target(true)
    sendEvent(t, "settings:changed", DEFAULT_APP_SETTINGS)
    expect(t.sent).toEqual([])
  })
})

describe("decodeIpcError", () => {
  it("ignores messages without an encoded error or with a broken one", () => {
    expect(decodeIpcError("Error invoking remote method 'x': Error: boom")).toBeUndefined()
    expect(decodeIpcError("[parley-ipc-error]{not json")).toBeUndefined()
    expect(decodeIpcError('[parley-ipc-error]{"family":"X"}')).toBeUndefined()
    expect(RemoteIpcError.from(new Error("boom"))).toMatchObject({ family: "Error", code: "Unknown", message: "boom" })
  })
})
