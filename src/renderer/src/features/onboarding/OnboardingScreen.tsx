// First run of a profile: create a new XMTP account, or import an existing account key. Either
// way the key is made or checked and kept by main; this window only passes along what was typed.
import { type FormEvent, useState } from "react"
import { FormError } from "../../components/FormError"
import { Icon } from "../../components/Icon"
import { useAsyncAction } from "../../lib/useAsyncAction"
import { createAccount, importAccount } from "../../store/actions"
import { useParley } from "../../store/store"
import "./OnboardingScreen.css"

type Mode = "choose" | "import"

export function OnboardingScreen() {
  const profile = useParley((state) => state.appInfo?.profile)
  const [mode, setMode] = useState<Mode>("choose")
  // The account appearing replaces this screen, so a success keeps the buttons disabled till then.
  const action = useAsyncAction({ keepBusyOnSuccess: true })
  const [started, setStarted] = useState<"create" | "import">("create")
  const busy = action.busy ? started : null
  const { error, setError } = action
  const [key, setKey] = useState("")

  async function run(kind: "create" | "import", work: () => Promise<void>) {
    setStarted(kind)
    await action.run(work)
  }

  function submitImport(event: FormEvent) {
    event.preventDefault()
    void run("import", () => importAccount(key))
  }

  return (
    <div className="onboarding">
      <section className="onboarding__card" aria-labelledby="onboarding-title">
        <div className="onboarding__logo" aria-hidden="true">
          <Icon name="message" size={30} />
        </div>
        <h1 id="onboarding-title">Welcome to Parley</h1>
        <p className="onboarding__lead">Private, end-to-end encrypted messaging on the XMTP network. Groups, direct messages, and your keys on your device.</p>
        {profile && profile !== "default" && (
          <p className="onboarding__profile">
            Profile <strong>{profile}</strong>
          </p>
        )}
        <FormError error={error} />
        {mode === "choose" ? (
          <div className="onboarding__actions">
            <button type="button" className="button button--primary button--block" disabled={busy !== null} onClick={() => void run("create", createAccount)}>
              {busy === "create" ? <span className="spinner spinner--light" /> : <Icon name="plus" size={18} />}
              {busy === "create" ? "Creating your account…" : "Create a new account"}
            </button>
            <button type="button" className="button button--block" disabled={busy !== null} onClick={() => setMode("import")}>
              <Icon name="key" size={18} /> I have an account key
            </button>
          </div>
        ) : (
          <form className="onboarding__import" onSubmit={submitImport}>
            <div className="field">
              <label htmlFor="account-key">Account private key</label>
              <input
                id="account-key"
                className="input mono"
                type="password"
                autoComplete="off"
                spellCheck={false}
                placeholder="0x…"
                value={key}
                onChange={(event) => setKey(event.target.value)}
                disabled={busy !== null}
                autoFocus
              />
              <span className="field__hint">The 64 hex digits of your Ethereum account's key, with or without 0x. Parley keeps it on this device and never shows it to this window again.</span>
            </div>
            <div className="onboarding__row">
              <button type="button" className="button" disabled={busy !== null} onClick={() => (setMode("choose"), setError(null))}>
                Back
              </button>
              <button type="submit" className="button button--primary" disabled={busy !== null || key.trim() === ""}>
                {busy === "import" ? "Importing…" : "Import account"}
              </button>
            </div>
          </form>
        )}
        <p className="onboarding__note">
          <Icon name="lock" size={14} /> Keys stay with Parley's engine, outside this window.
        </p>
      </section>
    </div>
  )
}
