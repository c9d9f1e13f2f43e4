// One user action at a time in a form: `busy` while it runs (to disable the controls), and its
// failure kept as `error`, the message the form shows.
import { useCallback, useState } from "react"
import { errorMessage } from "./errors"

export interface AsyncAction {
  busy: boolean
  error: string | null
  setError: (error: string | null) => void
  /** Runs `work`, clearing the last error first; resolves to whether it succeeded. Never rejects. */
  run: (work: () => Promise<unknown>) => Promise<boolean>
}

/**
 * `keepBusyOnSuccess` is for actions whose success replaces the form (a dialog that closes, a
 * screen that gives way): its controls stay disabled until then instead of flickering back.
 */
export function useAsyncAction({ keepBusyOnSuccess = false }: { keepBusyOnSuccess?: boolean } = {}): AsyncAction {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const run = useCallback(
    async (work: () => Promise<unknown>) => {
      setBusy(true)
      setError(null)
      try {
        await work()
        if (!keepBusyOnSuccess) setBusy(false)
        return true
      } catch (caught) {
        setError(errorMessage(caught))
        setBusy(false)
        return false
      }
    },
    [keepBusyOnSuccess],
  )
  return { busy, error, setError, run }
}
