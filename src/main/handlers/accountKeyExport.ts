// `account:exportKey`: the account's private key for the user's backup. It is served where the key
// store lives (main's thread, beside the OS keychain or the web host's key file), never by the
// engine worker, so the key crosses no thread it need not. Only an onboarded profile exports: a
// key the keychain holds before onboarding finished belongs to no account yet. Neither the key
// nor the request's result is ever logged.
import { accountSchema } from "../../shared/dto/account"
import type { IpcHandlerRegistry } from "../ipcHandlers"
import { AccountError } from "./accountErrors"

/** The part of the key store the export needs (KeychainService). */
export interface AccountKeyExporter {
  exportAccountKey(profile: string): Promise<string>
}

/**
 * Registers the export on a registry that serves the profile's account:get (from a ProfileSession
 * in this thread or an EngineHost's worker alike), which tells whether the profile is onboarded.
 */
export function registerAccountKeyExport(registry: IpcHandlerRegistry, profile: string, keys: AccountKeyExporter): IpcHandlerRegistry {
  // The request's argument is the user's confirmation; the contract refuses the request without it.
  return registry.register("account:exportKey", async () => {
    const account = accountSchema.parse(await registry.dispatch("account:get", []))
    if (account.state !== "ready") {
      throw new AccountError("NoAccount", "This profile has no account yet, so there is no account key to export: create or import one first.")
    }
    return keys.exportAccountKey(profile)
  })
}
