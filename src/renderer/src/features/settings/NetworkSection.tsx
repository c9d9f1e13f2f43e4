// Settings → Network: the embedded delivery node (the default) or a remote one. The node is chosen
// at start-up, so a change applies after a restart: the desktop app offers to restart, the web
// host's operator restarts it.
import { type FormEvent, useState } from "react"
import type { AppInfo } from "../../../../shared/contract"
import { type AppSettings, type NetworkSetting, sameNetwork } from "../../../../shared/dto/settings"
import { FormError } from "../../components/FormError"
import { request } from "../../bridge/api"
import { useAsyncAction } from "../../lib/useAsyncAction"

function nodeName(network: NetworkSetting): string {
  return network.kind === "embedded" ? "the embedded node" : network.url
}

export function NetworkSection({ settings, appInfo }: { settings: AppSettings; appInfo: AppInfo }) {
  const saved = settings.network
  const [kind, setKind] = useState<NetworkSetting["kind"]>(saved.kind)
  const [url, setUrl] = useState(saved.kind === "remote" ? saved.url : "")
  const { busy, error, run } = useAsyncAction()
  const restart = useAsyncAction({ keepBusyOnSuccess: true })
  const pending = appInfo.network !== undefined && !sameNetwork(saved, appInfo.network)
  const unsaved = kind !== saved.kind || (saved.kind === "remote" && url.trim() !== saved.url)

  const save = (event: FormEvent) => {
    event.preventDefault()
    void run(() => request("settings:setNetwork", kind === "embedded" ? { kind } : { kind, url }))
  }

  return (
    <section className="settings__section" aria-labelledby="settings-network">
      <h3 id="settings-network">Network</h3>
      <form onSubmit={save}>
        <label className="settings__choice">
          <input type="radio" name="network" value="embedded" checked={kind === "embedded"} onChange={() => setKind("embedded")} />
          <span>
            <strong>Embedded node</strong>
            <span className="field__hint">Parley runs its own delivery node on this computer, with its data beside this profile.</span>
          </span>
        </label>
        <label className="settings__choice">
          <input type="radio" name="network" value="remote" checked={kind === "remote"} onChange={() => setKind("remote")} />
          <span>
            <strong>Remote node</strong>
            <span className="field__hint">A delivery node your team hosts.</span>
          </span>
        </label>
        {kind === "remote" && (
          <div className="field">
            <label className="field__label" htmlFor="settings-node-url">
              Node address
            </label>
            <input
              id="settings-node-url"
              className="input mono"
              type="text"
              inputMode="url"
              placeholder="https://node.example.com:5556"
              value={url}
              onChange={(event) => setUrl(event.target.value)}
            />
          </div>
        )}
        <FormError error={error} />
        <div className="settings__row">
          <span className="field__hint">Changes apply after restart.</span>
          <button type="submit" className="button button--small" disabled={busy || !unsaved}>
            Save network
          </button>
        </div>
      </form>
      {pending && (
        <div className="settings__pending" role="status">
          <p>
            Saved: {nodeName(saved)}. Parley uses {nodeName(appInfo.network ?? saved)} until it restarts; the change applies after restart.
          </p>
          {appInfo.canRestart ? (
            <button type="button" className="button button--small button--primary" disabled={restart.busy} onClick={() => void restart.run(() => request("app:restart"))}>
              Restart now
            </button>
          ) : (
            <p className="field__hint">Restart the web host to apply it.</p>
          )}
          <FormError error={restart.error} />
        </div>
      )}
    </section>
  )
}
