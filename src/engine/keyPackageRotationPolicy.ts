// When this installation replaces its published key package, and how long a replaced one's private
// keys stay (libxmtp node-bindings-1.10.0: xmtp_configuration KEY_PACKAGE_ROTATION_INTERVAL_NS,
// KEY_PACKAGE_QUEUE_INTERVAL_NS, prod KEYS_EXPIRATION_INTERVAL_NS, and the 5 s tick of
// worker/key_package_cleaner.rs). Every deadline is an absolute time stored in the database, so
// the schedule survives restarts; the clock is injectable so tests can move time instead of
// sleeping through a day.
import { KEY_PACKAGE_ROTATION_SECONDS } from "./mls/xmtpExtensions"
import { nowNs } from "./storage/rows"

const NS_PER_SECOND = 1_000_000_000n

/** A scheduled rotation: the published key package is replaced every 30 days (KP-02). */
export const KEY_PACKAGE_ROTATION_INTERVAL_NS = BigInt(KEY_PACKAGE_ROTATION_SECONDS) * NS_PER_SECOND
/** After welcomes arrive, rotation is pulled in to 5 s later, so a burst of welcomes causes one rotation. */
export const KEY_PACKAGE_QUEUE_INTERVAL_NS = 5n * NS_PER_SECOND
/**
 * A replaced key package's private keys are kept this long (1 day), for welcomes that senders
 * built from it before the replacement reached them.
 */
export const KEY_PACKAGE_RETENTION_NS = 24n * 60n * 60n * NS_PER_SECOND
/** How often the maintenance pass looks for due rotations and expired keys. */
export const KEY_PACKAGE_MAINTENANCE_INTERVAL_MS = 5_000

export interface KeyPackageRotationPolicy {
  rotationIntervalNs: bigint
  queueIntervalNs: bigint
  retentionNs: bigint
  maintenanceIntervalMs: number
  /** Nanoseconds since the epoch, for every schedule decision. */
  now: () => bigint
}

/** Overrides for tests and tuning; each omitted field takes libxmtp's production value. */
export type KeyPackageRotationOptions = Partial<KeyPackageRotationPolicy>

export function keyPackageRotationPolicy(options: KeyPackageRotationOptions = {}): KeyPackageRotationPolicy {
  return {
    rotationIntervalNs: options.rotationIntervalNs ?? KEY_PACKAGE_ROTATION_INTERVAL_NS,
    queueIntervalNs: options.queueIntervalNs ?? KEY_PACKAGE_QUEUE_INTERVAL_NS,
    retentionNs: options.retentionNs ?? KEY_PACKAGE_RETENTION_NS,
    maintenanceIntervalMs: options.maintenanceIntervalMs ?? KEY_PACKAGE_MAINTENANCE_INTERVAL_MS,
    now: options.now ?? nowNs,
  }
}
