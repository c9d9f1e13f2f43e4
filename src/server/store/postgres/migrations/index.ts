// The Postgres node database's migrations, oldest first. Append only: a released migration never
// changes. They mirror the SQLite migrations in meaning, not in SQL.
import type { Migration } from "../../../../engine/storage/migrate"
import { initialSchema } from "./0001_initial"

export const postgresNodeMigrations: readonly Migration[] = [initialSchema]
