// Runs the key package maintenance pass on a timer for as long as the client is open, as libxmtp's
// KeyPackagesCleanerWorker does (first pass at start, then every 5 s). Passes never overlap: the
// next one is armed when the previous one ends. A failed pass is reported and retried next time;
// stop() cancels an upload in flight and waits for the pass to end, so the database can close.
import { isApiError } from "./api/index"
import type { GroupContext } from "./groups/context"
import { maintainKeyPackages, type KeyPackageMaintenanceReport } from "./keyPackageRotation"
import { KeyPackageRotationError } from "./keyPackageRotationErrors"
import type { KeyPackageRotationOptions, KeyPackageRotationPolicy } from "./keyPackageRotationPolicy"

export interface KeyPackageMaintenanceListener {
  /** Told after each pass that did its work. */
  onPass?: (report: KeyPackageMaintenanceReport) => void
  /** Told when a pass failed; the next pass retries. */
  onError?: (error: KeyPackageRotationError) => void
}

/** What a client accepts: libxmtp's timings (overridable) and who hears about each pass. */
export type KeyPackageMaintenanceOptions = KeyPackageRotationOptions & KeyPackageMaintenanceListener

export class KeyPackageMaintenance {
  private timer: NodeJS.Timeout | undefined
  private pass: Promise<void> | undefined
  private stopped = false
  private readonly abort = new AbortController()

  constructor(
    private readonly ctx: GroupContext,
    private readonly policy: KeyPackageRotationPolicy,
    private readonly listener: KeyPackageMaintenanceListener = {},
  ) {}

  start(): void {
    if (this.stopped || this.timer || this.pass) return
    this.arm(0)
  }

  async stop(): Promise<void> {
    this.stopped = true
    clearTimeout(this.timer)
    this.timer = undefined
    this.abort.abort()
    await this.pass
  }

  private arm(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.timer = undefined
      this.pass = this.runPass().finally(() => {
        this.pass = undefined
        if (!this.stopped) this.arm(this.policy.maintenanceIntervalMs)
      })
    }, delayMs)
    // Maintenance alone must not keep a process alive.
    this.timer.unref()
  }

  private async runPass(): Promise<void> {
    let report: KeyPackageMaintenanceReport
    try {
      report = await maintainKeyPackages(this.ctx, this.policy, this.abort.signal)
    } catch (cause) {
      if (this.stopped) return
      this.listener.onError?.(
        isApiError(cause)
          ? new KeyPackageRotationError("UploadFailed", `The new key package could not be uploaded; retrying in ${this.policy.maintenanceIntervalMs} ms: ${cause.message}`, { cause })
          : new KeyPackageRotationError("MaintenanceFailed", `Key package maintenance failed: ${(cause as Error).message}`, { cause }),
      )
      return
    }
    this.listener.onPass?.(report)
  }
}
