// Bounded waits for things that happen on other clients' schedules (a stream delivering), and the
// streams a test file opens, ended once its tests are done.
import { afterAll } from "vitest"

export async function withTimeout<T>(what: string, promise: Promise<T>, ms = 20_000): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms)
  })
  try {
    return await Promise.race([promise, timeout])
  } finally {
    clearTimeout(timer)
  }
}

/** The next `count` values of an async iterator. */
export async function take<T>(iterator: AsyncIterator<T>, count: number, what: string): Promise<T[]> {
  const values: T[] = []
  while (values.length < count) {
    const next = await withTimeout(what, iterator.next())
    if (next.done) throw new Error(`the stream ended before ${what}`)
    values.push(next.value)
  }
  return values
}

/** Returns a function that keeps each stream it is given and ends them all after the file's tests. */
export function endedAfterAll<S extends { end(): Promise<unknown> }>(): (stream: S) => S {
  const streams: S[] = []
  afterAll(async () => {
    for (const stream of streams.splice(0)) await stream.end()
  })
  return (stream) => {
    streams.push(stream)
    return stream
  }
}
