// Delivers deep links, and main's own navigation (clicked notifications, the tray), to the UI.
// Links can arrive before the window can take them (macOS sends `open-url` before `ready`; a cold
// start carries the link in argv), so the latest one waits until a navigator is attached. Invalid
// links are reported, never thrown at the event loop.
import type { NavigationTarget } from "../shared/dto/navigation"
import { deepLinkFromArgv, type DeepLinkError, tryParseDeepLink } from "./deepLinks"

export type Navigate = (target: NavigationTarget) => void

export class DeepLinkRouter {
  #navigate: Navigate | undefined
  #pending: NavigationTarget | undefined

  constructor(private readonly reportInvalid: (error: DeepLinkError, url: string) => void) {}

  /** `open-url` (macOS) or any other source of a single URL; returns the error when the link is invalid (it is also reported). */
  handleUrl(url: string): DeepLinkError | undefined {
    const result = tryParseDeepLink(url)
    if (!result.ok) {
      this.reportInvalid(result.error, url)
      return result.error
    }
    this.navigate(result.target)
    return undefined
  }

  /** A target main chose itself (a clicked notification, the tray menu): delivered like a link's. */
  navigate(target: NavigationTarget): void {
    if (this.#navigate) this.#navigate(target)
    else this.#pending = target
  }

  /** A command line (first launch, or `second-instance`): acts on its deep link, if it has one. */
  handleArgv(argv: readonly string[]): void {
    const url = deepLinkFromArgv(argv)
    if (url !== undefined) this.handleUrl(url)
  }

  /** Starts delivering to `navigate`, first the link that waited, if any. */
  attach(navigate: Navigate): void {
    this.#navigate = navigate
    const pending = this.#pending
    this.#pending = undefined
    if (pending) navigate(pending)
  }

  /** Stops delivering (the window closed); later links wait for the next attach. */
  detach(): void {
    this.#navigate = undefined
  }
}
