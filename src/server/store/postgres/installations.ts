// The installations table on Postgres: each installation's current key package. A new upload
// replaces the previous one (node-go CreateOrUpdateInstallation).
import { hexOf, type Queryable } from "./sql"

export async function saveKeyPackage(db: Queryable, installationKey: Uint8Array, keyPackage: Uint8Array, nowNs: bigint): Promise<void> {
  await db.query(
    `INSERT INTO installations (id, created_ns, updated_ns, key_package) VALUES ($1, $2, $2, $3)
     ON CONFLICT (id) DO UPDATE SET key_package = excluded.key_package, updated_ns = excluded.updated_ns`,
    [installationKey, nowNs, keyPackage],
  )
}

/** node-go FetchKeyPackages: one query, answers matched back to the request order. */
export async function fetchKeyPackages(db: Queryable, installationKeys: Uint8Array[]): Promise<(Uint8Array | undefined)[]> {
  const { rows } = await db.query<{ id: Buffer; key_package: Buffer }>(
    "SELECT id, key_package FROM installations WHERE id = ANY($1::BYTEA[])",
    [installationKeys],
  )
  const byKey = new Map(rows.map((row) => [hexOf(row.id), row.key_package]))
  return installationKeys.map((key) => byKey.get(hexOf(key)))
}
