// Child process of the app benchmark: seeds its fixture once. A real node (SQLite) and real
// installations build the conversations: the app profile (keys in a file-backed keychain, database
// where ProfileSession keeps it) creates its groups with a peer, and another installation builds a
// 400-member group the profile is welcomed to. The bulk of the messages is then written through the
// engine's storage module (see appBenchRows.ts) rather than sent one by one over MLS.
// Run: fork appBenchSeed.ts DIR SCALE_JSON (with an IPC channel), as appBenchFixture.ts does.
import { randomBytes } from "node:crypto"
import { mkdir, rm } from "node:fs/promises"
import { basename, join, relative } from "node:path"
import { hexToBytes } from "@noble/hashes/utils.js"
import { Client, createEoaSigner } from "../../src/engine/index"
import { ClientDatabase } from "../../src/engine/storage/clientDatabase"
import { nowNs } from "../../src/engine/storage/rows"
import { ENGINE_DB_FILE } from "../../src/main/handlers/accountService"
import { KeychainService } from "../../src/main/keychain"
import { startNode } from "../../src/server/node"
import { FileSecretStore } from "../../src/webhost/fileSecretStore"
import { writeConversation, type Sender } from "./appBenchRows"
import type { AppFixture, SeedReport } from "./appBenchProtocol"
import { reportToParent, runBenchChild } from "./benchChild"
import { registerFillers } from "./engine.bench"
import { newProfile, profileSecrets } from "./engineBenchProfiles"

export interface AppSeedScale {
  version: number
  conversations: number
  bigConversationMessages: number
  /** Listed messages in every other conversation. */
  messagesPerConversation: number
  bigGroupMembers: number
}

const PROFILE = "bench"
const KEYCHAIN_SERVICE = "Parley app benchmark"
/** The seeded messages' spacing in sent time. */
const STEP_NS = 1_000n

const report = (message: SeedReport) => reportToParent(message)
const seedStarted = performance.now()
const progress = (line: string) => console.log(`  seeding (${((performance.now() - seedStarted) / 1000).toFixed(0)} s): ${line}`)

async function seed(dir: string, scale: AppSeedScale): Promise<AppFixture> {
  const started = performance.now()
  const scratch = join(dir, "scratch")
  const dataDir = join(dir, "profile")
  await mkdir(scratch, { recursive: true })
  await mkdir(dataDir, { recursive: true })
  const nodeDb = join(dir, "node.sqlite")
  const node = await startNode({ port: 0, dbPath: nodeDb, logLevel: "warn" })
  const apiUrl = node.address
  const keysFile = join(dir, "keys.json")
  const keys = await new KeychainService({ store: new FileSecretStore(keysFile), service: KEYCHAIN_SERVICE }).loadOrCreate(PROFILE)
  const appDbPath = join(dataDir, ENGINE_DB_FILE)
  const open = (key: Uint8Array, dbPath: string, dbEncryptionKey: Uint8Array) => Client.create(createEoaSigner(key), { apiUrl, dbPath, dbEncryptionKey })
  const app = await open(keys.accountKey, appDbPath, keys.dbKey)
  const pal = await open(createEoaSigner().privateKey, join(scratch, "pal.db"), new Uint8Array(randomBytes(32)))
  const creatorProfile = newProfile("parley", dir, "creator")
  const creatorSecrets = profileSecrets(creatorProfile)
  const creator = await Client.create(creatorSecrets.signer, { apiUrl, dbPath: creatorProfile.dbPath, dbEncryptionKey: creatorSecrets.dbKey })

  progress(`registering ${scale.bigGroupMembers - 1} installations for the big group`)
  const [joinerInboxId, ...fillers] = await registerFillers(apiUrl, scratch, scale.bigGroupMembers - 1)
  progress(`the creator builds a ${scale.bigGroupMembers}-member group`)
  const bigGroup = await creator.conversations.createGroup([app.inboxId, ...fillers], { groupName: "All hands" })
  await app.conversations.sync()

  const groupIds: string[] = []
  for (let i = 0; i < scale.conversations - 1; i++) {
    const group = await app.conversations.createGroup([pal.inboxId], { groupName: i === 0 ? "Archive" : `Conversation ${i + 1}` })
    groupIds.push(group.id)
    if ((i + 1) % 100 === 0) progress(`${i + 1} of ${scale.conversations - 1} groups created`)
  }
  const senders: Sender[] = [app, pal].map((client) => ({ inboxId: client.inboxId, installationId: client.installationIdBytes }))
  const bigGroupSenders: Sender[] = [creator, app].map((client) => ({ inboxId: client.inboxId, installationId: client.installationIdBytes }))
  for (const client of [app, pal, creator]) await client.close()
  await node.stop()

  progress("writing messages")
  const db = ClientDatabase.open(appDbPath, keys.dbKey)
  let rows: number
  try {
    const [bigConversationId, ...others] = groupIds
    const total = scale.bigConversationMessages * 2 + scale.conversations * scale.messagesPerConversation * 2
    let clock = nowNs() - BigInt(total) * STEP_NS
    const write = (groupId: string, from: readonly Sender[], count: number) => {
      const written = writeConversation(db, hexToBytes(groupId), from, count, clock, STEP_NS, true)
      clock += BigInt(written.rows) * STEP_NS
    }
    write(bigConversationId!, senders, scale.bigConversationMessages)
    write(bigGroup.id, bigGroupSenders, scale.messagesPerConversation)
    for (const id of others) write(id, senders, scale.messagesPerConversation)
    rows = db.messages.count([...groupIds, bigGroup.id].map((id) => hexToBytes(id)))
  } finally {
    db.close()
  }
  await rm(scratch, { recursive: true, force: true })
  return {
    version: scale.version,
    profile: PROFILE,
    dataDir: relative(dir, dataDir),
    keysFile: relative(dir, keysFile),
    keychainService: KEYCHAIN_SERVICE,
    nodeDb: relative(dir, nodeDb),
    conversations: scale.conversations,
    messageRows: rows,
    bigConversationId: groupIds[0]!,
    bigConversationMessages: scale.bigConversationMessages,
    bigGroupId: bigGroup.id,
    bigGroupMembers: scale.bigGroupMembers,
    creator: { ...creatorProfile, dbPath: basename(creatorProfile.dbPath) },
    joinerInboxId: joinerInboxId!,
    seedSeconds: (performance.now() - started) / 1000,
  }
}

async function main(): Promise<void> {
  const [dir, scaleJson] = process.argv.slice(2)
  if (!dir || !scaleJson || !process.send) throw new Error("usage: fork appBenchSeed.ts DIR SCALE_JSON (with an IPC channel)")
  await report({ type: "seeded", fixture: await seed(dir, JSON.parse(scaleJson) as AppSeedScale) })
}

runBenchChild(main)
