// Byte limits of the display metadata (libxmtp groups/mod.rs MAX_GROUP_NAME_LENGTH and friends):
// the update APIs refuse longer values (CONST-02) and receivers refuse commits carrying them
// (CONST-03); creation does not check them (CONST-04). Lengths are UTF-8 bytes, as Rust's
// String::len counts them, and a value of exactly the limit is accepted.
import { METADATA_FIELD } from "./extensions/index"

export const METADATA_LIMITS: Readonly<Record<string, number>> = {
  [METADATA_FIELD.groupName]: 100,
  [METADATA_FIELD.description]: 1000,
  [METADATA_FIELD.groupImageUrlSquare]: 2048,
  [METADATA_FIELD.appData]: 8192,
}

/** The limit `value` exceeds for `fieldName`, or undefined when it fits (or the field has none). */
export function exceededMetadataLimit(fieldName: string, value: string): number | undefined {
  const limit = METADATA_LIMITS[fieldName]
  return limit !== undefined && Buffer.byteLength(value, "utf8") > limit ? limit : undefined
}

/** libxmtp's TooManyCharacters message. */
export const tooManyCharactersMessage = (limit: number): string => `Exceeded max characters for this field. Must be under: ${limit}`
