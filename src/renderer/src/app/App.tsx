// The window: a loading screen until main answers, onboarding until the profile has an account,
// then the three-pane messenger.
import { useEffect } from "react"
import { hasBridge } from "../bridge/api"
import { EmptyState } from "../components/EmptyState"
import { Notices } from "../components/Notices"
import { startNavigation } from "../features/navigation/startNavigation"
import { OnboardingScreen } from "../features/onboarding/OnboardingScreen"
import { startSession } from "../store/actions"
import { useParley } from "../store/store"
import { AppShell } from "./AppShell"
import "./App.css"

export function App() {
  const account = useParley((state) => state.account)
  const startupError = useParley((state) => state.startupError)
  useEffect(() => (hasBridge() ? startSession() : undefined), [])
  useEffect(() => (hasBridge() ? startNavigation() : undefined), [])

  let screen
  if (!hasBridge()) {
    screen = <StartupProblem text="Parley's bridge to its engine is missing: open Parley through the desktop app or the web host's link." />
  } else if (startupError) {
    screen = <StartupProblem text={startupError} />
  } else if (!account) {
    screen = (
      <div className="app-loading" role="status">
        <span className="spinner" />
        <span>Starting Parley…</span>
      </div>
    )
  } else if (account.state === "none") {
    screen = <OnboardingScreen />
  } else {
    screen = <AppShell />
  }
  return (
    <>
      {screen}
      <Notices />
    </>
  )
}

function StartupProblem({ text }: { text: string }) {
  return (
    <div className="app-loading">
      <EmptyState icon="alert" title="Parley cannot start">
        <p role="alert">{text}</p>
      </EmptyState>
    </div>
  )
}
