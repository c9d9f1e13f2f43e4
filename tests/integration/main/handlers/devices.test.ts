// Settings → Devices as main serves it: a ProfileSession on a real node whose account has further
// installations (engine clients opened with the same account key, as another device would), listed
// with `account:devices` and revoked with `account:revokeDevices`.
import { hexToBytes } from "@noble/hashes/utils.js"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { Client, createEoaSigner } from "../../../../src/engine/index"
import type { Device } from "../../../../src/shared/dto/devices"
import { useSessionNode } from "./support/sessionNode"
import { ready, type SessionProfile } from "./support/sessionProfiles"

// Hardhat's third test account: a well-known key that no real person uses.
const ACCOUNT_KEY = "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a"

describe("account:devices and account:revokeDevices through a ProfileSession", () => {
  const world = useSessionNode("parley-devices-")
  let dana: SessionProfile
  let thisDevice: string
  const otherDevices: Client[] = []

  /** Another device signing in with the account key: its own installation and database. */
  const signInElsewhere = async (name: string) => {
    const client = await Client.create(createEoaSigner(hexToBytes(ACCOUNT_KEY.slice(2))), {
      apiUrl: world.node.address,
      dbPath: join(world.dir, `${name}.db3`),
      dbEncryptionKey: new Uint8Array(32).fill(7),
    })
    otherDevices.push(client)
    return client
  }

  const ids = (devices: Device[]) => devices.map((device) => device.installationId)

  beforeAll(async () => {
    ;[dana] = await world.open("dana")
    thisDevice = ready(await dana.call("account:import", ACCOUNT_KEY)).installationId
  })

  afterAll(async () => {
    await Promise.all(otherDevices.map((client) => client.close()))
  })

  it("needs an account, lists every installation with this device first, and revokes one other device", async () => {
    const [bare] = await world.open("bare")
    await expect(bare.call("account:devices")).rejects.toMatchObject({ name: "AccountError", code: "NoAccount" })

    const laptop = await signInElsewhere("laptop")
    const devices = await dana.call("account:devices")
    expect(ids(devices)).toEqual([thisDevice, laptop.installationId])
    expect(devices.map((device) => device.thisDevice)).toEqual([true, false])
    for (const device of devices) expect(BigInt(device.addedAtNs ?? "0")).toBeGreaterThan(0n)

    const left = await dana.call("account:revokeDevices", { ids: [laptop.installationId] })
    expect(ids(left)).toEqual([thisDevice])
    expect(ids(await dana.call("account:devices"))).toEqual([thisDevice])
    // The revoked device learns it from the network too.
    expect((await laptop.preferences.fetchInboxState()).installations.map((installation) => installation.id)).toEqual([thisDevice])
  })

  it("refuses to revoke this device or an id that is not the account's, revoking nothing", async () => {
    const phone = await signInElsewhere("phone")
    await expect(dana.call("account:revokeDevices", { ids: [phone.installationId, thisDevice] })).rejects.toMatchObject({ name: "DeviceError", code: "ThisDevice" })
    await expect(dana.call("account:revokeDevices", { ids: [phone.installationId, "ab".repeat(32)] })).rejects.toMatchObject({ name: "DeviceError", code: "UnknownDevice" })
    await expect(dana.call("account:revokeDevices", { ids: ["AB".repeat(32)] })).rejects.toMatchObject({ name: "IpcValidationError", code: "InvalidArguments" })
    expect(ids(await dana.call("account:devices"))).toEqual([thisDevice, phone.installationId])
  })

  it("removes all other devices at once", async () => {
    const tablet = await signInElsewhere("tablet")
    expect(await dana.call("account:devices")).toHaveLength(3)
    expect(ids(await dana.call("account:revokeDevices", { allOthers: true }))).toEqual([thisDevice])
    expect((await tablet.preferences.fetchInboxState()).installations.map((installation) => installation.id)).toEqual([thisDevice])
  })
})
