// The real engine worker with one fault injected: an uncaught exception in its thread as soon as it
// is asked to look up an inbox, so the host's crash reporting can be seen.
import { parentPort } from "node:worker_threads"
import "../../../../../src/main/engineHost/engineWorker"

parentPort?.on("message", (message: { type?: string; name?: string }) => {
  if (message.type === "request" && message.name === "inboxes:lookup") {
    setImmediate(() => {
      throw new Error("injected engine crash")
    })
  }
})
