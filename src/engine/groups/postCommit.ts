// After this installation's commit is merged: welcome the installations it added (libxmtp
// mls_sync.rs post_commit / send_welcomes), with the commit's cursor as the welcome's message
// cursor so joiners start reading after it; then the intent is done.
import type { WelcomeMessageInput } from "../api/index"
import { welcomeMessageInputs } from "../mls/welcomeWrapperMessages"
import type { MlsApiTypes } from "../proto/index"
import { IntentState } from "../storage/intents"
import type { GroupContext } from "./context"
import { decodeSendWelcomes } from "./intentData"

/** Call with the group's lock held. */
export async function postCommit(ctx: GroupContext, groupId: Uint8Array): Promise<void> {
  for (const intent of ctx.db.intents.listByState(groupId, [IntentState.Committed])) {
    if (intent.postCommitData) {
      const action = decodeSendWelcomes(intent.postCommitData)
      const inputs = await welcomeMessageInputs({ welcome: action.welcome, messageCursor: intent.sequenceId ?? 0n, recipients: action.recipients })
      await ctx.api.mls.sendWelcomeMessages(inputs.map(toApiInput))
    }
    ctx.db.intents.setProcessed(intent.id)
  }
}

function toApiInput(input: MlsApiTypes.WelcomeMessageInput): WelcomeMessageInput {
  if (input.v1) return { kind: "v1", ...input.v1 }
  if (input.welcomePointer) return { kind: "welcomePointer", ...input.welcomePointer }
  throw new Error("a welcome input with no version")
}
