// Settings → Devices: every installation of this account (each device that signed in with its key),
// and removing the other ones. Removing asks first, saying what it does: the removed device can no
// longer read new messages, and each group drops it when someone next sends there.
import { useCallback, useEffect, useState } from "react"
import type { Device, RevokeDevicesRequest } from "../../../../shared/dto/devices"
import { request } from "../../bridge/api"
import { FormError } from "../../components/FormError"
import { shortHex } from "../../lib/names"
import { dateTime } from "../../lib/time"
import { useAsyncAction } from "../../lib/useAsyncAction"
import "./DevicesSection.css"

type Removal = { kind: "one"; device: Device } | { kind: "allOthers"; count: number }

export function DevicesSection() {
  const [devices, setDevices] = useState<Device[] | null>(null)
  const [confirming, setConfirming] = useState<Removal | null>(null)
  const { busy, error, run } = useAsyncAction()
  const load = useCallback(async () => setDevices(await request("account:devices")), [])

  useEffect(() => {
    void run(load)
  }, [run, load])

  const remove = async (removal: Removal) => {
    const asked: RevokeDevicesRequest = removal.kind === "one" ? { ids: [removal.device.installationId] } : { allOthers: true }
    if (await run(async () => setDevices(await request("account:revokeDevices", asked)))) setConfirming(null)
  }

  const others = devices?.filter((device) => !device.thisDevice) ?? []

  return (
    <section className="settings__section" aria-labelledby="settings-devices">
      <h3 id="settings-devices">Devices</h3>
      <p className="field__hint">Every device signed in with this account's key receives its messages.</p>
      {devices === null ? (
        busy && <p className="field__hint">Loading devices…</p>
      ) : (
        <ul className="devices__list" aria-label="Devices">
          {devices.map((device) => (
            <li key={device.installationId}>
              <span className="devices__name">
                <span className="mono" title={device.installationId}>
                  {shortId(device.installationId)}
                </span>
                <span className="field__hint">{device.thisDevice ? "This device" : addedLabel(device)}</span>
              </span>
              {!device.thisDevice && (
                <button type="button" className="button button--small" disabled={busy || confirming !== null} onClick={() => setConfirming({ kind: "one", device })}>
                  Remove
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {confirming ? (
        <div className="devices__confirm" role="group" aria-label="Confirm removing devices">
          <p>{confirmText(confirming)}</p>
          <div className="devices__confirm-actions">
            <button type="button" className="button button--small" disabled={busy} onClick={() => setConfirming(null)}>
              Keep
            </button>
            <button type="button" className="button button--small button--danger" disabled={busy} onClick={() => void remove(confirming)}>
              {busy ? "Removing…" : confirming.kind === "one" ? "Remove device" : "Remove all other devices"}
            </button>
          </div>
        </div>
      ) : (
        others.length > 1 && (
          <div className="settings__row">
            <span className="field__hint">Signed in somewhere you no longer use or trust?</span>
            <button type="button" className="button button--small button--danger" disabled={busy} onClick={() => setConfirming({ kind: "allOthers", count: others.length })}>
              Remove all other devices
            </button>
          </div>
        )
      )}
      <FormError error={error} />
    </section>
  )
}

function shortId(installationId: string): string {
  return shortHex(installationId, 8, 4)
}

function addedLabel(device: Device): string {
  if (device.addedAtNs === null) return "Added at an unknown time"
  return `Added ${dateTime(device.addedAtNs)}`
}

const CONSEQUENCES = "can no longer read new messages, and your groups drop it the next time someone sends. It would have to sign in again with your account key."

function confirmText(removal: Removal): string {
  if (removal.kind === "one") return `Remove device ${shortId(removal.device.installationId)}? It ${CONSEQUENCES}`
  return `Remove all ${removal.count} other devices? Only this device stays signed in. Each removed device ${CONSEQUENCES}`
}
