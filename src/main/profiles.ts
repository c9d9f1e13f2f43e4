// Profiles: separate Parley identities on one machine, chosen with `--profile NAME`. Each has its
// own data directory under the app's data directory and its own keychain entry.
import { mkdir, readdir } from "node:fs/promises"
import { join } from "node:path"
import { z } from "zod"
import { profileNameSchema } from "../shared/dto/app"

export const DEFAULT_PROFILE = "default"
/** The command-line flag that selects a profile. */
export const PROFILE_FLAG = "--profile"
const FLAG = PROFILE_FLAG

export type ProfileErrorCode =
  /** The name is not a valid profile name. */
  | "InvalidName"
  /** `--profile` was given without a name. */
  | "MissingName"
  /** `--profile` was given more than once with different names. */
  | "Conflicting"

export class ProfileError extends Error {
  override readonly name = "ProfileError"
  constructor(
    readonly code: ProfileErrorCode,
    message: string,
  ) {
    super(message)
  }
}

/** The name itself when it is a valid profile name; ProfileError "InvalidName" otherwise. */
export function validateProfileName(name: string): string {
  const parsed = profileNameSchema.safeParse(name)
  if (parsed.success) return parsed.data
  throw new ProfileError("InvalidName", `"${name}" is not a valid profile name: ${z.prettifyError(parsed.error).replace(/^✖ /, "")}.`)
}

/**
 * The profile a command line selects: `--profile NAME` or `--profile=NAME`, "default" without the
 * flag. A bad or missing name is an error rather than a silent fall back to "default", which would
 * open the wrong account.
 */
export function profileFromArgv(argv: readonly string[]): string {
  const names: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg === FLAG) {
      const value = argv[i + 1]
      if (value === undefined || value.startsWith("-")) {
        throw new ProfileError("MissingName", `${FLAG} needs a profile name, for example: ${FLAG} work`)
      }
      names.push(value)
      i++
    } else if (arg.startsWith(`${FLAG}=`)) {
      names.push(arg.slice(FLAG.length + 1))
    }
  }
  const distinct = [...new Set(names)]
  if (distinct.length > 1) {
    throw new ProfileError("Conflicting", `${FLAG} was given more than once (${distinct.join(", ")}); give it once.`)
  }
  return validateProfileName(distinct[0] ?? DEFAULT_PROFILE)
}

/** The profiles' data directories: `<appDataDir>/profiles/<name>`. */
export class ProfileDirectories {
  readonly root: string

  constructor(appDataDir: string) {
    this.root = join(appDataDir, "profiles")
  }

  dataDir(profile: string): string {
    return join(this.root, validateProfileName(profile))
  }

  /** Creates the profile's data directory (private to the user) and returns its path. */
  async ensure(profile: string): Promise<string> {
    const dir = this.dataDir(profile)
    await mkdir(dir, { recursive: true, mode: 0o700 })
    return dir
  }

  /** The profiles that have a data directory, sorted; entries that are not profiles are ignored. */
  async list(): Promise<string[]> {
    let entries
    try {
      entries = await readdir(this.root, { withFileTypes: true })
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return []
      throw error
    }
    return entries
      .filter((entry) => entry.isDirectory() && profileNameSchema.safeParse(entry.name).success)
      .map((entry) => entry.name)
      .sort()
  }
}
