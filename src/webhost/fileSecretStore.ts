// The web host's development key store: the SecretStore interface the keychain service uses,
// backed by a JSON file readable by its owner only. It exists so the UI can be tested end to end
// where no OS keychain runs; the desktop app never uses it (its keys live in the OS keychain).
import { mkdir, readFile, rename, writeFile } from "node:fs/promises"
import { dirname } from "node:path"
import { z } from "zod"
import type { SecretStore } from "../main/keychain"

const fileSchema = z.record(z.string(), z.record(z.string(), z.string()))

export class FileSecretStore implements SecretStore {
  #writes: Promise<void> = Promise.resolve()

  constructor(readonly filePath: string) {}

  async getPassword(service: string, account: string): Promise<string | null> {
    await this.#writes
    return (await this.#read())[service]?.[account] ?? null
  }

  async setPassword(service: string, account: string, password: string): Promise<void> {
    const write = this.#writes.then(async () => {
      const entries = await this.#read()
      entries[service] = { ...entries[service], [account]: password }
      await mkdir(dirname(this.filePath), { recursive: true, mode: 0o700 })
      const temporary = `${this.filePath}.tmp`
      await writeFile(temporary, JSON.stringify(entries, null, 2), { mode: 0o600 })
      await rename(temporary, this.filePath)
    })
    this.#writes = write.catch(() => undefined)
    await write
  }

  async #read(): Promise<Record<string, Record<string, string>>> {
    let text: string
    try {
      text = await readFile(this.filePath, "utf8")
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return {}
      throw error
    }
    // A damaged file is an error, never silently replaced: it holds account keys.
    return fileSchema.parse(JSON.parse(text))
  }
}
