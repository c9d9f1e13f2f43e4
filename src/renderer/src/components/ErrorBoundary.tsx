// Keeps one broken part (a message's content, a panel) from taking the whole window down: it shows
// `fallback` in its place and logs the error.
import { Component, type ErrorInfo, type ReactNode } from "react"

export class ErrorBoundary extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false }

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true }
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error("A part of Parley's window failed to render", error, info.componentStack)
  }

  override render(): ReactNode {
    return this.state.failed ? this.props.fallback : this.props.children
  }
}
