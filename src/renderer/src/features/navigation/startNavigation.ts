// The window's side of main's navigation: it follows navigation:open and reports what it shows.
import { onEvent } from "../../bridge/api"
import { openTarget } from "./openTarget"
import { startViewReporting } from "./viewReporter"

/** Returns the function that stops both. */
export function startNavigation(): () => void {
  const stops = [onEvent("navigation:open", (target) => void openTarget(target)), startViewReporting()]
  return () => stops.forEach((stop) => stop())
}
