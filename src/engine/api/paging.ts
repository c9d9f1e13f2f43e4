// Reading a topic from a cursor to its end, by the node's paging rules (xmtp-node-go
// pkg/mls/store/readStore.go): a page holds at most 100 entries; with a non-zero cursor an
// ascending page starts after it (id > cursor), with 0 it starts at the first entry; the response
// carries a non-zero id_cursor, the page's last id, only when the page is full. libxmtp's pager
// (xmtp_proto combinators/v3_paged.rs) walks the same way.
import { ApiError } from "./errors"
import type { PagingInfo } from "./types"

/** The node's largest page; asking for it costs the fewest round trips. */
export const MAX_PAGE_SIZE = 100

export interface FetchedPage<T> {
  items: T[]
  pagingInfo: PagingInfo | undefined
}

/**
 * Yields the pages after `afterCursor`, oldest first, until the node says there are no more.
 * Each page is checked to be ascending and past the cursor, so a misbehaving node cannot make a
 * caller store an entry twice or loop forever.
 */
export async function* pagesAfter<T>(
  method: string,
  afterCursor: bigint,
  idOf: (item: T) => bigint,
  fetchPage: (cursor: bigint) => Promise<FetchedPage<T>>,
): AsyncGenerator<T[], void, undefined> {
  let cursor = afterCursor
  for (;;) {
    const { items, pagingInfo } = await fetchPage(cursor)
    let last = cursor
    for (const item of items) {
      const id = idOf(item)
      if (id <= last) {
        throw new ApiError("MalformedResponse", method, `page after cursor ${cursor} holds id ${id} after ${last}; expected ascending ids past the cursor`)
      }
      last = id
    }
    if (items.length > 0) yield items
    const next = pagingInfo?.idCursor ?? 0n
    if (next === 0n) return
    // A page may hold fewer entries than its cursor covers (node-go drops welcomes of unknown
    // types), but the cursor must move forward and not behind what was delivered.
    if (next <= cursor || next < last) {
      throw new ApiError("MalformedResponse", method, `next cursor ${next} does not advance past ${cursor} and the page's last id ${last}`)
    }
    cursor = next
  }
}

export async function collectPages<T>(pages: AsyncIterable<T[]>): Promise<T[]> {
  const all: T[] = []
  for await (const page of pages) all.push(...page)
  return all
}
