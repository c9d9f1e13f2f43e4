// parseGroupMessageHeader on real ts-mls messages of every wire format and content type, and on
// damaged copies of them.
import { beforeAll, describe, expect, it } from "vitest"
import {
  createApplicationMessage,
  createCommit,
  createGroupInfoWithExternalPub,
  createProposal,
  defaultProposalTypes,
  encode,
  mlsMessageEncoder,
  protocolVersions,
  wireformats,
  type MlsMessage,
} from "ts-mls"
import { GroupMessageError, type GroupMessageErrorCode } from "../../../src/engine/mls/errors"
import { parseGroupMessageHeader } from "../../../src/engine/mls/groupMessageHeader"
import { concat, ownKeyPackage } from "./support/keyPackageFixtures"
import { twoMemberGroup, type TwoMemberGroup } from "./support/tsMlsGroup"

const wire = (message: MlsMessage) => encode(mlsMessageEncoder, message)

function rejection(bytes: Uint8Array): GroupMessageErrorCode {
  try {
    parseGroupMessageHeader(bytes)
  } catch (error) {
    if (error instanceof GroupMessageError) return error.code
    throw error
  }
  throw new Error("expected parseGroupMessageHeader to reject the bytes")
}

let group: TwoMemberGroup
let groupId: Uint8Array
let privateApplication: Uint8Array

beforeAll(async () => {
  group = await twoMemberGroup(await ownKeyPackage(), await ownKeyPackage())
  groupId = group.creator.groupContext.groupId
  const sent = await createApplicationMessage({ context: group.context, state: group.joiner, message: new TextEncoder().encode("hi") })
  privateApplication = wire(sent.message)
})

describe("parseGroupMessageHeader", () => {
  it("reads a PrivateMessage application message", () => {
    expect(parseGroupMessageHeader(privateApplication)).toEqual({
      groupId,
      epoch: 1n,
      wireFormat: "private",
      contentType: "application",
      isCommit: false,
    })
  })

  it("reads commits and proposals, private and public, and flags both as commits like the reference", async () => {
    const { context, creator } = group
    expect(parseGroupMessageHeader(wire(group.addCommit.commit))).toEqual({
      groupId,
      epoch: 0n,
      wireFormat: "private",
      contentType: "commit",
      isCommit: true,
    })
    const publicCommit = await createCommit({ context, state: creator, wireAsPublicMessage: true })
    expect(parseGroupMessageHeader(wire(publicCommit.commit))).toMatchObject({ epoch: 1n, wireFormat: "public", contentType: "commit", isCommit: true })
    const remove = { proposalType: defaultProposalTypes.remove, remove: { removed: 1 } } as const
    const privateProposal = await createProposal({ context, state: creator, proposal: remove })
    expect(parseGroupMessageHeader(wire(privateProposal.message))).toMatchObject({ wireFormat: "private", contentType: "proposal", isCommit: true })
    const publicProposal = await createProposal({ context, state: creator, proposal: remove, wireAsPublicMessage: true })
    expect(parseGroupMessageHeader(wire(publicProposal.message))).toMatchObject({
      groupId,
      wireFormat: "public",
      contentType: "proposal",
      isCommit: true,
    })
  })

  it("refuses welcomes, group infos and key packages where a group message is expected", async () => {
    const { addCommit, creator, context } = group
    expect(rejection(wire(addCommit.welcome!))).toBe("UnexpectedWireFormat")
    const groupInfo = await createGroupInfoWithExternalPub(creator, [], context.cipherSuite)
    expect(rejection(wire({ version: protocolVersions.mls10, wireformat: wireformats.mls_group_info, groupInfo }))).toBe("UnexpectedWireFormat")
    const { keyPackage } = await ownKeyPackage()
    expect(rejection(wire({ version: protocolVersions.mls10, wireformat: wireformats.mls_key_package, keyPackage }))).toBe(
      "UnexpectedWireFormat",
    )
  })

  it("refuses truncated, extended, re-versioned and mislabelled bytes", () => {
    const bytes = privateApplication
    expect(rejection(bytes.subarray(0, 2))).toBe("Malformed")
    expect(rejection(bytes.subarray(0, bytes.length - 1))).toBe("Malformed")
    expect(rejection(concat(bytes, Uint8Array.of(0)))).toBe("TrailingBytes")
    expect(rejection(concat(Uint8Array.of(0, 2), bytes.subarray(2)))).toBe("UnsupportedProtocolVersion")
    expect(rejection(concat(Uint8Array.of(0, 1, 0, 9), bytes.subarray(4)))).toBe("Malformed")
    // Content type sits after version(2), wire format(2), group_id<V> and epoch(8).
    const contentTypeOffset = 4 + 1 + groupId.length + 8
    expect(bytes[contentTypeOffset]).toBe(1)
    const unknownContentType = Uint8Array.from(bytes)
    unknownContentType[contentTypeOffset] = 4
    expect(rejection(unknownContentType)).toBe("Malformed")
    // group_id's one-byte length prefix rewritten in the two-byte form.
    expect(bytes[4]).toBe(groupId.length)
    expect(rejection(concat(bytes.subarray(0, 4), Uint8Array.of(0x40, groupId.length), bytes.subarray(5)))).toBe("Malformed")
  })
})
