// Runs KeychainService.loadOrCreate in a process of its own, so a test can give it an environment
// without a working keychain. Prints one JSON line: the keys' address, or the error's name and code.
import { KeychainService } from "../../../../src/main/keychain"

const profile = process.argv[2] ?? "default"
try {
  const keys = await new KeychainService().loadOrCreate(profile)
  console.log(JSON.stringify({ ok: true, address: keys.address }))
} catch (error) {
  const { name, message } = error as Error
  console.log(JSON.stringify({ ok: false, name, code: (error as { code?: unknown }).code, message }))
}
