// A client of the web host's control endpoint (src/webhost/controlEndpoint.ts): lists and clicks a
// profile's recorded notifications and delivers parley:// links. It speaks plain node:http, so it
// sends none of the headers browsers add (the endpoint refuses those).
import { request } from "node:http"
import type { RecordedNotification, SuppressedNotification } from "../../../src/webhost/recordingNotificationSink"
import { TOKEN_FRAGMENT_KEY } from "../../../src/shared/socketProtocol"
import type { WebHostProcess } from "./webHostProcess"

export interface ControlResponse {
  status: number
  body: unknown
}

export interface NotificationRecords {
  posted: RecordedNotification[]
  suppressed: SuppressedNotification[]
}

export class WebHostControl {
  readonly #origin: string
  readonly #token: string

  constructor(host: WebHostProcess) {
    const page = Object.values(host.pages)[0]
    const token = page ? new URLSearchParams(new URL(page).hash.slice(1)).get(TOKEN_FRAGMENT_KEY) : null
    if (!token) throw new Error("the web host printed no page URL with its access token")
    this.#origin = host.origin
    this.#token = token
  }

  async notifications(profile: string): Promise<NotificationRecords> {
    const response = await this.send("GET", `/control/${profile}/notifications`)
    if (response.status !== 200) throw new Error(`listing notifications answered ${response.status}: ${JSON.stringify(response.body)}`)
    return response.body as NotificationRecords
  }

  /** Polls until `find` returns something, or fails after `timeoutMs` with the last records seen. */
  async waitFor<T>(profile: string, find: (records: NotificationRecords) => T | undefined, timeoutMs: number): Promise<T> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const records = await this.notifications(profile)
      const found = find(records)
      if (found !== undefined) return found
      if (Date.now() > deadline) throw new Error(`not found within ${timeoutMs} ms; ${profile}'s notifications: ${JSON.stringify(records, null, 2)}`)
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
  }

  click(profile: string, notificationId: string): Promise<ControlResponse> {
    return this.send("POST", `/control/${profile}/notifications/${notificationId}/click`)
  }

  openLink(profile: string, url: string): Promise<ControlResponse> {
    return this.send("POST", `/control/${profile}/deep-links`, { url })
  }

  send(method: string, path: string, body?: unknown, headers: Record<string, string> = { Authorization: `Bearer ${this.#token}` }): Promise<ControlResponse> {
    const payload = body === undefined ? undefined : JSON.stringify(body)
    return new Promise((resolve, reject) => {
      const outgoing = request(
        new URL(path, this.#origin),
        { method, headers: { ...headers, ...(payload ? { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(payload) } : {}) } },
        (response) => {
          let text = ""
          response.setEncoding("utf8")
          response.on("data", (chunk: string) => (text += chunk))
          response.on("end", () => resolve({ status: response.statusCode ?? 0, body: text ? (JSON.parse(text) as unknown) : undefined }))
        },
      )
      outgoing.on("error", reject)
      outgoing.end(payload)
    })
  }
}
