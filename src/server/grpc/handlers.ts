// Turns the node's RPCs into grpc-js handlers: one debug line per call (method, summary, status,
// duration), typed errors to their status, anything else to INTERNAL (and logged as a bug), and
// every call tracked for shutdown.
import type {
  handleServerStreamingCall,
  handleUnaryCall,
  ServiceDefinition,
  UntypedServiceImplementation,
} from "@grpc/grpc-js"
import { describeError, RpcError } from "../errors"
import type { Logger } from "../logger"
import type { RpcContext, RpcService, StreamRpc, UnaryRpc } from "../rpc/context"
import { CallSink } from "./callSink"
import type { CallTracker } from "./callTracker"

export const SHUTTING_DOWN = (): RpcError => new RpcError("UNAVAILABLE", "service is shutting down")

interface HandlerDeps {
  context: RpcContext
  tracker: CallTracker
  log: Logger
}

function asRpcError(error: unknown, method: string, log: Logger): RpcError {
  if (error instanceof RpcError) return error
  log.error(`${method} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
  return new RpcError("INTERNAL", `internal error: ${describeError(error)}`)
}

function summarise<Request>(describe: (request: Request) => string, request: Request): string {
  try {
    return describe(request)
  } catch {
    return "(undescribable request)"
  }
}

function logLine(log: Logger, method: string, summary: string, outcome: string, started: number): void {
  const ms = (performance.now() - started).toFixed(1)
  log.debug(`${method}${summary ? ` ${summary}` : ""} -> ${outcome} ${ms}ms`)
}

function unaryHandler<Request, Response>(
  method: string,
  rpc: UnaryRpc<Request, Response>,
  { context, tracker, log }: HandlerDeps,
): handleUnaryCall<Request, Response> {
  return (call, callback) => {
    const started = performance.now()
    const summary = summarise(rpc.describe, call.request)
    const fail = (error: RpcError) => {
      callback({ code: error.code, details: error.message })
      logLine(log, method, summary, `${error.statusName}: ${error.message}`, started)
    }
    if (!tracker.isAccepting) return fail(SHUTTING_DOWN())
    tracker
      .run(() => rpc.handle(call.request, context))
      .then(
        (response) => {
          callback(null, response)
          logLine(log, method, summary, "OK", started)
        },
        (error: unknown) => fail(asRpcError(error, method, log)),
      )
  }
}

function streamHandler<Request, Response>(
  method: string,
  rpc: StreamRpc<Request, Response>,
  { context, tracker, log }: HandlerDeps,
): handleServerStreamingCall<Request, Response> {
  return (call) => {
    const started = performance.now()
    const summary = summarise(rpc.describe, call.request)
    const sink = new CallSink(call)
    if (!tracker.isAccepting) {
      sink.end(SHUTTING_DOWN())
      return logLine(log, method, summary, "UNAVAILABLE", started)
    }
    const unregister = tracker.openStream((reason) => sink.end(reason))
    tracker
      .run(() => rpc.handle(call.request, sink, context))
      .then(
        (result) => {
          sink.end()
          return result
        },
        (error: unknown) => {
          const rpcError = asRpcError(error, method, log)
          sink.end(rpcError)
          return rpcError.message
        },
      )
      .then((result) => {
        unregister()
        logLine(log, method, `${summary}: ${result}`, sink.outcome ?? "OK", started)
      })
  }
}

/** grpc-js service definitions and implementations for the node's services. */
export function grpcServices(
  services: RpcService[],
  deps: HandlerDeps,
): { definition: ServiceDefinition; implementation: UntypedServiceImplementation }[] {
  return services.map((service) => {
    const definition: Record<string, ServiceDefinition[string]> = {}
    const implementation: UntypedServiceImplementation = {}
    const shortService = service.name.split(".").at(-1) ?? service.name
    for (const [name, rpc] of Object.entries(service.rpcs)) {
      const method = `${shortService}/${name}`
      definition[name] = rpc.definition
      implementation[name] =
        rpc.kind === "unary" ? unaryHandler(method, rpc, deps) : streamHandler(method, rpc, deps)
    }
    return { definition, implementation }
  })
}
