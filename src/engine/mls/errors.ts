// Typed failures of the MLS layer's input checks. The codes name the rule that failed so a
// rejection can be traced back to libxmtp's KeyPackageVerificationError or to RFC 9420.

export type KeyPackageErrorCode =
  | "Malformed"
  | "UnsupportedProtocolVersion"
  | "UnsupportedCiphersuite"
  | "InvalidSignature"
  | "InvalidLeafSignature"
  | "InitKeyEqualsEncryptionKey"
  | "InvalidExtension"
  | "UnsupportedExtension"
  | "InvalidCredential"
  | "Expired"
  | "NotYetValid"
  | "MissingCapabilities"

export class KeyPackageError extends Error {
  override readonly name = "KeyPackageError"
  constructor(
    readonly code: KeyPackageErrorCode,
    message: string,
  ) {
    super(message)
  }
}

export type GroupMessageErrorCode =
  | "Malformed"
  | "TrailingBytes"
  | "UnsupportedProtocolVersion"
  | "UnexpectedWireFormat"

export class GroupMessageError extends Error {
  override readonly name = "GroupMessageError"
  constructor(
    readonly code: GroupMessageErrorCode,
    message: string,
  ) {
    super(message)
  }
}

export type CredentialErrorCode = "Malformed" | "NotUtf8"

/** An MlsCredential that prost (libxmtp's protobuf decoder) would refuse. */
export class CredentialError extends Error {
  override readonly name = "CredentialError"
  constructor(
    readonly code: CredentialErrorCode,
    message: string,
  ) {
    super(message)
  }
}
