// Key packages for tests: Parley's own (createXmtpKeyPackage), and variants of one edited field by
// field and signed again with the installation key, so each validation rule can be reached alone.
import { encode, keyPackageDecoder, keyPackageEncoder, type KeyPackage } from "ts-mls"
import { createInstallationKey, type InstallationKey } from "../../../../src/engine/identity/installationKey"
import { xmtpCiphersuite } from "../../../../src/engine/mls/ciphersuite"
import { createXmtpKeyPackage, type XmtpKeyPackage } from "../../../../src/engine/mls/keyPackageCreation"
import { keyPackageSignedSpans, signContent } from "../../../../src/engine/mls/keyPackageLayout"

export const INBOX_ID = "beacbc83fa404629adcd51dcd77ea959a8958bf10b209530df5f89c15493aa8f"

export interface Fixture extends XmtpKeyPackage {
  installation: InstallationKey
  createdAt: Date
}

/** Parley's key package; without the X-Wing key unless asked, so edits start from a small base. */
export async function ownKeyPackage(createdAt = new Date(), inboxId = INBOX_ID, offerXWingWelcomeKey = false): Promise<Fixture> {
  const installation = createInstallationKey()
  const created = await createXmtpKeyPackage({ inboxId, installationSignatureKeyPair: installation, now: createdAt, offerXWingWelcomeKey })
  return { ...created, installation, createdAt }
}

export function decodeKeyPackage(bytes: Uint8Array): KeyPackage {
  const decoded = keyPackageDecoder(bytes, 0)
  if (!decoded) throw new Error("fixture does not decode")
  return decoded[0]
}

/**
 * Applies `edit` to a copy of the key package and signs it again: the leaf node with `leafKey`
 * and the whole with `packageKey` (both the installation's key unless given), as a sender who
 * controls the installation key could.
 */
export async function resigned(
  fixture: Fixture,
  edit: (kp: KeyPackage) => KeyPackage,
  keys: { leafKey?: Uint8Array; packageKey?: Uint8Array } = {},
): Promise<Uint8Array> {
  const cs = await xmtpCiphersuite()
  const sign = (key: Uint8Array, label: string, content: Uint8Array) => cs.signature.sign(key, signContent(label, content))
  const edited = edit(structuredClone(fixture.keyPackage))
  const leafTbs = keyPackageSignedSpans(encode(keyPackageEncoder, edited), edited).leafNodeTbs
  const leafSigned: KeyPackage = {
    ...edited,
    leafNode: { ...edited.leafNode, signature: await sign(keys.leafKey ?? fixture.installation.privateKey, "LeafNodeTBS", leafTbs) },
  }
  const packageTbs = keyPackageSignedSpans(encode(keyPackageEncoder, leafSigned), leafSigned).keyPackageTbs
  const signed = { ...leafSigned, signature: await sign(keys.packageKey ?? fixture.installation.privateKey, "KeyPackageTBS", packageTbs) }
  return encode(keyPackageEncoder, signed)
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let offset = 0
  for (const part of parts) {
    out.set(part, offset)
    offset += part.length
  }
  return out
}
