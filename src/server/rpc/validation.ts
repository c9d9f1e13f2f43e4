// Runs a validator and turns its refusal into the status node-go answers with: INVALID_ARGUMENT,
// prefixed the way node-go prefixes it. The engine's typed errors carry the reason; anything else
// a validator throws is a validator bug, so it is also logged.
import { AssociationError } from "../../engine/identity/errors"
import { GroupMessageError, KeyPackageError } from "../../engine/mls/errors"
import { describeError, invalidArgument } from "../errors"
import type { RpcContext } from "./context"

const isTypedRefusal = (error: unknown): boolean =>
  error instanceof KeyPackageError || error instanceof GroupMessageError || error instanceof AssociationError

export async function validated<T>(prefix: string, context: RpcContext, run: () => T | Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (error) {
    if (!isTypedRefusal(error)) context.log.warn(`validator failed unexpectedly (${prefix}): ${describeError(error)}`)
    const code = error instanceof Error && "code" in error && typeof error.code === "string" ? ` [${error.code}]` : ""
    throw invalidArgument(`${prefix}: ${describeError(error)}${code}`)
  }
}
