// The common interop set-up: one node, one Parley client labelled "parley" and official SDK clients
// with the given labels, all owned by one harness that afterAll closes.
import { afterAll, beforeAll } from "vitest"
import type { Client } from "../../../src/engine/index"
import { InteropHarness } from "./interopHarness"
import type { LabelledClient } from "./sdkClient"
import type { TestNode } from "./testNode"

export interface ParleyWithSdk<L extends string> {
  h: InteropHarness
  node: TestNode
  parley: Client
  sdk: Record<L, LabelledClient>
}

/** Registers the beforeAll/afterAll pair; `ready` receives the set-up (and may extend it). */
export function useParleyWithSdk<const L extends string>(prefix: string, labels: readonly L[], ready: (setup: ParleyWithSdk<L>) => void | Promise<void>): void {
  let h: InteropHarness | undefined
  beforeAll(async () => {
    const harness = await InteropHarness.create(prefix)
    h = harness
    const node = await harness.startNode()
    const parley = await harness.createParleyClient(node, "parley")
    const sdk = {} as Record<L, LabelledClient>
    for (const label of labels) sdk[label] = await harness.createClient(node, { label })
    await ready({ h: harness, node, parley, sdk })
  }, 120_000)
  afterAll(async () => {
    await h?.close()
  })
}
