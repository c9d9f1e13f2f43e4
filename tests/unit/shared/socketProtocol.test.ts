import { describe, expect, it } from "vitest"
import { clientFrameSchema, decodeFrameJson, encodeFrame, hostFrameSchema } from "../../../src/shared/socketProtocol"

describe("socket frames", () => {
  it("carry bytes (Uint8Array and Buffer alike) through JSON unchanged", () => {
    const data = new Uint8Array(70_000).map((_, i) => (i * 7) % 256)
    const text = encodeFrame({ kind: "response", id: 3, ok: true, result: { attachment: { mimeType: "image/png", data }, raw: Buffer.from([0, 255]) } })
    const decoded = hostFrameSchema.parse(decodeFrameJson(text))
    expect(decoded).toEqual({ kind: "response", id: 3, ok: true, result: { attachment: { mimeType: "image/png", data }, raw: new Uint8Array([0, 255]) } })
    const result = (decoded as { result: { attachment: { data: unknown } } }).result
    expect(result.attachment.data).toBeInstanceOf(Uint8Array)
  })

  it("leave objects that only resemble the byte tag alone", () => {
    expect(decodeFrameJson('{"a":{"$bytes":"AA==","b":1},"c":{"$bytes":5}}')).toEqual({ a: { $bytes: "AA==", b: 1 }, c: { $bytes: 5 } })
  })

  it("accept only well-formed request frames", () => {
    expect(clientFrameSchema.safeParse({ kind: "request", id: 1, name: "settings:get", args: [] }).success).toBe(true)
    expect(clientFrameSchema.safeParse({ kind: "request", id: -1, name: "settings:get", args: [] }).success).toBe(false)
    expect(clientFrameSchema.safeParse({ kind: "request", id: 1, name: "settings:get", args: {} }).success).toBe(false)
    expect(clientFrameSchema.safeParse({ kind: "request", id: 1, name: "x", args: [], extra: true }).success).toBe(false)
    expect(hostFrameSchema.safeParse({ kind: "response", id: 1, ok: false, error: { family: "E", code: "C", message: "m" } }).success).toBe(true)
    expect(hostFrameSchema.safeParse({ kind: "response", id: 1, ok: false, result: 1 }).success).toBe(false)
  })
})
