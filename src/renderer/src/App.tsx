import { useEffect, useState } from "react"
import type { AppInfo, ParleyApi, ParleyEventApi } from "../../shared/contract"

declare global {
  interface Window {
    parley?: ParleyApi
    parleyEvents?: ParleyEventApi
  }
}

export function App() {
  const [info, setInfo] = useState<AppInfo | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    if (!window.parley) {
      setError("The Parley bridge is not available.")
      return
    }
    window.parley["app:getInfo"]().then(setInfo, (e: unknown) => setError(String(e)))
  }, [])
  return (
    <main style={{ fontFamily: "system-ui, sans-serif", padding: 32 }}>
      <h1>Parley</h1>
      {error && <p role="alert">{error}</p>}
      {info && (
        <dl>
          <dt>Profile</dt>
          <dd>{info.profile}</dd>
          <dt>Delivery node</dt>
          <dd>{info.nodeAddress}</dd>
          <dt>Version</dt>
          <dd>{info.version}</dd>
        </dl>
      )}
    </main>
  )
}
