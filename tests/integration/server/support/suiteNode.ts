// The node a test file's suites talk to. Each suite that calls `on(backend)` gets a node on a
// fresh database of that backend for its duration; `api`, `client` and `address` always mean the
// node of the suite that is running.
import { afterAll, beforeAll } from "vitest"
import type { NodeValidators } from "../../../../src/server/validators"
import { api, type Api } from "./api"
import { suiteDatabase, type Backend } from "./databases"
import { startTestNode, testValidators, type TestNode } from "./fixtures"
import type { RawClient } from "./rawClient"

export class SuiteNode {
  /** Calls the running suite's node. */
  readonly api: Api
  private running: TestNode | undefined

  constructor(private readonly validators: NodeValidators = testValidators) {
    this.api = api({
      unary: (path, request, response, outgoing) => this.client.unary(path, request, response, outgoing),
      stream: (path, request, response, message) => this.client.stream(path, request, response, message),
    })
  }

  /** In the calling describe block: starts the node on a fresh `backend` database before its tests, and removes both after them. */
  on(backend: Backend): void {
    const db = suiteDatabase(backend)
    beforeAll(async () => {
      this.running = await startTestNode(db.database, this.validators)
    })
    // After-hooks run in reverse: the node stops before its database goes.
    afterAll(async () => {
      await this.running?.stop()
      this.running = undefined
    })
  }

  get client(): RawClient {
    return this.current.client
  }

  get address(): string {
    return this.current.node.address
  }

  private get current(): TestNode {
    if (!this.running) throw new Error("no node is running: use the suite's node inside a describe block that called on(backend)")
    return this.running
  }
}
