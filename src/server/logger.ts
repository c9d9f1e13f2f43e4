// A levelled, line-oriented logger. At the default level ("info") the node prints only its start
// and stop lines; per-request lines are debug.

export type LogLevel = "debug" | "info" | "warn" | "error" | "silent"

const rank: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 }

export interface Logger {
  readonly level: LogLevel
  debug(message: string): void
  info(message: string): void
  warn(message: string): void
  error(message: string): void
}

export const LOG_LEVELS = Object.keys(rank) as LogLevel[]

export function isLogLevel(value: string): value is LogLevel {
  return Object.hasOwn(rank, value)
}

export function createLogger(level: LogLevel = "info"): Logger {
  const write = (lineLevel: Exclude<LogLevel, "silent">, message: string): void => {
    if (rank[lineLevel] < rank[level]) return
    const line = `${new Date().toISOString()} ${lineLevel.toUpperCase()} [node] ${message}\n`
    if (rank[lineLevel] >= rank.warn) process.stderr.write(line)
    else process.stdout.write(line)
  }
  return {
    level,
    debug: (m) => write("debug", m),
    info: (m) => write("info", m),
    warn: (m) => write("warn", m),
    error: (m) => write("error", m),
  }
}
