// The Parley delivery node: the XMTP v3 API (MlsApi, IdentityApi, D14nMigrationApi) over gRPC,
// with the production node's semantics (xmtp-node-go), on a NodeStore in SQLite or PostgreSQL. The
// app embeds it; the CLI (cli.ts) runs it standalone. Beside the gRPC server it runs the embedded
// blob store for encrypted remote attachments (blobStore.ts, blobStoreForNode.ts).
import { Server, ServerCredentials } from "@grpc/grpc-js"
import { startNodeBlobStore, type NodeBlobStore, type NodeBlobStoreOptions } from "./blobStoreForNode"
import { CallTracker } from "./grpc/callTracker"
import { grpcServices, SHUTTING_DOWN } from "./grpc/handlers"
import { MAX_RECEIVE_MESSAGE_BYTES, SHUTDOWN_GRACE_MS } from "./limits"
import { createLogger, type LogLevel } from "./logger"
import type { RpcContext } from "./rpc/context"
import { nodeServices } from "./rpc/services"
import { describeDatabase, openNodeStore, type NodeDatabase } from "./store/database"
import type { NodeStore, StoredGroupMessage, StoredWelcomeMessage } from "./store/nodeStore"
import { TopicBus } from "./subscriptions/topicBus"
import { groupTopic, welcomeTopic } from "./topics"
import { defaultValidators, type NodeValidators } from "./validators"

export type { NodeValidators } from "./validators"
export type { NodeDatabase } from "./store/database"

/** Give exactly one of `database` and `dbPath`. */
export interface NodeOptions {
  /** 0 picks any free port. */
  port: number
  /** Default 127.0.0.1. */
  host?: string
  database?: NodeDatabase
  /** Shorthand for `database: { kind: "sqlite", path: dbPath }`: a file path, or ":memory:". */
  dbPath?: string
  tls?: { cert: Buffer; key: Buffer }
  /** Default "info": only the start and stop lines. */
  logLevel?: LogLevel
  validators?: NodeValidators
  /**
   * The embedded attachment blob store (on by default; `false` turns it off). Its directory defaults
   * to `<SQLite file>.blobs/`; with ":memory:" or PostgreSQL, to a temporary directory removed at
   * stop (give `dir` to keep blobs across restarts).
   */
  blobStore?: false | NodeBlobStoreOptions
}

export interface RunningNode {
  /** e.g. "http://127.0.0.1:5556": usable as the SDK's apiUrl. */
  address: string
  port: number
  /** Where clients upload encrypted attachments (HttpAttachmentStore), and the directory it keeps them in; absent when turned off. */
  blobStore?: { url: string; uploadToken: string; dir: string }
  stop(): Promise<void>
}

export class NodeStartError extends Error {
  override readonly name = "NodeStartError"
  constructor(
    readonly code: "BindFailed" | "StoreFailed" | "BadOptions" | "BlobStoreFailed",
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
  }
}

function databaseOf(options: NodeOptions): NodeDatabase {
  if (options.database && options.dbPath !== undefined) {
    throw new NodeStartError("BadOptions", "give the node either `database` or `dbPath`, not both")
  }
  if (options.database) return options.database
  if (options.dbPath !== undefined) return { kind: "sqlite", path: options.dbPath }
  throw new NodeStartError("BadOptions", 'the node needs a database: `database: { kind: "sqlite", path } | { kind: "postgres", url }`, or `dbPath`')
}

export async function startNode(options: NodeOptions): Promise<RunningNode> {
  const host = options.host ?? "127.0.0.1"
  const log = createLogger(options.logLevel ?? "info")
  const database = databaseOf(options)
  let store: NodeStore
  try {
    store = await openNodeStore(database, log)
  } catch (cause) {
    throw new NodeStartError("StoreFailed", `cannot open the node database (${describeDatabase(database)}): ${String(cause)}`, { cause })
  }
  const groupMessages = new TopicBus<StoredGroupMessage>()
  const welcomeMessages = new TopicBus<StoredWelcomeMessage>()
  store.setEnvelopeListener({
    groupMessagesStored: (stored) => stored.forEach((message) => groupMessages.publish(groupTopic(message.groupId), message)),
    welcomeMessagesStored: (stored) =>
      stored.forEach((welcome) => welcomeMessages.publish(welcomeTopic(welcome.installationKey), welcome)),
  })
  const context: RpcContext = {
    store,
    validators: options.validators ?? defaultValidators,
    groupMessages,
    welcomeMessages,
    log,
  }
  const tracker = new CallTracker()
  const server = new Server({
    "grpc.max_receive_message_length": MAX_RECEIVE_MESSAGE_BYTES,
    // node-go: keepalive pings every 5 minutes.
    "grpc.keepalive_time_ms": 5 * 60_000,
  })
  for (const { definition, implementation } of grpcServices(nodeServices, { context, tracker, log })) {
    server.addService(definition, implementation)
  }

  const credentials = options.tls
    ? ServerCredentials.createSsl(null, [{ cert_chain: options.tls.cert, private_key: options.tls.key }], false)
    : ServerCredentials.createInsecure()
  const bindHost = host.includes(":") ? `[${host}]` : host
  let port: number
  try {
    port = await new Promise<number>((resolve, reject) =>
      server.bindAsync(`${bindHost}:${options.port}`, credentials, (error, bound) => (error ? reject(error) : resolve(bound))),
    )
  } catch (cause) {
    await store.close()
    throw new NodeStartError("BindFailed", `cannot listen on ${bindHost}:${options.port}: ${String(cause)}`, { cause })
  }
  const address = `${options.tls ? "https" : "http"}://${bindHost}:${port}`
  let blobs: NodeBlobStore | undefined
  if (options.blobStore !== false) {
    try {
      blobs = await startNodeBlobStore(options.blobStore ?? {}, database, host)
    } catch (cause) {
      server.forceShutdown()
      await store.close()
      throw new NodeStartError("BlobStoreFailed", `cannot start the attachment blob store: ${String(cause)}`, { cause })
    }
  }
  // One start line, blob store included: at the default level the node prints only its start and stop lines.
  const blobsLine = blobs ? `; attachment blobs at ${blobs.url} kept in ${blobs.dir}${blobs.temporary ? " (temporary: removed at stop)" : ""}` : ""
  log.info(`listening on ${address} (database: ${describeDatabase(database)}${blobsLine})`)

  let stopping: Promise<void> | undefined
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      const serverClosed = new Promise<void>((resolve) => server.tryShutdown(() => resolve()))
      await tracker.drain(SHUTTING_DOWN())
      // Streams ended above still flush their last messages; a client that never reads them
      // must not hold the node open.
      const grace = setTimeout(() => server.forceShutdown(), SHUTDOWN_GRACE_MS)
      await serverClosed
      clearTimeout(grace)
      await blobs?.stop()
      await store.close()
      log.info(`stopped (${address})`)
    })()
    return stopping
  }
  return { address, port, ...(blobs ? { blobStore: { url: blobs.url, uploadToken: blobs.uploadToken, dir: blobs.dir } } : {}), stop }
}
