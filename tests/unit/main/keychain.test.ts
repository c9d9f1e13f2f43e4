// The keychain service against a real Secret Service: scripts/with-keyring.sh runs the tests in a
// private D-Bus session with an unlocked gnome-keyring. The Unavailable cases run the service in
// child processes whose environment has no usable keychain.
import { execFile } from "node:child_process"
import { randomBytes } from "node:crypto"
import { createRequire } from "node:module"
import { fileURLToPath } from "node:url"
import { promisify } from "node:util"
import type * as Keytar from "keytar"
import { beforeAll, describe, expect, it } from "vitest"
import { KEYCHAIN_SERVICE, KeychainService } from "../../../src/main/keychain"
import { KeychainError } from "../../../src/main/keychainErrors"
import { ProfileError } from "../../../src/main/profiles"
import { createEoaSigner } from "../../../src/engine/identity/signers"

const keytar = createRequire(import.meta.url)("keytar") as typeof Keytar
const run = promisify(execFile)

// Private key 1 and its address: a fixed test vector independent of Parley's own derivation.
const KEY_ONE = `0x${"00".repeat(31)}01`
const KEY_ONE_ADDRESS = "0x7e5f4552091a69125d5dfcb7b8c2659029395bdf"
const CURVE_ORDER_HEX = "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141"

function freshProfile(): string {
  return `t${randomBytes(8).toString("hex")}`
}

async function rejection(promise: Promise<unknown>): Promise<KeychainError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  )
  expect(error).toBeInstanceOf(KeychainError)
  return error as KeychainError
}

beforeAll(() => {
  // Never write test entries into a developer's own keyring.
  if (process.env["PARLEY_IN_KEYRING"] !== "1") {
    throw new Error("Run the keychain tests inside the test keyring: sh scripts/with-keyring.sh npx vitest run tests/unit/main")
  }
})

describe("KeychainService with the Secret Service", () => {
  it("creates a database key and an account key on a profile's first run, and reads them back later", async () => {
    const profile = freshProfile()
    const first = await new KeychainService().loadOrCreate(profile)
    expect(first.created).toBe(true)
    expect(first.dbKey).toHaveLength(32)
    expect(first.accountKey).toHaveLength(32)
    expect(first.address).toBe(createEoaSigner(first.accountKey).address)
    expect(first.address).toMatch(/^0x[0-9a-f]{40}$/)

    const later = await new KeychainService().loadOrCreate(profile)
    expect(later.created).toBe(false)
    expect(later.dbKey).toEqual(first.dbKey)
    expect(later.accountKey).toEqual(first.accountKey)
    expect(later.address).toBe(first.address)
  })

  it("stores one versioned JSON secret per profile under the service Parley", async () => {
    const profile = freshProfile()
    const keys = await new KeychainService().loadOrCreate(profile)
    const stored = JSON.parse((await keytar.getPassword(KEYCHAIN_SERVICE, profile))!)
    expect(stored).toEqual({
      version: 1,
      dbKey: Buffer.from(keys.dbKey).toString("hex"),
      accountKey: Buffer.from(keys.accountKey).toString("hex"),
    })
  })

  it("gives each profile its own keys", async () => {
    const service = new KeychainService()
    const [a, b] = [await service.loadOrCreate(freshProfile()), await service.loadOrCreate(freshProfile())]
    expect(a.address).not.toBe(b.address)
    expect(a.dbKey).not.toEqual(b.dbKey)
  })

  it("creates one identity when first-run calls for a profile overlap", async () => {
    const service = new KeychainService()
    const profile = freshProfile()
    const results = await Promise.all([service.loadOrCreate(profile), service.loadOrCreate(profile), service.loadOrCreate(profile)])
    expect(new Set(results.map((keys) => keys.address)).size).toBe(1)
    expect(results.filter((keys) => keys.created)).toHaveLength(1)
  })

  it("exports the account key as 0x hex, and reports a profile without keys as NotFound", async () => {
    const service = new KeychainService()
    const profile = freshProfile()
    const keys = await service.loadOrCreate(profile)
    const exported = await service.exportAccountKey(profile)
    expect(exported).toBe(`0x${Buffer.from(keys.accountKey).toString("hex")}`)
    expect(createEoaSigner(Buffer.from(exported.slice(2), "hex")).address).toBe(keys.address)
    expect((await rejection(service.exportAccountKey(freshProfile()))).code).toBe("NotFound")
  })

  it("imports a key into a new profile without confirmation", async () => {
    const service = new KeychainService()
    const profile = freshProfile()
    const keys = await service.importAccountKey(profile, KEY_ONE)
    expect(keys.address).toBe(KEY_ONE_ADDRESS)
    expect(keys.dbKey).toHaveLength(32)
    expect((await service.loadOrCreate(profile)).address).toBe(KEY_ONE_ADDRESS)
  })

  it("replaces an existing account key only when confirmed, keeping the database key", async () => {
    const service = new KeychainService()
    const profile = freshProfile()
    const original = await service.loadOrCreate(profile)

    const refused = await rejection(service.importAccountKey(profile, KEY_ONE))
    expect(refused.code).toBe("ConfirmationRequired")
    expect(refused.message).toContain(original.address)
    expect(refused.message).toContain(KEY_ONE_ADDRESS)
    expect((await service.loadOrCreate(profile)).address).toBe(original.address)

    const imported = await service.importAccountKey(profile, KEY_ONE, { confirmReplace: true })
    expect(imported.address).toBe(KEY_ONE_ADDRESS)
    const reread = await new KeychainService().loadOrCreate(profile)
    expect(reread.address).toBe(KEY_ONE_ADDRESS)
    expect(reread.dbKey).toEqual(original.dbKey)

    // Importing the key the profile already has needs no confirmation and changes nothing.
    expect((await service.importAccountKey(profile, KEY_ONE.toUpperCase().replace("0X", "0x"))).address).toBe(KEY_ONE_ADDRESS)
  })

  it("refuses keys that are not valid secp256k1 private keys and leaves the stored key alone", async () => {
    const service = new KeychainService()
    const profile = freshProfile()
    const original = await service.loadOrCreate(profile)
    const invalid = ["", "0x1234", `0x${"zz".repeat(32)}`, `0x${"00".repeat(32)}`, `0x${CURVE_ORDER_HEX}`, `0x${"ff".repeat(32)}`, `0x${"11".repeat(33)}`]
    for (const key of invalid) {
      const error = await rejection(service.importAccountKey(profile, key, { confirmReplace: true }))
      expect(error.code, key).toBe("InvalidAccountKey")
    }
    expect((await service.loadOrCreate(profile)).accountKey).toEqual(original.accountKey)
  })

  it("reports an entry it cannot read as Corrupt and never overwrites it", async () => {
    const service = new KeychainService()
    for (const [stored, hint] of [
      ["not json", "not JSON"],
      [JSON.stringify({ version: 2, keys: "x" }), "version is 2"],
      [JSON.stringify({ version: 1, dbKey: "00", accountKey: "11" }), "malformed"],
      [JSON.stringify({ version: 1, dbKey: "00".repeat(32), accountKey: "00".repeat(32) }), "not a valid secp256k1 key"],
    ] as const) {
      const profile = freshProfile()
      await keytar.setPassword(KEYCHAIN_SERVICE, profile, stored)
      const error = await rejection(service.loadOrCreate(profile))
      expect(error.code).toBe("Corrupt")
      expect(error.message).toContain(hint)
      expect(await keytar.getPassword(KEYCHAIN_SERVICE, profile)).toBe(stored)
    }
  })

  it("rejects invalid profile names before touching the keychain", async () => {
    await expect(new KeychainService().loadOrCreate("../etc")).rejects.toBeInstanceOf(ProfileError)
  })
})

describe("KeychainService without a usable keychain", () => {
  const child = fileURLToPath(new URL("./support/keychainChild.ts", import.meta.url))
  // No display: a keyring prompt must fail at once rather than wait for a user.
  const baseEnv = { ...process.env, DISPLAY: "", WAYLAND_DISPLAY: "" }

  async function runChild(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ ok: boolean; name?: string; code?: string; message?: string }> {
    const { stdout } = await run(command, args, { env, timeout: 30_000 })
    return JSON.parse(stdout.trim().split("\n").at(-1)!)
  }

  it("fails with Unavailable, saying why and what to do, when there is no D-Bus session", async () => {
    const result = await runChild(process.execPath, ["--import", "tsx", child, freshProfile()], {
      ...baseEnv,
      DBUS_SESSION_BUS_ADDRESS: "unix:path=/nonexistent/parley-test-no-bus",
    })
    expect(result).toMatchObject({ ok: false, name: "KeychainError", code: "Unavailable" })
    expect(result.message).toMatch(/cannot use the system keychain \(.+\)/)
    expect(result.message).toContain("Secret Service")
    expect(result.message).toContain("never in a file")
  })

  it("fails with Unavailable when the session's keyring cannot be unlocked", async () => {
    // A fresh bus with an empty keyring directory: the Secret Service (if activated) has no
    // unlocked login collection and no prompter to ask for one.
    const result = await runChild(
      "dbus-run-session",
      ["--", "sh", "-c", 'd="$(mktemp -d)"; XDG_DATA_HOME="$d" "$0" "$@"; s=$?; rm -rf "$d"; exit $s', process.execPath, "--import", "tsx", child, freshProfile()],
      { ...baseEnv, DBUS_SESSION_BUS_ADDRESS: "" },
    )
    expect(result).toMatchObject({ ok: false, name: "KeychainError", code: "Unavailable" })
  })
})
