// The command line a restart of the desktop app runs with: the arguments this run got, minus its
// profile selection and any deep link (already handled, so a restart must not open it again), plus
// `--profile NAME` for the profile to open.
import { DEEP_LINK_SCHEME } from "./deepLinks"
import { PROFILE_FLAG, validateProfileName } from "./profiles"

/**
 * `args` are the arguments after the executable (process.argv.slice(1): in development the app's
 * path comes first, and stays). Throws ProfileError "InvalidName" for a bad `profile`.
 */
export function relaunchArgs(args: readonly string[], profile: string): string[] {
  const name = validateProfileName(profile)
  const kept: string[] = []
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    if (arg === PROFILE_FLAG) {
      // The flag's value follows it, unless it is missing (then the next argument is another flag).
      if (args[i + 1] !== undefined && !args[i + 1]!.startsWith("-")) i++
      continue
    }
    if (arg.startsWith(`${PROFILE_FLAG}=`) || arg.toLowerCase().startsWith(`${DEEP_LINK_SCHEME}:`)) continue
    kept.push(arg)
  }
  return [...kept, PROFILE_FLAG, name]
}
