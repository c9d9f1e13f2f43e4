// The Postgres live feed when its LISTEN connection is cut (a database restart or failover looks
// the same to it): writes are not held up, the feed reconnects by itself, and envelopes stored
// after that reach live subscribers again, in order and once each.
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import pg from "pg"
import { api, ids, type Api } from "../../support/api"
import { testDatabase, type TestDatabase } from "../../support/databases"
import { privateMessage, randomId, startTestNode, type TestNode } from "../../support/fixtures"

const LISTENERS = "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN parley_envelopes'"

let db: TestDatabase
let running: TestNode
let node: Api
let admin: pg.Client

beforeAll(async () => {
  db = await testDatabase("postgres")
  if (db.database.kind !== "postgres") throw new Error("not a postgres database")
  running = await startTestNode(db.database)
  node = api(running.client)
  admin = new pg.Client({ connectionString: db.database.url })
  await admin.connect()
})
afterAll(async () => {
  await admin?.end()
  await running?.stop()
  await db?.remove()
})

async function waitForListener(): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    if ((await admin.query(LISTENERS)).rowCount) return
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error("the live feed did not listen again within 10 s")
}

describe("the Postgres live feed", () => {
  it("reconnects after its connection is cut, without holding up writes", async () => {
    const groupId = randomId()
    const sub = node.subscribeGroupMessages([{ groupId }])
    await sub.headers
    await node.sendGroupData(privateMessage(groupId))
    await sub.waitFor(1)

    const cut = await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN parley_envelopes'")
    expect(cut.rowCount).toBe(1)
    // Acknowledged whether or not the feed is back yet.
    await node.sendGroupData(privateMessage(groupId))
    await waitForListener()

    const last = privateMessage(groupId)
    await node.sendGroupData(last)
    const stored = ids((await node.queryGroupMessages(groupId, { direction: 1 })).messages)
    // The message stored while the feed was down may or may not have reached the subscriber;
    // the one stored after it was back must, and nothing twice or out of order.
    for (let attempt = 0; attempt < 200 && ids(sub.received).at(-1) !== stored.at(-1); attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    const received = ids(sub.received)
    expect(received.at(-1)).toBe(stored.at(-1))
    expect(received).toEqual(stored.filter((id) => received.includes(id)))
    expect(received[0]).toBe(stored[0])
    sub.cancel()
  })
})
