// The node database's migrations, oldest first. Append only: a released migration never changes.
import type { Migration } from "../../../../engine/storage/migrate"
import { initialSchema } from "./0001_initial"

export const nodeMigrations: readonly Migration[] = [initialSchema]
