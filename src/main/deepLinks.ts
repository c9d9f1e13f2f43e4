// `parley://` deep links: each route is a zod schema from the URL's path segments to a validated
// NavigationTarget. Anything else is a DeepLinkError; parsing never throws anything untyped.
import { z } from "zod"
import { type NavigationTarget, navigationTargetSchema } from "../shared/dto/navigation"

export const DEEP_LINK_SCHEME = "parley"
const PROTOCOL = `${DEEP_LINK_SCHEME}:`
/** Longer URLs are refused before parsing; every valid route fits well within this. */
export const MAX_DEEP_LINK_LENGTH = 2048

export type DeepLinkErrorCode =
  /** Not a URL, or a URL with parts Parley links never have (credentials, port, query, fragment). */
  | "Malformed"
  /** A URL of another scheme than parley:. */
  | "WrongScheme"
  /** A parley: URL whose route Parley does not know. */
  | "UnknownRoute"
  /** A known route with a missing, extra or invalid parameter. */
  | "InvalidParameter"
  | "TooLong"

export class DeepLinkError extends Error {
  override readonly name = "DeepLinkError"
  constructor(
    readonly code: DeepLinkErrorCode,
    message: string,
  ) {
    super(message)
  }
}

type TargetInput = z.input<typeof navigationTargetSchema>

/** A route taking exactly one path segment. */
function oneSegmentRoute(toTarget: (segment: string) => TargetInput): z.ZodType<NavigationTarget, string[]> {
  return z
    .tuple([z.string()], { error: "it takes exactly one parameter after the route" })
    .transform(([segment]): TargetInput => toTarget(segment))
    .pipe(navigationTargetSchema)
}

/** Each route: the decoded path segments after `parley://<route>` to a navigation target. */
const routes: Record<string, z.ZodType<NavigationTarget, string[]>> = {
  conversation: oneSegmentRoute((id) => ({ route: "conversation", conversationId: id.toLowerCase() })),
  dm: oneSegmentRoute((target) => ({
    route: "dm",
    target: /^0x/i.test(target) ? { kind: "address", address: target } : { kind: "inboxId", inboxId: target.toLowerCase() },
  })),
  invite: oneSegmentRoute((token) => ({ route: "invite", token })),
}

/** The navigation target of a `parley://` URL; DeepLinkError when it is not a valid Parley link. */
export function parseDeepLink(input: unknown): NavigationTarget {
  if (typeof input !== "string") throw new DeepLinkError("Malformed", "A deep link must be a URL string.")
  if (input.length > MAX_DEEP_LINK_LENGTH) {
    throw new DeepLinkError("TooLong", `That link is ${input.length} characters long; Parley links are at most ${MAX_DEEP_LINK_LENGTH}.`)
  }
  let url: URL
  try {
    url = new URL(input)
  } catch {
    throw new DeepLinkError("Malformed", "That link is not a valid URL.")
  }
  if (url.protocol !== PROTOCOL) throw new DeepLinkError("WrongScheme", `Only ${DEEP_LINK_SCHEME}:// links open in Parley, not ${url.protocol} links.`)
  if (!input.slice(PROTOCOL.length).startsWith("//") || url.username || url.password || url.port || url.search || url.hash) {
    throw new DeepLinkError("Malformed", `A Parley link looks like ${DEEP_LINK_SCHEME}://conversation/<id>, without credentials, port, query or fragment.`)
  }
  const routeName = url.hostname.toLowerCase()
  const route = Object.hasOwn(routes, routeName) ? routes[routeName] : undefined
  if (!route) {
    throw new DeepLinkError("UnknownRoute", `Parley does not know the link route "${routeName}"; known routes: ${Object.keys(routes).join(", ")}.`)
  }
  const parsed = route.safeParse(pathSegments(url.pathname))
  if (!parsed.success) {
    throw new DeepLinkError("InvalidParameter", `That ${routeName} link is not valid: ${parsed.error.issues.map((issue) => issue.message).join("; ")}.`)
  }
  return parsed.data
}

/** The same, as a result instead of an exception. */
export function tryParseDeepLink(input: unknown): { ok: true; target: NavigationTarget } | { ok: false; error: DeepLinkError } {
  try {
    return { ok: true, target: parseDeepLink(input) }
  } catch (error) {
    if (error instanceof DeepLinkError) return { ok: false, error }
    throw error
  }
}

/**
 * The deep link in a command line: what the OS passes when a link launches Parley (Windows, Linux),
 * and what `second-instance` hands the running instance. Only an argument that starts with the
 * scheme counts, so flags and paths around it are never mistaken for a link.
 */
export function deepLinkFromArgv(argv: readonly string[]): string | undefined {
  return argv.find((arg) => arg.toLowerCase().startsWith(PROTOCOL))
}

function pathSegments(pathname: string): string[] {
  const raw = pathname.split("/").slice(1)
  if (raw.length > 1 && raw.at(-1) === "") raw.pop()
  try {
    return raw.map((segment) => decodeURIComponent(segment))
  } catch {
    throw new DeepLinkError("Malformed", "That link contains an invalid percent-encoding.")
  }
}
