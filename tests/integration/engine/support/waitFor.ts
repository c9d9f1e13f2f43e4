// Bounded waits for things that happen on other clients' schedules (a stream delivering).
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
