// The production node's paged read of one topic (node-go QueryGroupMessages*/QueryWelcomeMessages*):
// with a cursor, strictly after it in the paging direction; without one, from the oldest or the
// newest end.
import type { PageQuery } from "../nodeStore"
import type { Queryable } from "./sql"

export async function pagedTopicQuery<Row extends object>(
  db: Queryable,
  source: { table: string; columns: string; topicColumn: string },
  topic: Uint8Array,
  page: PageQuery,
): Promise<Row[]> {
  const ascending = page.direction === "ascending"
  const bounded = page.cursor > 0n
  const where = bounded ? `AND id ${ascending ? ">" : "<"} $3` : ""
  const { rows } = await db.query<Row & Record<string, unknown>>(
    `SELECT ${source.columns} FROM ${source.table} WHERE ${source.topicColumn} = $1 ${where} ORDER BY id ${ascending ? "ASC" : "DESC"} LIMIT $2`,
    bounded ? [topic, page.limit, page.cursor] : [topic, page.limit],
  )
  return rows
}
