// node-go's paging rules for QueryGroupMessages and QueryWelcomeMessages (readStore.go):
// - direction: ASCENDING only when asked; unspecified (and anything else) is DESCENDING;
// - limit: 1..100 as asked; 0 or above 100 becomes 100;
// - cursor: a non-zero id_cursor (read as int64) bounds the page strictly after it in the paging
//   direction; zero or negative means "from the newest/oldest end";
// - the response always carries paging_info with the page size and direction used, and an
//   id_cursor equal to the last row's id only when the page came back full (else 0).
import { mlsApi, type MlsApiTypes } from "../../engine/proto/index"
import { MAX_PAGE_SIZE } from "../limits"
import type { PageQuery } from "../store/nodeStore"
import { asInt64, toUint64 } from "./wireValues"

const { SortDirection } = mlsApi

export function pageQueryFrom(paging: MlsApiTypes.PagingInfo | undefined): PageQuery {
  const limit = paging && paging.limit > 0 && paging.limit <= MAX_PAGE_SIZE ? paging.limit : MAX_PAGE_SIZE
  const direction = paging?.direction === SortDirection.SORT_DIRECTION_ASCENDING ? "ascending" : "descending"
  return { direction, limit, cursor: asInt64(paging?.idCursor) }
}

/** The cursor of the page after this one: the last id when the page came back full, else 0. */
export function nextPageCursor(page: PageQuery, ids: bigint[]): bigint {
  return ids.length >= page.limit ? (ids.at(-1) ?? 0n) : 0n
}

export function responsePaging(page: PageQuery, ids: bigint[]): MlsApiTypes.PagingInfo {
  return {
    direction:
      page.direction === "ascending" ? SortDirection.SORT_DIRECTION_ASCENDING : SortDirection.SORT_DIRECTION_DESCENDING,
    limit: page.limit,
    idCursor: toUint64(nextPageCursor(page, ids)),
  }
}

/** The page a subscription's replay reads: node-go's query with an ascending PagingInfo and no limit. */
export const replayPage = (cursor: bigint): PageQuery => ({ direction: "ascending", limit: MAX_PAGE_SIZE, cursor })

interface Identified {
  id: bigint
}

/** A Query*Messages response: the page's envelopes on the wire and the paging info that follows them. */
export function pagedResponse<T extends Identified, W>(
  page: PageQuery,
  items: T[],
  toWire: (item: T) => W,
): { messages: W[]; pagingInfo: MlsApiTypes.PagingInfo } {
  return { messages: items.map(toWire), pagingInfo: responsePaging(page, items.map((item) => item.id)) }
}

/** A subscription's replay source over a topic's stored envelopes, one full page at a time. */
export function replayHistory<T extends Identified>(
  query: (topic: Uint8Array, page: PageQuery) => Promise<T[]>,
): (topic: Uint8Array, cursor: bigint) => Promise<{ items: T[]; nextCursor: bigint }> {
  return async (topic, cursor) => {
    const page = replayPage(cursor)
    const items = await query(topic, page)
    return { items, nextCursor: nextPageCursor(page, items.map((item) => item.id)) }
  }
}
