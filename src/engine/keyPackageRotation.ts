// Replacing this installation's published key package (libxmtp node-bindings-1.10.0:
// identity.rs rotate_and_upload_key_package, worker/key_package_cleaner.rs, KP-02). A new key
// package is stored with its private keys (X-Wing seed included) before it is uploaded; once the
// node has it, every older key package gets a deletion time one retention window ahead (senders
// may still hold the old one) and the next rotation moves 30 days out. A maintenance pass turns a
// welcome-triggered request into a rotation 5 s later, deletes keys whose time has come, and
// rotates when due.
import { encode, privateKeyPackageEncoder } from "ts-mls"
import type { GroupContext } from "./groups/context"
import type { KeyPackageRotationPolicy } from "./keyPackageRotationPolicy"
import { createXmtpKeyPackage } from "./mls/keyPackageCreation"
import { welcomeRecipientOf } from "./mls/welcomeWrapper"
import type { StoredKeyPackage } from "./storage/keyPackages"

const KEY_PACKAGE_LOCK = "key-packages"

export interface KeyPackageMaintenanceReport {
  /** Key packages whose private keys were deleted. */
  deleted: number
  /** The key package uploaded by this pass, if it rotated. */
  rotatedTo?: Uint8Array
}

/**
 * Uploads a fresh key package and schedules the older ones' deletion; returns its KeyPackageRef.
 * Throws ApiError when the upload fails (the stored key package is then reused by the next call).
 */
export async function publishKeyPackage(ctx: GroupContext, policy: KeyPackageRotationPolicy, signal?: AbortSignal): Promise<Uint8Array> {
  return ctx.locks.run(KEY_PACKAGE_LOCK, async () => {
    const keyPackage = unpublishedKeyPackage(ctx, policy) ?? (await createAndStoreKeyPackage(ctx, policy))
    await ctx.api.mls.uploadKeyPackage({ keyPackageTlsSerialized: keyPackage.keyPackage, isInboxIdCredential: true }, signal ? { signal } : undefined)
    const now = policy.now()
    ctx.db.transaction(() => {
      ctx.db.keyPackages.markUploaded(keyPackage.keyPackageRef, now)
      ctx.db.keyPackages.scheduleDeletionOfAllBut(keyPackage.keyPackageRef, now + policy.retentionNs)
      ctx.db.keyPackages.rescheduleRotationIfDue(now, now + policy.rotationIntervalNs)
    })
    return keyPackage.keyPackageRef
  })
}

/** One maintenance pass (the body of libxmtp's key package worker loop, plus the queued request). */
export async function maintainKeyPackages(ctx: GroupContext, policy: KeyPackageRotationPolicy, signal?: AbortSignal): Promise<KeyPackageMaintenanceReport> {
  const now = policy.now()
  const table = ctx.db.keyPackages
  table.applyRotationRequest(now + policy.queueIntervalNs)
  const deleted = table.deleteDue(now)
  const { nextRotationNs } = table.rotationSchedule()
  if (nextRotationNs !== undefined && nextRotationNs > now) return { deleted }
  return { deleted, rotatedTo: await publishKeyPackage(ctx, policy, signal) }
}

/**
 * The newest key package when it was stored but its upload never confirmed (a failed upload, a
 * crash in between) and it is young enough to serve a full rotation interval: uploading it again
 * is safe, where a new one per failed attempt would pile up private keys during an outage.
 */
function unpublishedKeyPackage(ctx: GroupContext, policy: KeyPackageRotationPolicy): StoredKeyPackage | undefined {
  const newest = ctx.db.keyPackages.newest()
  if (!newest || newest.uploadedAtNs !== undefined || newest.deleteAtNs !== undefined) return undefined
  return newest.createdAtNs + policy.rotationIntervalNs > policy.now() ? newest : undefined
}

async function createAndStoreKeyPackage(ctx: GroupContext, policy: KeyPackageRotationPolicy): Promise<StoredKeyPackage> {
  const created = await createXmtpKeyPackage({ inboxId: ctx.inboxId, installationSignatureKeyPair: ctx.installation })
  const stored: StoredKeyPackage = {
    keyPackageRef: created.keyPackageRef,
    initPublicKey: created.keyPackage.initKey,
    ...(created.xwingPrivateKey ? { xwing: { publicKey: welcomeRecipientOf(created.keyPackage).hpkePublicKey, privateKey: created.xwingPrivateKey } } : {}),
    keyPackage: created.keyPackageBytes,
    privateKeyPackage: encode(privateKeyPackageEncoder, created.privateKeyPackage),
    createdAtNs: policy.now(),
  }
  ctx.db.keyPackages.insert(stored)
  return stored
}
