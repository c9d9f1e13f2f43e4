// The one MLS ciphersuite XMTP uses, and the crypto provider behind it. Everything that needs a
// CiphersuiteImpl gets it here, so the provider can change in one place.
import { getCiphersuiteImpl, type CiphersuiteImpl } from "ts-mls"

export const XMTP_CIPHERSUITE_NAME = "MLS_128_DHKEMX25519_CHACHA20POLY1305_SHA256_Ed25519" as const
export const XMTP_CIPHERSUITE_ID = 3

let cached: Promise<CiphersuiteImpl> | undefined

/** The ciphersuite implementation shared by the whole process (created once). */
export function xmtpCiphersuite(): Promise<CiphersuiteImpl> {
  cached ??= getCiphersuiteImpl(XMTP_CIPHERSUITE_NAME)
  return cached
}
