// The production node's (xmtp-node-go) limits, in one place. Clients are built against these
// numbers, so each one is a protocol constant, not a tuning knob.

/** Page size used when a query asks for 0 or for more than this (store.go `maxPageSize`). */
export const MAX_PAGE_SIZE = 100

/** Largest request message the node accepts (node-go `--max-msg-size` default, 50 MiB). */
export const MAX_RECEIVE_MESSAGE_BYTES = 50 * 1024 * 1024

/** BatchPublishCommitLog accepts at most this many entries (service.go `maxBatchInserts`). */
export const MAX_COMMIT_LOG_BATCH_INSERTS = 10

/** BatchQueryCommitLog accepts at most this many queries (service.go `maxBatchQueries`). */
export const MAX_COMMIT_LOG_BATCH_QUERIES = 20

/** An inbox's log refuses further identity updates once it holds this many (store.go). */
export const MAX_INBOX_LOG_ENTRIES = 256

/**
 * Live envelopes a subscription may hold while its client is not reading; one more ends the
 * subscription (node-go's dispatcher channel, `minBacklogBufferLength`).
 */
export const SUBSCRIPTION_BACKLOG = 1024

/**
 * FetchD14nCutover's answer when no cutover is scheduled. libxmtp 1.10 switches to the
 * decentralised backend once `now >= timestamp_ns as i64`, so 0 (and u64::MAX, which wraps to -1)
 * would both mean "already migrated"; i64::MAX means "never", and is libxmtp's own default.
 */
export const NO_D14N_CUTOVER_NS = 9_223_372_036_854_775_807n

/** How long stop() waits for in-flight calls before cancelling them. */
export const SHUTDOWN_GRACE_MS = 10_000
