export type StorageErrorCode =
  | "InvalidKey" // the key is not 32 bytes
  | "WrongKey" // the file is encrypted under another key, or is not a database at all
  | "NotEncrypted" // the file is a plaintext SQLite database
  | "NewerSchema" // the file was written by a newer Parley
  | "MigrationFailed"

const messages: Record<StorageErrorCode, string> = {
  InvalidKey: "The database key must be 32 bytes.",
  WrongKey: "This database cannot be opened with the given key (wrong key, or not a Parley database). The file was left untouched.",
  NotEncrypted: "This database file is not encrypted; Parley refuses to use plaintext storage. The file was left untouched.",
  NewerSchema: "This database was written by a newer version of Parley; update Parley to open it.",
  MigrationFailed: "Upgrading the database failed; nothing was changed.",
}

export class StorageError extends Error {
  override readonly name = "StorageError"
  constructor(
    readonly code: StorageErrorCode,
    readonly path: string,
    options?: { cause?: unknown },
  ) {
    super(`${messages[code]} (${path})`, options)
  }
}
