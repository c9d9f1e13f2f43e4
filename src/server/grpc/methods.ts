// gRPC method definitions built from the ts-proto codecs: the paths libxmtp calls and how each
// request and response is (de)serialised.
import type { MethodDefinition } from "@grpc/grpc-js"
import { assertWellFormedMessage } from "./wire"

/** The shape every ts-proto message codec has. */
export interface MessageCodec<T> {
  encode(message: T): { finish(): Uint8Array }
  decode(input: Uint8Array): T
}

/** google.protobuf.Empty: no fields to read, but the bytes must still parse as a message. */
export type Empty = Record<string, never>
export const emptyCodec: MessageCodec<Empty> = {
  encode: () => ({ finish: () => new Uint8Array() }),
  decode: (input) => {
    assertWellFormedMessage(input)
    return {}
  },
}

const toBuffer = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)

export function methodDefinition<Request, Response>(
  service: string,
  method: string,
  request: MessageCodec<Request>,
  response: MessageCodec<Response>,
  responseStream = false,
): MethodDefinition<Request, Response> {
  return {
    path: `/${service}/${method}`,
    requestStream: false,
    responseStream,
    requestSerialize: (message) => toBuffer(request.encode(message).finish()),
    requestDeserialize: (bytes) => request.decode(bytes),
    responseSerialize: (message) => toBuffer(response.encode(message).finish()),
    responseDeserialize: (bytes) => response.decode(bytes),
  }
}
