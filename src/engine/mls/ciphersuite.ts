// The one MLS ciphersuite XMTP uses, the crypto provider behind it, and the client configuration
// XMTP's clients run with. Everything that needs a CiphersuiteImpl or a ClientConfig gets it
// here, so the provider and the policy can change in one place.
import {
  defaultKeyPackageEqualityConfig,
  defaultKeyRetentionConfig,
  defaultLifetimeConfig,
  defaultPaddingConfig,
  getCiphersuiteImpl,
  type CiphersuiteImpl,
  type ClientConfig,
  type KeyRetentionConfig,
} from "ts-mls"
import { nodeCryptoProvider } from "./cryptoProvider"

export const XMTP_CIPHERSUITE_NAME = "MLS_128_DHKEMX25519_CHACHA20POLY1305_SHA256_Ed25519" as const
export const XMTP_CIPHERSUITE_ID = 3

/**
 * Past epochs whose secrets are kept to decrypt late messages: libxmtp's MAX_PAST_EPOCHS
 * (crates/xmtp_configuration/src/common/mls.rs), passed to OpenMLS as max_past_epochs.
 */
export const XMTP_MAX_PAST_EPOCHS = 3

export const xmtpKeyRetentionConfig: KeyRetentionConfig = {
  ...defaultKeyRetentionConfig,
  retainKeysForEpochs: XMTP_MAX_PAST_EPOCHS,
}

/** ts-mls's defaults with XMTP's epoch retention. */
export const xmtpClientConfig: ClientConfig = {
  keyRetentionConfig: xmtpKeyRetentionConfig,
  lifetimeConfig: defaultLifetimeConfig,
  keyPackageEqualityConfig: defaultKeyPackageEqualityConfig,
  paddingConfig: defaultPaddingConfig,
}

let cached: Promise<CiphersuiteImpl> | undefined

/** The ciphersuite implementation shared by the whole process (created once). */
export function xmtpCiphersuite(): Promise<CiphersuiteImpl> {
  cached ??= getCiphersuiteImpl(XMTP_CIPHERSUITE_NAME, nodeCryptoProvider)
  return cached
}
