// Identity protocol constants (libxmtp 1.10: xmtp_id/src/constants.rs, xmtp_configuration).

/** Ed25519ph context of installation-key signatures over identity updates. Never change it. */
export const INSTALLATION_KEY_SIGNATURE_CONTEXT = new TextEncoder().encode("IDENTITY UPDATE SIGNATURE")

/** The nonce the SDK uses when it registers a new inbox. */
export const DEFAULT_INBOX_NONCE = 1n

/** libxmtp refuses, client side, to register an installation on an inbox that already has this many. */
export const MAX_INSTALLATIONS_PER_INBOX = 10
