// Which delivery node a profile talks to. The user's choice is checked here (a remote node is an
// http(s) URL), and at start-up the saved setting decides whether Parley starts its embedded node
// (in-process, on loopback, its database beside the profile's data) or dials the remote one.
import { join } from "node:path"
import { isNodeUrl, MAX_NODE_URL_LENGTH, type NetworkChoice, type NetworkSetting, NODE_URL_HINT } from "../shared/dto/settings"

/** The embedded node's database in the profile's data directory. */
export const EMBEDDED_NODE_DB_FILE = "node.db"

export type NetworkChoiceErrorCode =
  /** The remote node's address is not an http:// or https:// URL naming a host. */
  "InvalidUrl"

export class NetworkChoiceError extends Error {
  override readonly name = "NetworkChoiceError"
  constructor(
    readonly code: NetworkChoiceErrorCode,
    message: string,
  ) {
    super(message)
  }
}

/** The setting a choice saves; NetworkChoiceError "InvalidUrl" when the remote address is no node URL. */
export function networkSettingFor(choice: NetworkChoice): NetworkSetting {
  if (choice.kind === "embedded") return { kind: "embedded" }
  const url = choice.url.trim()
  if (url.length > MAX_NODE_URL_LENGTH || !isNodeUrl(url)) {
    throw new NetworkChoiceError("InvalidUrl", `"${url.slice(0, 100)}" is not a node address: ${NODE_URL_HINT}.`)
  }
  return { kind: "remote", url }
}

/** What start-up does for a setting: start the embedded node with its database here, or use the remote node. */
export type NodePlan = { kind: "embedded"; dbPath: string } | { kind: "remote"; apiUrl: string }

export function nodePlan(network: NetworkSetting, profileDataDir: string): NodePlan {
  return network.kind === "embedded" ? { kind: "embedded", dbPath: join(profileDataDir, EMBEDDED_NODE_DB_FILE) } : { kind: "remote", apiUrl: network.url }
}

