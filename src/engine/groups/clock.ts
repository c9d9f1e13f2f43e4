// Nanosecond timestamps that never repeat within a process: idempotency keys are decimal send
// times (libxmtp's default), so two sends in the same millisecond must still differ.
let last = 0n

export function monotonicNowNs(): bigint {
  const now = BigInt(Date.now()) * 1_000_000n
  last = now > last ? now : last + 1n
  return last
}
