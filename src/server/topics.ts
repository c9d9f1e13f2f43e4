// The production node's topic names: how a group's messages and an installation's welcomes are
// addressed inside the node.
const hex = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex")

export const groupTopic = (groupId: Uint8Array): string => `/xmtp/mls/1/g-${hex(groupId)}/proto`

export const welcomeTopic = (installationKey: Uint8Array): string => `/xmtp/mls/1/w-${hex(installationKey)}/proto`

/** A short hex prefix of an id, for log lines. */
export const shortHex = (bytes: Uint8Array): string => (bytes.length === 0 ? "(empty)" : hex(bytes.subarray(0, 6)))
