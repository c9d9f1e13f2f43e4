// A two-member ts-mls group with XMTP's RequiredCapabilities, built from Parley key packages: the
// creator adds the joiner by commit and the joiner joins from the welcome with its stored private
// keys. Tests use it to prove those keys work and to obtain real MLS messages of every wire format.
import {
  createCommit,
  createGroup,
  defaultProposalTypes,
  joinGroup,
  unsafeTestingAuthenticationService,
  type ClientState,
  type CreateCommitResult,
  type MlsContext,
} from "ts-mls"
import { xmtpCiphersuite, xmtpClientConfig } from "../../../../src/engine/mls/ciphersuite"
import { GROUP_REQUIRED_CAPABILITIES } from "../../../../src/engine/mls/xmtpExtensions"
import type { Fixture } from "./keyPackageFixtures"

export interface TwoMemberGroup {
  context: MlsContext
  creator: ClientState
  joiner: ClientState
  addCommit: CreateCommitResult
}

export async function mlsContext(): Promise<MlsContext> {
  return { cipherSuite: await xmtpCiphersuite(), authService: unsafeTestingAuthenticationService, clientConfig: xmtpClientConfig }
}

export async function twoMemberGroup(creatorKp: Fixture, joinerKp: Fixture): Promise<TwoMemberGroup> {
  const context = await mlsContext()
  const initial = await createGroup({
    context,
    groupId: new TextEncoder().encode("parley-test-group"),
    keyPackage: creatorKp.keyPackage,
    privateKeyPackage: creatorKp.privateKeyPackage,
    extensions: [
      {
        extensionType: 3,
        extensionData: {
          extensionTypes: [...GROUP_REQUIRED_CAPABILITIES.extensionTypes],
          proposalTypes: [...GROUP_REQUIRED_CAPABILITIES.proposalTypes],
          credentialTypes: [...GROUP_REQUIRED_CAPABILITIES.credentialTypes],
        },
      },
    ],
  })
  const addCommit = await createCommit({
    context,
    state: initial,
    ratchetTreeExtension: true,
    extraProposals: [{ proposalType: defaultProposalTypes.add, add: { keyPackage: joinerKp.keyPackage } }],
  })
  if (!addCommit.welcome) throw new Error("an add commit must produce a welcome")
  const joiner = await joinGroup({
    context,
    welcome: addCommit.welcome.welcome,
    keyPackage: joinerKp.keyPackage,
    privateKeys: joinerKp.privateKeyPackage,
  })
  return { context, creator: addCommit.newState, joiner, addCommit }
}
