// Several node processes on one PostgreSQL database, here two nodes in one test process: each
// has its own pool, live feed and origin, so to each other they are as separate processes. They
// migrate once between them, every subscriber hears what either node stores exactly once and in
// id order per group, and identity updates to one inbox are decided one at a time across nodes.
import { createHash } from "node:crypto"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import pg from "pg"
import { api, type Api } from "../../support/api"
import { testDatabase, type TestDatabase } from "../../support/databases"
import { privateMessage, randomId, recordingValidators, startTestNode, type TestNode } from "../../support/fixtures"
import { RawClient } from "../../support/rawClient"
import { allStoredIds, expectExactlyThenMarker, hex } from "../../support/streams"

const { validators, historyLengthsSeen } = recordingValidators()

let db: TestDatabase
let nodes: TestNode[]
let apis: Api[]

beforeAll(async () => {
  db = await testDatabase("postgres")
  // Started together on an empty database: both try to migrate at once.
  nodes = await Promise.all([startTestNode(db.database, validators), startTestNode(db.database, validators)])
  apis = nodes.map((node) => api(node.client))
})
afterAll(async () => {
  for (const node of nodes ?? []) await node.stop()
  await db?.remove()
})

const apiOf = (index: number): Api => {
  const found = apis[index % apis.length]
  if (!found) throw new Error("no nodes")
  return found
}

describe("two nodes on one PostgreSQL database", () => {
  it("apply the schema once", async () => {
    if (db.database.kind !== "postgres") throw new Error("not a postgres database")
    const client = new pg.Client({ connectionString: db.database.url })
    await client.connect()
    try {
      const { rows } = await client.query<{ version: number }>("SELECT version FROM parley_schema_version ORDER BY version")
      expect(rows.map((row) => row.version)).toEqual([1])
    } finally {
      await client.end()
    }
  })

  it("deliver what either stores to the subscribers of both, once each and in id order per group", async () => {
    const groups = [randomId(), randomId(), randomId()]
    const subscribers = apis.map((node) => node.subscribeGroupMessages(groups.map((groupId) => ({ groupId }))))
    await Promise.all(subscribers.map((sub) => sub.headers))

    const perPublisher = 30
    const publishers = Array.from({ length: 4 }, (_, p) => new RawClient(nodes[p % nodes.length]?.node.address ?? ""))
    await Promise.all(
      publishers.map(async (client, p) => {
        const publisher = api(client)
        for (let i = 0; i < perPublisher; i++) {
          const groupId = groups[(i + p) % groups.length] ?? randomId()
          // Some batches span two groups, so one commit feeds several topics.
          if (i % 5 === 0) await publisher.sendGroupData(privateMessage(groupId), privateMessage(groups[(i + 1) % 3] ?? groupId))
          else await publisher.sendGroupData(privateMessage(groupId))
        }
      }),
    )
    publishers.forEach((client) => client.close())

    const expected = new Map<string, number[]>()
    for (const groupId of groups) expected.set(hex(groupId), await allStoredIds(apiOf(0), groupId))
    const total = [...expected.values()].reduce((sum, list) => sum + list.length, 0)
    expect(total).toBe(4 * perPublisher + 4 * (perPublisher / 5))

    const marker = privateMessage(groups[0] ?? randomId())
    await apiOf(1).sendGroupData(marker)
    for (const sub of subscribers) await expectExactlyThenMarker(sub, expected, marker)
  })

  it("decide one identity update of an inbox at a time, whichever node receives it", async () => {
    const inboxId = createHash("sha256").update(randomId()).digest("hex")
    const address = `0x${Buffer.from(randomId(20)).toString("hex")}`
    await apiOf(0).publishIdentityUpdate({ inboxId, actions: [{ createInbox: { initialIdentifier: address, nonce: 1 } }] })
    historyLengthsSeen.length = 0
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        apiOf(i).publishIdentityUpdate({ inboxId, actions: [{ add: { newMemberIdentifier: { installationPublicKey: randomId() } } }] }),
      ),
    )
    expect([...historyLengthsSeen].sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
    for (const node of apis) {
      const updates = (await node.getIdentityUpdates([{ inboxId }])).responses[0]?.updates ?? []
      expect(updates).toHaveLength(11)
      expect((await node.getInboxIds([address])).responses[0]?.inboxId).toBe(inboxId)
    }
  })
})
