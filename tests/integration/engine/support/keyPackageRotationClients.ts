// Parley clients whose key package maintenance runs on a clock the test moves (every schedule
// decision reads it, so a day passes in one call), with a fast real-time tick so a due rotation
// happens promptly; plus views of what the node serves and what the client's database holds.
import { decode, keyPackageDecoder } from "ts-mls"
import type { ApiClient, WelcomeMessage } from "../../../../src/engine/api/index"
import { Client, type ClientOptions } from "../../../../src/engine/index"
import type { KeyPackageMaintenanceReport } from "../../../../src/engine/keyPackageRotation"
import type { KeyPackageRotationError } from "../../../../src/engine/keyPackageRotationErrors"
import { welcomeRecipientOf } from "../../../../src/engine/mls/welcomeWrapper"
import { ClientDatabase } from "../../../../src/engine/storage/clientDatabase"
import type { KeyPackageRotationSchedule, StoredKeyPackage } from "../../../../src/engine/storage/keyPackages"
import { nowNs } from "../../../../src/engine/storage/rows"
import { pollUntil } from "../../../interop/support/deadline"
import type { ClientProfile } from "./engineHarness"

export const NS_PER_SECOND = 1_000_000_000n

export class ManualClock {
  private t = nowNs()
  readonly now = (): bigint => this.t
  advance(ns: bigint): void {
    this.t += ns
  }
}

/** A client's maintenance passes and errors, as its listeners report them. */
export class MaintenanceLog {
  readonly passes: KeyPackageMaintenanceReport[] = []
  readonly errors: KeyPackageRotationError[] = []

  /** Resolves once `count` more passes have ended, so at least `count - 1` started after this call. */
  async morePasses(count: number): Promise<void> {
    const target = this.passes.length + count
    await pollUntil(`${count} more key package maintenance passes`, () => this.passes.length >= target, { intervalMs: 10 })
  }
}

export async function openWithClock(
  address: string,
  profile: ClientProfile,
  clock: ManualClock,
  log: MaintenanceLog,
  extra: Partial<ClientOptions> = {},
): Promise<Client> {
  return Client.create(profile.signer, {
    apiUrl: address,
    dbPath: profile.dbPath,
    dbEncryptionKey: profile.dbEncryptionKey,
    ...extra,
    keyPackageRotation: {
      now: clock.now,
      maintenanceIntervalMs: 20,
      onPass: (report) => log.passes.push(report),
      onError: (error) => log.errors.push(error),
    },
  })
}

/** The key package the node hands to anyone adding `client`. */
export async function servedKeyPackage(api: ApiClient, client: Client): Promise<Uint8Array> {
  const [bytes] = await api.mls.fetchKeyPackages([client.installationIdBytes])
  if (!bytes) throw new Error(`the node serves no key package for ${client.installationId}`)
  return bytes
}

/** The key a welcome to this key package is sealed to (its X-Wing key when it offers 0xff03). */
export function welcomeKeyOf(keyPackageBytes: Uint8Array): { hpkePublicKey: Uint8Array; wrapperAlgorithm: string } {
  const keyPackage = decode(keyPackageDecoder, keyPackageBytes)
  if (!keyPackage) throw new Error("the served key package does not decode")
  const { hpkePublicKey, wrapperAlgorithm } = welcomeRecipientOf(keyPackage)
  return { hpkePublicKey, wrapperAlgorithm }
}

export interface StoredRotationState {
  schedule: KeyPackageRotationSchedule
  /** The key package stored last (the published one, or one whose upload is pending). */
  newest: StoredKeyPackage | undefined
  /** The stored key package a welcome sealed to this key would open with, if it is still kept. */
  keyPackageFor: (hpkePublicKey: Uint8Array) => StoredKeyPackage | undefined
}

/** Reads a client's database through a second connection (WAL lets it read beside the client). */
export function storedRotationState(profile: ClientProfile, ...welcomeKeys: Uint8Array[]): StoredRotationState {
  const db = ClientDatabase.open(profile.dbPath, profile.dbEncryptionKey)
  try {
    const found = new Map(welcomeKeys.map((key) => [Buffer.from(key).toString("hex"), db.keyPackages.findByWelcomeKey(key)]))
    return {
      schedule: db.keyPackages.rotationSchedule(),
      newest: db.keyPackages.newest(),
      keyPackageFor: (key) => found.get(Buffer.from(key).toString("hex")),
    }
  } finally {
    db.close()
  }
}

/** Every welcome the node holds for the client's installation, oldest first. */
export async function welcomesTo(api: ApiClient, client: Client): Promise<WelcomeMessage[]> {
  return api.mls.queryAllWelcomeMessages(client.installationIdBytes)
}
