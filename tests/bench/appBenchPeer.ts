// Child process of the app benchmark: the installation that built the big group. On command it
// sends the stream probe, then adds the joiner and removes it again (two commits the app profile
// processes live). Run: fork appBenchPeer.ts CONFIG_JSON (with an IPC channel).
import { join } from "node:path"
import { Client, type Group } from "../../src/engine/index"
import type { AppChildConfig, PeerCommand, PeerReport } from "./appBenchProtocol"
import { STREAM_PROBE_TEXT } from "./appBenchProtocol"
import { profileSecrets } from "./engineBenchProfiles"

const report = (message: PeerReport) => new Promise<void>((resolve) => process.send?.(message, () => resolve()) ?? resolve())

async function main(): Promise<void> {
  const raw = process.argv[2]
  if (!raw || !process.send) throw new Error("usage: fork appBenchPeer.ts CONFIG_JSON (with an IPC channel)")
  const { fixture, dir, apiUrl } = JSON.parse(raw) as AppChildConfig
  const { signer, dbKey } = profileSecrets(fixture.creator)
  const creator = await Client.create(signer, { apiUrl, dbPath: join(dir, fixture.creator.dbPath), dbEncryptionKey: dbKey })
  const group = (await creator.conversations.getConversationById(fixture.bigGroupId)) as Group | undefined
  if (!group) throw new Error(`the creator does not hold group ${fixture.bigGroupId}`)
  let queue = Promise.resolve()
  const handle = async (command: PeerCommand) => {
    if (command.type === "probe") {
      await group.sendText(STREAM_PROBE_TEXT)
      return
    }
    const started = performance.now()
    await group.addMembers([fixture.joinerInboxId])
    const added = performance.now()
    await group.removeMembers([fixture.joinerInboxId])
    await report({ type: "committed", addMs: added - started, removeMs: performance.now() - added })
  }
  process.on("message", (command: PeerCommand) => {
    queue = queue.then(() => handle(command)).catch(async (error: unknown) => {
      await report({ type: "failed", error: error instanceof Error ? (error.stack ?? error.message) : String(error) })
      process.exit(1)
    })
  })
  process.on("disconnect", () => void creator.close().finally(() => process.exit(0)))
  await report({ type: "open" })
}

main().catch(async (error: unknown) => {
  await report({ type: "failed", error: error instanceof Error ? (error.stack ?? error.message) : String(error) })
  process.exit(1)
})
