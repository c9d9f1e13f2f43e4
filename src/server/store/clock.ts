// Server timestamps in nanoseconds since the Unix epoch, at microsecond resolution (what the
// production node's Postgres TIMESTAMP columns hold).
export function nowNs(): bigint {
  return BigInt(Math.round((performance.timeOrigin + performance.now()) * 1000)) * 1000n
}
