// The benchmark's view of a client, for either kind: Parley's engine or the official SDK. A client
// is opened from a ClientProfile (engineBenchProfiles.ts), so a later worker process can pick up
// an installation an earlier one created.
//
// Each kind lives in its own module, loaded only by the workers that use it: a Parley worker that
// loaded the SDK's native library would carry its memory in its RSS.
import type { BenchClientKind, ClientProfile } from "./engineBenchProtocol"

export interface BenchGroup {
  readonly id: string
  sendText(text: string): Promise<void>
  sync(): Promise<void>
  textCount(): Promise<number>
  memberCount(): Promise<number>
}

/** A running stream of every message the client receives. */
export interface BenchStream {
  end(): Promise<void>
}

export interface BenchClient {
  readonly kind: BenchClientKind
  readonly inboxId: string
  readonly profile: ClientProfile
  createGroup(inboxIds: string[]): Promise<BenchGroup>
  /** Processes welcomes and returns the group `id`; throws if no welcome brought it. */
  joinGroup(id: string): Promise<BenchGroup>
  /** A group the client already holds. */
  group(id: string): Promise<BenchGroup>
  /** Calls `onText` with each text message's content as it arrives. */
  streamTexts(onText: (text: string) => void): Promise<BenchStream>
  close(): Promise<void>
}

export async function openBenchClient(apiUrl: string, profile: ClientProfile): Promise<BenchClient> {
  const { openClient } = profile.kind === "parley" ? await import("./engineBenchParleyClient") : await import("./engineBenchSdkClient")
  return openClient(apiUrl, profile)
}
