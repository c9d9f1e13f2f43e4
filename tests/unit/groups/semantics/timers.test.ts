// The intervals and retry budgets libxmtp 1.10 runs its groups with (production values), pinned so
// a change to any of them is a deliberate one.
import { describe, expect, it } from "vitest"
import {
  KEY_ROTATION_INTERVAL_NS,
  MAX_GROUP_SYNC_RETRIES,
  SEND_UPDATE_INSTALLATIONS_INTERVAL_NS,
  SYNC_UPDATE_INSTALLATIONS_INTERVAL_NS,
} from "../../../../src/engine/groups/groupSync"
import { MAX_INTENT_PUBLISH_ATTEMPTS } from "../../../../src/engine/groups/publishIntents"
import {
  KEY_PACKAGE_QUEUE_INTERVAL_NS,
  KEY_PACKAGE_RETENTION_NS,
  KEY_PACKAGE_ROTATION_INTERVAL_NS,
} from "../../../../src/engine/keyPackageRotationPolicy"

const SECOND = 1_000_000_000n
const DAY = 24n * 60n * 60n * SECOND

describe("group timers", () => {
  it("CONST-07: installations re-checked 5 s before sending and 30 min on sync; leaf keys and key packages rotated every 30 days", () => {
    expect(SEND_UPDATE_INSTALLATIONS_INTERVAL_NS).toBe(5n * SECOND)
    expect(SYNC_UPDATE_INSTALLATIONS_INTERVAL_NS).toBe(30n * 60n * SECOND)
    expect(KEY_ROTATION_INTERVAL_NS).toBe(30n * DAY)
    expect(KEY_PACKAGE_ROTATION_INTERVAL_NS).toBe(30n * DAY)
    expect(KEY_PACKAGE_QUEUE_INTERVAL_NS).toBe(5n * SECOND)
    expect(KEY_PACKAGE_RETENTION_NS).toBe(DAY)
  })

  it("CONST-08: an intent waits at most 3 syncs and is published at most 3 times", () => {
    expect(MAX_GROUP_SYNC_RETRIES).toBe(3)
    expect(MAX_INTENT_PUBLISH_ATTEMPTS).toBe(3)
  })
})
