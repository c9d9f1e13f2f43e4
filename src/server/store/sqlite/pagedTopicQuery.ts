// The production node's paged read of one topic (a group's messages, an installation's welcomes):
// with a cursor, strictly after it in the paging direction; without one, from the oldest or the
// newest end.
import type Database from "better-sqlite3-multiple-ciphers"
import type { PageQuery } from "../nodeStore"

export type PagedTopicQuery<Row> = (topic: Uint8Array, page: PageQuery) => Row[]

export function pagedTopicQuery<Row>(db: Database.Database, table: string, topicColumn: string): PagedTopicQuery<Row> {
  const select = (where: string, order: "ASC" | "DESC") =>
    db.prepare<[Uint8Array, ...bigint[]], Row>(
      `SELECT * FROM ${table} WHERE ${topicColumn} = ? ${where} ORDER BY id ${order} LIMIT ?`,
    )
  const fromOldest = select("", "ASC")
  const fromNewest = select("", "DESC")
  const afterCursor = select("AND id > ?", "ASC")
  const beforeCursor = select("AND id < ?", "DESC")
  return (topic, page) => {
    const limit = BigInt(page.limit)
    const ascending = page.direction === "ascending"
    if (page.cursor > 0n) return (ascending ? afterCursor : beforeCursor).all(topic, page.cursor, limit)
    return (ascending ? fromOldest : fromNewest).all(topic, limit)
  }
}
