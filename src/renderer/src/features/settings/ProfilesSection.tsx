// Settings → Profiles: the profiles on this machine, each a separate account with its own data.
// The desktop app restarts into the one the user opens; the web host serves each as a page.
import { type FormEvent, useCallback, useEffect, useState } from "react"
import type { AppInfo } from "../../../../shared/contract"
import { profileNameSchema } from "../../../../shared/dto/app"
import { FormError } from "../../components/FormError"
import { request } from "../../bridge/api"
import { useAsyncAction } from "../../lib/useAsyncAction"

export function ProfilesSection({ appInfo }: { appInfo: AppInfo }) {
  const [profiles, setProfiles] = useState<string[] | null>(null)
  // The web host's pages, read again after a profile is created (the start-up appInfo predates it).
  const [pages, setPages] = useState(appInfo.profilePages)
  const [name, setName] = useState("")
  const [openedPage, setOpenedPage] = useState<{ name: string; url: string } | null>(null)
  const { busy, error, setError, run } = useAsyncAction({ keepBusyOnSuccess: appInfo.canRestart === true })
  const refresh = useCallback(async () => {
    const [listed, info] = await Promise.all([request("app:listProfiles"), request("app:getInfo")])
    setProfiles(listed)
    setPages(info.profilePages)
  }, [])

  useEffect(() => {
    void run(refresh)
  }, [run, refresh])

  const open = (profile: string) =>
    run(async () => {
      const opening = await request("app:openProfile", profile)
      if (opening.kind !== "page") return
      setOpenedPage({ name: profile, url: opening.url })
      setName("")
      await refresh()
    })

  const create = (event: FormEvent) => {
    event.preventDefault()
    const parsed = profileNameSchema.safeParse(name.trim())
    if (!parsed.success) {
      setError(`That is not a profile name: ${parsed.error.issues[0]?.message ?? "invalid"}.`)
      return
    }
    void open(parsed.data)
  }

  return (
    <section className="settings__section" aria-labelledby="settings-profiles">
      <h3 id="settings-profiles">Profiles</h3>
      <p className="field__hint">Each profile is a separate account with its own conversations. {pages ? "Each opens as its own page." : "Opening another restarts Parley."}</p>
      <ul className="settings__profiles" aria-label="Profiles">
        {(profiles ?? []).map((profile) => (
          <li key={profile}>
            <span className="mono">{profile}</span>
            {profile === appInfo.profile ? (
              <span className="field__hint">this profile</span>
            ) : pages?.[profile] ? (
              <a href={pages[profile]} target="_blank" rel="noreferrer">
                Open {profile}
              </a>
            ) : (
              !pages && (
                <button type="button" className="button button--small" disabled={busy} onClick={() => void open(profile)}>
                  Open {profile}
                </button>
              )
            )}
          </li>
        ))}
      </ul>
      <form className="settings__row" onSubmit={create}>
        <input className="input" aria-label="New profile name" placeholder="work" value={name} maxLength={32} onChange={(event) => setName(event.target.value)} />
        <button type="submit" className="button button--small" disabled={busy || name.trim() === ""}>
          {pages ? "Create profile" : "Create and open"}
        </button>
      </form>
      {openedPage && (
        <p role="status">
          Profile {openedPage.name} is ready:{" "}
          <a href={openedPage.url} target="_blank" rel="noreferrer">
            open {openedPage.name}
          </a>
        </p>
      )}
      <FormError error={error} />
    </section>
  )
}
