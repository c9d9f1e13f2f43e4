// Building a commit from this installation's state, before any XMTP check. Only the intent
// pipeline (intentPayloads.ts) calls it from the engine, and it validates the result with the
// receivers' rules before anything is sent; tests call it directly to play a member whose client
// skips that check.
import { createCommit, encode, mlsMessageEncoder, type ClientState, type MlsContext, type Proposal } from "ts-mls"

export interface BuiltCommit {
  /** The commit as an MLSMessage (a PrivateMessage). */
  commit: Uint8Array
  /** The group once the commit is merged. */
  newState: ClientState
  /** The state to keep if the commit is never merged (its handshake generation marked spent). */
  stateIfDiscarded: ClientState
  /** The Welcome for added members, as an MLSMessage. */
  welcome?: Uint8Array
}

export async function createUnvalidatedCommit(mls: MlsContext, state: ClientState, proposals: Proposal[]): Promise<BuiltCommit> {
  // XMTP ships the ratchet tree inside welcomes (CREATE-10).
  const result = await createCommit({ context: mls, state, extraProposals: proposals, ratchetTreeExtension: true })
  return {
    commit: encode(mlsMessageEncoder, result.commit),
    newState: result.newState,
    stateIfDiscarded: result.stateIfDiscarded,
    ...(result.welcome ? { welcome: encode(mlsMessageEncoder, result.welcome) } : {}),
  }
}
