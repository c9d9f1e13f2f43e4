// How Parley names itself to a node: `x-client-version` and the HTTP/2 user agent.
import { version } from "../../../package.json"

export const PARLEY_CLIENT_VERSION = `parley/${version}`
