// The IPC contract between renderer and main: every request's name, its argument and result
// schemas. Main validates arguments and results against it; the preload exposes exactly these
// requests; the renderer is typed by it. One source of truth for all three.
import { z } from "zod"

export const appInfoSchema = z.object({
  version: z.string(),
  nodeAddress: z.string(),
  profile: z.string(),
})
export type AppInfo = z.infer<typeof appInfoSchema>

export const contract = {
  "app:getInfo": { args: z.tuple([]), result: appInfoSchema },
} as const

export type Contract = typeof contract
export type RequestName = keyof Contract
export type RequestArgs<N extends RequestName> = z.infer<Contract[N]["args"]>
export type RequestResult<N extends RequestName> = z.infer<Contract[N]["result"]>

/** The API the preload exposes on `window.parley`. */
export type ParleyApi = {
  [N in RequestName]: (...args: RequestArgs<N>) => Promise<RequestResult<N>>
}

export const requestNames = Object.keys(contract) as RequestName[]

export class IpcValidationError extends Error {
  override readonly name = "IpcValidationError"
  constructor(
    readonly request: string,
    readonly issues: string,
  ) {
    super(`Invalid IPC message for ${request}: ${issues}`)
  }
}

/** Validates a request's arguments; throws IpcValidationError for unknown names or bad shapes. */
export function parseRequest<N extends RequestName>(name: string, args: unknown): RequestArgs<N> {
  if (!Object.hasOwn(contract, name)) throw new IpcValidationError(name, "unknown request")
  const parsed = contract[name as N].args.safeParse(args)
  if (!parsed.success) throw new IpcValidationError(name, parsed.error.message)
  return parsed.data as RequestArgs<N>
}
