// Client profiles for the engine benchmark: a wallet, a database file and its key, which is all a
// worker needs to register a new installation or reopen one an earlier worker created.
import { randomBytes, randomUUID } from "node:crypto"
import { join } from "node:path"
import { createEoaSigner, type EoaSigner } from "../../src/engine/identity/signers"
import type { BenchClientKind, ClientProfile } from "./engineBenchProtocol"

export function newProfile(kind: BenchClientKind, dir: string, label: string): ClientProfile {
  return {
    kind,
    privateKeyHex: Buffer.from(createEoaSigner().privateKey).toString("hex"),
    dbPath: join(dir, `${label}-${randomUUID()}.${kind}.db`),
    dbKeyHex: randomBytes(32).toString("hex"),
  }
}

/** The wallet and database key a profile names. */
export function profileSecrets(profile: ClientProfile): { signer: EoaSigner; dbKey: Uint8Array } {
  return {
    signer: createEoaSigner(Buffer.from(profile.privateKeyHex, "hex")),
    dbKey: new Uint8Array(Buffer.from(profile.dbKeyHex, "hex")),
  }
}
