// The account's devices behind the contract: the installations of its inbox as the network knows
// them, and revoking other ones (signed with the account key the client was opened with). A revoked
// device can no longer read new messages; groups drop it at their next installation check (MEMB-09).
import { hexToBytes } from "@noble/hashes/utils.js"
import type { Client, InboxState } from "../../engine/index"
import type { Device, RevokeDevicesRequest } from "../../shared/dto/devices"
import type { IpcHandlerRegistry } from "../ipcHandlers"
import { DeviceError } from "./deviceErrors"

export class DevicesService {
  constructor(private readonly client: Client) {}

  /** Read from the network, so a device that signed in elsewhere a moment ago is listed. */
  async list(): Promise<Device[]> {
    return this.#devices(await this.client.preferences.fetchInboxState())
  }

  /** Refuses the whole request, revoking nothing, when an id is this device or not one of the account's. */
  async revoke(request: RevokeDevicesRequest): Promise<Device[]> {
    if ("allOthers" in request) {
      await this.client.revokeAllOtherInstallations()
    } else {
      const ids = [...new Set(request.ids)]
      if (ids.includes(this.client.installationId)) {
        throw new DeviceError("ThisDevice", "This device cannot remove itself: remove it from another of your devices, or use “Remove all other devices” there.")
      }
      const known = new Set((await this.client.preferences.fetchInboxState()).installations.map((installation) => installation.id))
      const unknown = ids.filter((id) => !known.has(id))
      if (unknown.length > 0) {
        throw new DeviceError("UnknownDevice", `${unknown.map(shortId).join(", ")} is not one of this account's devices (it may have been removed already): reload the list and try again.`)
      }
      await this.client.revokeInstallations(ids.map((id) => hexToBytes(id)))
    }
    // The revocation read the account's identity updates back, so the stored state is current.
    return this.#devices(await this.client.preferences.inboxState())
  }

  #devices(state: InboxState): Device[] {
    const own = this.client.installationId
    const devices = state.installations.map(
      (installation): Device => ({
        installationId: installation.id,
        addedAtNs: installation.clientTimestampNs === undefined ? null : installation.clientTimestampNs.toString(),
        thisDevice: installation.id === own,
      }),
    )
    return devices.sort((a, b) => Number(b.thisDevice) - Number(a.thisDevice) || compareNanos(a.addedAtNs, b.addedAtNs))
  }
}

export function registerDeviceHandlers(registry: IpcHandlerRegistry, devices: () => DevicesService): void {
  registry.register("account:devices", () => devices().list()).register("account:revokeDevices", (request) => devices().revoke(request))
}

function shortId(id: string): string {
  return `${id.slice(0, 8)}…`
}

/** Oldest first; devices with no known time last. */
function compareNanos(a: string | null, b: string | null): number {
  if (a === b) return 0
  if (a === null) return 1
  if (b === null) return -1
  return BigInt(a) < BigInt(b) ? -1 : 1
}
