// Where main sends the window (a deep link, a clicked notification, the tray menu): each route
// opens its view, and a target this profile cannot open is explained rather than ignored.
import type { NavigationTarget } from "../../../../shared/dto/navigation"
import { request } from "../../bridge/api"
import { errorMessage } from "../../lib/errors"
import { selectConversation, startDm } from "../../store/actions"
import { notify, upsertConversations, useParley } from "../../store/store"

export async function openTarget(target: NavigationTarget): Promise<void> {
  try {
    switch (target.route) {
      case "conversation": {
        // A link can name a conversation the list has not loaded (or that is not this profile's).
        if (!useParley.getState().conversations[target.conversationId]) upsertConversations([await request("conversations:get", target.conversationId)])
        await selectConversation(target.conversationId)
        return
      }
      case "dm":
        await startDm(target.target)
        return
      case "newMessage":
        useParley.setState({ dialog: "newDm" })
        return
      case "invite":
        useParley.setState({ dialog: "joinInvite", inviteToken: target.token })
        return
    }
  } catch (error) {
    notify("error", `That link could not be opened: ${errorMessage(error)}`)
  }
}
