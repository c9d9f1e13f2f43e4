// The engine host's worker thread: one profile's ProfileSession (account, engine service, live
// updates) running off the thread that serves IPC, so MLS commits and SQLite reads do not stall
// it. It answers the requests main forwards through its own validated registry, pushes the
// session's events back, and asks main for the profile's keys.
import { parentPort, workerData } from "node:worker_threads"
import { type EventName, requestNames } from "../../shared/contract"
import { ProfileSession } from "../handlers/profileSession"
import { IpcHandlerRegistry } from "../ipcHandlers"
import { describeError, typedErrorInfo } from "./engineHostErrors"
import type { EngineWorkerData, HostMessage, WorkerMessage } from "./engineHostProtocol"
import { RemoteKeySource } from "./remoteKeySource"

async function serve(): Promise<void> {
  const port = parentPort
  if (!port) throw new Error("engineWorker.ts runs as a worker thread of the engine host, not on its own.")
  const post = (message: WorkerMessage) => port.postMessage(message)
  const data = workerData as EngineWorkerData
  const logError = (message: string, error: unknown) => post({ type: "log", message, error: describeError(error) })
  const keys = new RemoteKeySource(post)
  const registry = new IpcHandlerRegistry({ logError })
  let session: ProfileSession | undefined

  port.on("message", (message: HostMessage) => {
    switch (message.type) {
      case "keys-result":
        keys.settle(message)
        return
      case "request":
        registry.dispatch(message.name, message.args).then(
          (result) => post({ type: "response", id: message.id, ok: true, result }),
          (error: unknown) => post({ type: "response", id: message.id, ok: false, error: registry.errorInfo(message.name, error) }),
        )
        return
      case "close":
        void (session?.close() ?? Promise.resolve())
          .catch((error: unknown) => logError("The engine session did not close cleanly", error))
          .finally(() => {
            post({ type: "closed" })
            port.close()
          })
    }
  })

  try {
    session = await ProfileSession.open({ ...data, keys, logError })
  } catch (error) {
    post({ type: "start-failed", error: typedErrorInfo(error, { family: "EngineHostError", code: "StartFailed" }) })
    port.close()
    return
  }
  session.register(registry)
  session.events.attach({ send: (name, payload) => post({ type: "event", name: name as EventName, payload }), isDestroyed: () => false })
  post({ type: "ready", requests: requestNames.filter((name) => registry.has(name)) })
}

void serve()
