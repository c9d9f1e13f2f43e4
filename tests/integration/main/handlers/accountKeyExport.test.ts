// account:exportKey as Electron main serves it with the engine on its own thread: a ProfileSession
// on a real node, its registry, and the export registered beside the key store. The same request
// through the engine worker is covered by tests/integration/webhost/hostedProfiles.test.ts.
import { describe, expect, it } from "vitest"
import { registerAccountKeyExport } from "../../../../src/main/handlers/accountKeyExport"
import { useSessionNode } from "./support/sessionNode"
import { ready } from "./support/sessionProfiles"

// Hardhat's first test account: a well-known key that no real person uses.
const KNOWN_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"
const KNOWN_ADDRESS = "0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266"

describe("account:exportKey beside a ProfileSession", () => {
  const logged: string[] = []
  const world = useSessionNode("parley-export-", { logError: (message, error) => logged.push(`${message} ${String(error)}`) })

  it("gives back the key an account was imported with, only once the profile is onboarded, and logs nothing of it", async () => {
    const [bob] = await world.open("bob")
    registerAccountKeyExport(bob.registry, "bob", world.profiles.keys)
    await expect(bob.call("account:exportKey", { acknowledgedRisk: true })).rejects.toMatchObject({ name: "AccountError", code: "NoAccount" })

    expect(ready(await bob.call("account:import", KNOWN_KEY)).address).toBe(KNOWN_ADDRESS)
    expect(await bob.call("account:exportKey", { acknowledgedRisk: true })).toBe(KNOWN_KEY)
    expect(logged.filter((line) => line.includes(KNOWN_KEY.slice(2)))).toEqual([])
  })
})
