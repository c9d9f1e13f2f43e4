// The MLS context groups run with: XMTP's ciphersuite and client config, and an authentication
// service that accepts only XMTP credentials (Basic, identity = MlsCredential). Whether an
// installation really belongs to the inbox it claims is XMTP's own check, made against identity
// updates when a commit or welcome is validated (validatedCommit.ts, welcomeMembership.ts).
import { defaultCredentialTypes, type AuthenticationService, type Credential, type MlsContext } from "ts-mls"
import { xmtpCiphersuite, xmtpClientConfig } from "../mls/ciphersuite"
import { decodeMlsCredential } from "../mls/credential"

export const xmtpAuthenticationService: AuthenticationService = {
  async validateCredential(credential: Credential): Promise<boolean> {
    if (credential.credentialType !== defaultCredentialTypes.basic || !("identity" in credential)) return false
    try {
      return decodeMlsCredential(credential.identity).length > 0
    } catch {
      return false
    }
  },
}

export async function xmtpMlsContext(authService: AuthenticationService = xmtpAuthenticationService): Promise<MlsContext> {
  return { cipherSuite: await xmtpCiphersuite(), authService, clientConfig: xmtpClientConfig }
}

/**
 * An authentication service that remembers the first credential it was asked about. ts-mls
 * 2.0.0-rc.10's joinGroup validates the GroupInfo signer's credential before any other (before
 * it validates the ratchet tree), and the GroupInfo signer is the member who sent the welcome:
 * libxmtp's welcome_sender, recorded as the group's added_by.
 */
export function firstCredentialRecorder(): { service: AuthenticationService; first(): { credential: Credential; publicKey: Uint8Array } | undefined } {
  let first: { credential: Credential; publicKey: Uint8Array } | undefined
  return {
    service: {
      async validateCredential(credential, signaturePublicKey) {
        first ??= { credential, publicKey: signaturePublicKey }
        return xmtpAuthenticationService.validateCredential(credential, signaturePublicKey)
      },
    },
    first: () => first,
  }
}
