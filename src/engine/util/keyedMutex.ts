// One async operation at a time per key, in this process. The engine keys it by group id (syncs,
// sends and membership changes must not interleave their reads and writes of a group's MLS state,
// as libxmtp's per-group lock ensures); the SQLite node store keys it by inbox id (the part of the
// production node's per-inbox advisory lock).
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<void>>()

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve()
    let release!: () => void
    const current = new Promise<void>((resolve) => (release = resolve))
    const tail = previous.then(() => current)
    this.tails.set(key, tail)
    await previous
    try {
      return await task()
    } finally {
      release()
      if (this.tails.get(key) === tail) this.tails.delete(key)
    }
  }
}
