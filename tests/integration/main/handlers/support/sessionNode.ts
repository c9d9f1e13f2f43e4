// One test file's world for main's handlers: a node on loopback with its database in a fresh
// directory, and the profiles opened against it (SessionProfiles). The hooks are registered in the
// calling `describe`; everything opened through them is closed and removed after its tests.
import { mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll } from "vitest"
import type { IpcRegistryOptions } from "../../../../../src/main/ipcHandlers"
import { type RunningNode, startNode } from "../../../../../src/server/node"
import type { ReadyAccount } from "../../../../../src/shared/contract"
import { ready, type SessionProfile, SessionProfiles } from "./sessionProfiles"

export interface ReadyProfile extends SessionProfile {
  /** The account `account:create` made for this profile. */
  account: ReadyAccount
}

export interface SessionNode {
  /** The directory holding the node's database, the keys file and one data directory per profile. */
  readonly dir: string
  readonly node: RunningNode
  readonly profiles: SessionProfiles
  /** Opens profiles with no account yet. */
  open<const N extends readonly string[]>(...names: N): Promise<{ [K in keyof N]: SessionProfile }>
  /** Opens profiles and creates an account in each, one after the other. */
  openReady<const N extends readonly string[]>(...names: N): Promise<{ [K in keyof N]: ReadyProfile }>
}

export function useSessionNode(tmpPrefix: string, options: IpcRegistryOptions = {}): SessionNode {
  let started: { dir: string; node?: RunningNode; profiles?: SessionProfiles } | undefined

  beforeAll(async () => {
    started = { dir: await mkdtemp(join(tmpdir(), tmpPrefix)) }
    started.node = await startNode({ port: 0, dbPath: join(started.dir, "node.db"), logLevel: "silent" })
    started.profiles = new SessionProfiles(started.dir, started.node.address, options)
  })

  afterAll(async () => {
    if (!started) return
    await started.profiles?.close()
    await started.node?.stop()
    await rm(started.dir, { recursive: true, force: true })
  })

  function running(): Required<NonNullable<typeof started>> {
    if (!started?.node || !started.profiles) throw new Error("the node has not started: use it in a test or a hook that runs after useSessionNode's beforeAll")
    return started as Required<NonNullable<typeof started>>
  }

  const world: SessionNode = {
    get dir() {
      return running().dir
    },
    get node() {
      return running().node
    },
    get profiles() {
      return running().profiles
    },
    open: async <const N extends readonly string[]>(...names: N) => (await Promise.all(names.map((name) => world.profiles.open(name)))) as { [K in keyof N]: SessionProfile },
    openReady: async <const N extends readonly string[]>(...names: N) => {
      const readied: ReadyProfile[] = []
      for (const profile of await world.open(...names)) readied.push({ ...profile, account: ready(await profile.call("account:create")) })
      return readied as { [K in keyof N]: ReadyProfile }
    },
  }
  return world
}

/** `owner` creates a group with `member` and waits until it has reached the member; its id. */
export async function createGroupWith(owner: SessionProfile, member: ReadyProfile, name: string): Promise<string> {
  const groupId = (await owner.call("conversations:createGroup", { memberInboxIds: [member.account.inboxId], name })).id
  await member.next("conversations:upserted", (summary) => summary.id === groupId, `${member.session.profile}'s new group`)
  return groupId
}
