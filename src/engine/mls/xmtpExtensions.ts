// XMTP's MLS extension ids, the capabilities its key packages advertise and its groups require,
// and key package lifetimes: the one place these protocol constants live.
// Reference: libxmtp node-bindings-1.10.0, crates/xmtp_configuration/src/common/metadata.rs (ids),
// crates/xmtp_mls/src/identity.rs (XmtpKeyPackageBuilder::build), crates/xmtp_mls/src/groups/mod.rs
// (build_group_config), crates/xmtp_configuration/src/common/mls.rs (rotation).

/** MLS extension types (RFC 9420 section 17.3 and OpenMLS) that XMTP uses. */
export const MLS_EXTENSION = {
  applicationId: 0x0001,
  ratchetTree: 0x0002,
  requiredCapabilities: 0x0003,
  externalPub: 0x0004,
  externalSenders: 0x0005,
  /** OpenMLS's AppDataDictionary (draft extensions, enabled in libxmtp's build). */
  appDataDictionary: 0x0006,
  lastResort: 0x000a,
} as const

/**
 * Extension types RFC 9420 calls default (OpenMLS ExtensionType::is_default): every leaf supports
 * them without listing them in its capabilities.
 */
export const DEFAULT_EXTENSION_TYPES: ReadonlySet<number> = new Set([
  MLS_EXTENSION.applicationId,
  MLS_EXTENSION.ratchetTree,
  MLS_EXTENSION.requiredCapabilities,
  MLS_EXTENSION.externalPub,
  MLS_EXTENSION.externalSenders,
])
/** Proposal types 1-7 (Add .. GroupContextExtensions), default likewise (ProposalType::is_default). */
export const DEFAULT_PROPOSAL_TYPES: ReadonlySet<number> = new Set([1, 2, 3, 4, 5, 6, 7])

/** RFC 9420 section 13.5 GREASE values 0x0A0A, 0x1A1A, .. 0xEAEA (openmls_traits grease.rs). */
export function isGreaseValue(value: number): boolean {
  return (value & 0x0f0f) === 0x0a0a && value >> 12 === ((value >> 4) & 0x0f) && value !== 0xfafa
}

/** An extension type as error messages show it, e.g. 0xff03. */
export function extensionTypeName(type: number): string {
  return `0x${type.toString(16).padStart(4, "0")}`
}

/** XMTP's own extension types. */
export const XMTP_EXTENSION = {
  /** Group context: protobuf GroupMetadataV1, fixed at creation (OpenMLS's ImmutableMetadata). */
  immutableMetadata: 0xf000,
  /** Group context: protobuf GroupMutableMetadataV1. */
  mutableMetadata: 0xff00,
  /** Group context: protobuf GroupMembership (inbox id -> identity sequence id). */
  groupMembership: 0xff01,
  /** Group context: protobuf PolicySet (group permissions). */
  groupPermissions: 0xff02,
  /**
   * Key package: protobuf WelcomeWrapperEncryption { pub_key, algorithm }, the post-quantum
   * (X-Wing) public key welcomes are wrapped to. Named WELCOME_WRAPPER_ENCRYPTION_EXTENSION_ID.
   */
  welcomeWrapperEncryption: 0xff03,
  /**
   * Key package: protobuf WelcomePointeeEncryptionAeadTypesExtension, the AEADs the installation
   * accepts for welcome pointers. Named WELCOME_POINTEE_ENCRYPTION_AEAD_TYPES_EXTENSION_ID.
   */
  welcomePointeeEncryptionAeadTypes: 0xff04,
  /** Advertised only when BROADCAST_PROPOSAL_SUPPORT is on, which production builds leave off. */
  proposalSupport: 0xff05,
} as const

/** MLS proposal type GroupContextExtensions (RFC 9420 section 17.4). */
export const GROUP_CONTEXT_EXTENSIONS_PROPOSAL = 0x0007
/** MLS credential type Basic (RFC 9420 section 17.5). */
export const BASIC_CREDENTIAL = 0x0001

/**
 * The 0xff04 payload libxmtp puts in every key package: WelcomePointeeEncryptionAeadTypesExtension
 * { supported_aead_types: [CHACHA20_POLY1305 (3)] }, packed.
 */
export const WELCOME_POINTEE_AEAD_TYPES_CHACHA20POLY1305 = Uint8Array.of(0x0a, 0x01, 0x03)

/**
 * Extension types a libxmtp key package's leaf node advertises, in the order the SDK's 1.10.0
 * binary writes them (captured from its UploadKeyPackage; identity.rs at the tag lists
 * ImmutableMetadata third, the shipped binary puts it last).
 */
export const KEY_PACKAGE_CAPABILITY_EXTENSIONS: readonly number[] = [
  MLS_EXTENSION.lastResort,
  MLS_EXTENSION.applicationId,
  XMTP_EXTENSION.groupPermissions,
  XMTP_EXTENSION.mutableMetadata,
  XMTP_EXTENSION.groupMembership,
  XMTP_EXTENSION.welcomeWrapperEncryption,
  XMTP_EXTENSION.welcomePointeeEncryptionAeadTypes,
  XMTP_EXTENSION.immutableMetadata,
]
/** Proposal types a libxmtp key package advertises. */
export const KEY_PACKAGE_CAPABILITY_PROPOSALS: readonly number[] = [GROUP_CONTEXT_EXTENSIONS_PROPOSAL]
/** Credential types a libxmtp key package advertises (OpenMLS's default). */
export const KEY_PACKAGE_CAPABILITY_CREDENTIALS: readonly number[] = [BASIC_CREDENTIAL]

/** The RequiredCapabilities every XMTP group carries in its context, in libxmtp's order. */
export const GROUP_REQUIRED_CAPABILITIES = {
  extensionTypes: [
    XMTP_EXTENSION.groupMembership,
    XMTP_EXTENSION.mutableMetadata,
    XMTP_EXTENSION.groupPermissions,
    XMTP_EXTENSION.immutableMetadata,
    MLS_EXTENSION.lastResort,
    MLS_EXTENSION.applicationId,
  ] as readonly number[],
  proposalTypes: [GROUP_CONTEXT_EXTENSIONS_PROPOSAL] as readonly number[],
  credentialTypes: [BASIC_CREDENTIAL] as readonly number[],
}

const SECONDS_PER_DAY = 24 * 60 * 60

/** How often an installation uploads a fresh key package (KEY_PACKAGE_ROTATION_INTERVAL_NS). */
export const KEY_PACKAGE_ROTATION_SECONDS = 30 * SECONDS_PER_DAY
/**
 * libxmtp leaves the lifetime to OpenMLS's default: valid from one hour before creation (clock
 * skew margin) to 3 x 28 days after it (openmls key_packages/lifetime.rs).
 */
export const KEY_PACKAGE_LIFETIME_SECONDS = 3 * 28 * SECONDS_PER_DAY
export const KEY_PACKAGE_NOT_BEFORE_MARGIN_SECONDS = 60 * 60
