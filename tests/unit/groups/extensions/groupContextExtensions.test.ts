// The group context extension list of a new group or DM (build_group_config's order and
// RequiredCapabilities), reading it back, and ts-mls carrying it through createGroup, an add
// commit and a join.
import { createCommit, createGroup, defaultProposalTypes, joinGroup } from "ts-mls"
import { describe, expect, it } from "vitest"
import {
  contextExtensions,
  newDmContextExtensions,
  newGroupContextExtensions,
  readXmtpGroupContext,
} from "../../../../src/engine/groups/extensions/groupContextExtensions"
import { METADATA_FIELD } from "../../../../src/engine/groups/extensions/metadataFields"
import { adminsOnlyPolicySet, defaultPolicySet, dmPolicySet } from "../../../../src/engine/groups/extensions/policyPresets"
import { ownKeyPackage } from "../../mls/support/keyPackageFixtures"
import { mlsContext } from "../../mls/support/tsMlsGroup"
import { throwsCode } from "./support"

const SIGNER = new Uint8Array(32).fill(7)

describe("a new group's context extensions", () => {
  it("lists immutable metadata, mutable metadata, membership, permissions, then RequiredCapabilities", () => {
    const extensions = newGroupContextExtensions({ creatorInboxId: "creator", commitLogSigner: SIGNER })
    expect(extensions.map((e) => e.extensionType)).toEqual([0xf000, 0xff00, 0xff01, 0xff02, 3])
    expect(extensions[4]!.extensionData).toEqual({
      extensionTypes: [0xff01, 0xff00, 0xff02, 0xf000, 0x000a, 0x0001],
      proposalTypes: [7],
      credentialTypes: [1],
    })
  })

  it("holds the creator as group creator, sole super admin and sole member at sequence id 0", () => {
    const context = readXmtpGroupContext(
      newGroupContextExtensions({ creatorInboxId: "creator", commitLogSigner: SIGNER, options: { name: "n", appData: "d" }, policySet: adminsOnlyPolicySet() }),
    )
    expect(context.metadata).toEqual({ conversationType: "group", creatorInboxId: "creator", creatorAccountAddress: "" })
    expect(context.mutableMetadata.superAdminList).toEqual(["creator"])
    expect(context.mutableMetadata.attributes.get(METADATA_FIELD.groupName)).toBe("n")
    expect(context.mutableMetadata.attributes.get(METADATA_FIELD.appData)).toBe("d")
    expect([...context.membership.members]).toEqual([["creator", 0n]])
    expect(context.policies).toEqual(adminsOnlyPolicySet())
  })

  it("defaults to the Default policies and a fresh random commit-log signer", () => {
    const first = readXmtpGroupContext(newGroupContextExtensions({ creatorInboxId: "c" }))
    const second = readXmtpGroupContext(newGroupContextExtensions({ creatorInboxId: "c" }))
    expect(first.policies).toEqual(defaultPolicySet())
    const signer = first.mutableMetadata.attributes.get(METADATA_FIELD.commitLogSigner)
    expect(signer).toMatch(/^[0-9a-f]{64}$/)
    expect(second.mutableMetadata.attributes.get(METADATA_FIELD.commitLogSigner)).not.toBe(signer)
  })

  it("gives a DM its members, the DM policies and no super admin", () => {
    const context = readXmtpGroupContext(newDmContextExtensions({ creatorInboxId: "me", peerInboxId: "you", commitLogSigner: SIGNER }))
    expect(context.metadata.dmMembers).toEqual({ memberOneInboxId: "me", memberTwoInboxId: "you" })
    expect(context.mutableMetadata.superAdminList).toEqual([])
    expect(context.policies).toEqual(dmPolicySet())
  })
})

describe("readXmtpGroupContext", () => {
  it("needs each XMTP extension exactly once", () => {
    const extensions = newGroupContextExtensions({ creatorInboxId: "c", commitLogSigner: SIGNER })
    throwsCode(() => readXmtpGroupContext(extensions.filter((e) => e.extensionType !== 0xff02)), "MissingExtension")
    throwsCode(() => readXmtpGroupContext([...extensions, extensions[1]!]), "DuplicateExtension")
  })

  it("re-encodes what it read to the same extension list", () => {
    const extensions = newGroupContextExtensions({ creatorInboxId: "c", commitLogSigner: SIGNER })
    expect(contextExtensions(readXmtpGroupContext(extensions))).toEqual(extensions)
  })
})

describe("through ts-mls", () => {
  it("creates a group with these extensions, adds a member, and the joiner reads the same context", async () => {
    const [creator, joiner] = await Promise.all([ownKeyPackage(), ownKeyPackage()])
    const context = await mlsContext()
    const extensions = newGroupContextExtensions({ creatorInboxId: "creator", commitLogSigner: SIGNER, options: { name: "ts-mls" } })
    const state = await createGroup({
      context,
      groupId: new Uint8Array(16).fill(1),
      keyPackage: creator.keyPackage,
      privateKeyPackage: creator.privateKeyPackage,
      extensions,
    })
    const commit = await createCommit({
      context,
      state,
      ratchetTreeExtension: true,
      extraProposals: [{ proposalType: defaultProposalTypes.add, add: { keyPackage: joiner.keyPackage } }],
    })
    const joined = await joinGroup({ context, welcome: commit.welcome!.welcome, keyPackage: joiner.keyPackage, privateKeys: joiner.privateKeyPackage })
    expect(readXmtpGroupContext(joined.groupContext.extensions)).toEqual(readXmtpGroupContext(extensions))
  })
})
