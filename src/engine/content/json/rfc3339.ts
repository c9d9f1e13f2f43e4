// Timestamps of the Actions content type, as libxmtp 1.10 handles them with chrono: written as
// `%Y-%m-%dT%H:%M:%S%.3fZ` (UTC, milliseconds truncated), read with `DateTime::parse_from_rfc3339`
// (a `T`, `t` or space separator, any number of fraction digits of which nine count, `Z`/`z` or a
// ±hh:mm offset up to 23:59, and second 60 as a leap second), held as Unix nanoseconds.
import { JsonError } from "./serdeJsonParse"

const NS_PER_SECOND = 1_000_000_000n
const SECONDS_PER_DAY = 86_400n
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+\-\u2212])(\d{2}):(\d{2}))$/

export function parseRfc3339Ns(text: string): bigint {
  const match = RFC3339.exec(text)
  if (!match) throw new JsonError(`input contains invalid characters: ${JSON.stringify(text)} is not an RFC 3339 date-time`)
  const [, year, month, day, hour, minute, second, fraction, zulu, sign, offsetHours, offsetMinutes] = match.map((part) => part ?? "")
  const y = Number(year)
  const mo = Number(month)
  const d = Number(day)
  const h = Number(hour)
  const mi = Number(minute)
  const s = Number(second)
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 60) {
    throw new JsonError(`input is out of range: ${JSON.stringify(text)}`)
  }
  let offsetSeconds = 0n
  if (!zulu) {
    const oh = Number(offsetHours)
    const om = Number(offsetMinutes)
    if (oh > 23 || om > 59) throw new JsonError(`input is out of range: offset of ${JSON.stringify(text)}`)
    offsetSeconds = BigInt((oh * 60 + om) * 60) * (sign === "+" ? 1n : -1n)
  }
  // chrono counts nine fraction digits and ignores the rest; second 60 is 59 plus a whole second.
  const nanos = BigInt((fraction ?? "").slice(0, 9).padEnd(9, "0") || "0") + (s === 60 ? NS_PER_SECOND : 0n)
  const seconds = daysFromCivil(y, mo, d) * SECONDS_PER_DAY + BigInt(h * 3600 + mi * 60 + Math.min(s, 59)) - offsetSeconds
  return seconds * NS_PER_SECOND + nanos
}

/** `%Y-%m-%dT%H:%M:%S%.3fZ` of a Unix time in nanoseconds (the sub-millisecond part is dropped). */
export function formatUtcMillis(ns: bigint): string {
  const seconds = floorDiv(ns, NS_PER_SECOND)
  const millis = (ns - seconds * NS_PER_SECOND) / 1_000_000n
  const days = floorDiv(seconds, SECONDS_PER_DAY)
  const secondOfDay = Number(seconds - days * SECONDS_PER_DAY)
  const [y, m, d] = civilFromDays(days)
  const two = (n: number) => String(n).padStart(2, "0")
  const time = `${two(Math.floor(secondOfDay / 3600))}:${two(Math.floor(secondOfDay / 60) % 60)}:${two(secondOfDay % 60)}`
  return `${formatYear(y)}-${two(m)}-${two(d)}T${time}.${String(millis).padStart(3, "0")}Z`
}

function formatYear(year: number): string {
  // chrono's %Y: four digits in 0..=9999, otherwise a sign and at least four digits.
  if (year >= 0 && year <= 9999) return String(year).padStart(4, "0")
  return `${year < 0 ? "-" : "+"}${String(Math.abs(year)).padStart(4, "0")}`
}

const floorDiv = (a: bigint, b: bigint): bigint => {
  const q = a / b
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0
}

// Howard Hinnant's civil-date algorithms, on bigint so any i64 timestamp converts.
function daysFromCivil(year: number, month: number, day: number): bigint {
  const y = BigInt(month <= 2 ? year - 1 : year)
  const era = floorDiv(y, 400n)
  const yoe = y - era * 400n
  const mp = BigInt((month + 9) % 12)
  const doy = (153n * mp + 2n) / 5n + BigInt(day - 1)
  const doe = yoe * 365n + yoe / 4n - yoe / 100n + doy
  return era * 146_097n + doe - 719_468n
}

function civilFromDays(days: bigint): [number, number, number] {
  const z = days + 719_468n
  const era = floorDiv(z, 146_097n)
  const doe = z - era * 146_097n
  const yoe = (doe - doe / 1460n + doe / 36_524n - doe / 146_096n) / 365n
  const doy = doe - (365n * yoe + yoe / 4n - yoe / 100n)
  const mp = (5n * doy + 2n) / 153n
  const day = Number(doy - (153n * mp + 2n) / 5n + 1n)
  const month = Number(mp < 10n ? mp + 3n : mp - 9n)
  const year = Number(yoe + era * 400n) + (month <= 2 ? 1 : 0)
  return [year, month, day]
}
