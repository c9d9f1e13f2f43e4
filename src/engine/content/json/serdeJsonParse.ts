// A JSON reader that accepts exactly what serde_json 1.0 (libxmtp 1.10's JSON library) accepts and
// keeps what JSON.parse loses: each number's kind (u64, i64 or f64, decided from its lexeme as
// serde_json decides it), which serde uses to accept or refuse a value (a u32 field refuses `6.0`)
// and to print it again (`networkId: 1e3` becomes "1000.0"). Also as serde_json: lone surrogate
// escapes, raw control characters, leading zeros and trailing characters are errors, containers
// nest at most 127 deep, and non-UTF-8 input is refused.

export type JsonNumber =
  | { kind: "u64"; value: bigint }
  | { kind: "i64"; value: bigint }
  | { kind: "f64"; value: number }

export type JsonNode =
  | { kind: "null" }
  | { kind: "bool"; value: boolean }
  | { kind: "number"; number: JsonNumber }
  | { kind: "string"; value: string }
  | { kind: "array"; items: JsonNode[] }
  /** Entries in source order, repeated keys included: what a repeat means depends on the target type. */
  | { kind: "object"; entries: Array<[string, JsonNode]> }

/** Why serde_json would refuse the input; the content layer reports it as a ContentDecodeError. */
export class JsonError extends Error {
  override readonly name = "JsonError"
}

/** serde_json's recursion limit: the 128th nested container is refused. */
const RECURSION_LIMIT = 128
const U64_MAX = (1n << 64n) - 1n
const I64_MIN_MAGNITUDE = 1n << 63n
const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true })

export function parseSerdeJson(bytes: Uint8Array): JsonNode {
  let text: string
  try {
    text = strictUtf8.decode(bytes)
  } catch {
    throw new JsonError("the JSON is not valid UTF-8")
  }
  return new Parser(text).document()
}

const ESCAPES: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" }

class Parser {
  private at = 0
  private depth = RECURSION_LIMIT

  constructor(private readonly text: string) {}

  document(): JsonNode {
    const value = this.value()
    this.whitespace()
    if (this.at < this.text.length) this.fail("trailing characters")
    return value
  }

  private fail(message: string): never {
    throw new JsonError(`${message} at offset ${this.at}`)
  }

  private whitespace(): void {
    for (;;) {
      const c = this.text[this.at]
      if (c !== " " && c !== "\n" && c !== "\t" && c !== "\r") return
      this.at++
    }
  }

  private value(): JsonNode {
    this.whitespace()
    const c = this.text[this.at]
    switch (c) {
      case undefined:
        return this.fail("EOF while parsing a value")
      case "n":
        return this.literal("null", { kind: "null" })
      case "t":
        return this.literal("true", { kind: "bool", value: true })
      case "f":
        return this.literal("false", { kind: "bool", value: false })
      case '"':
        return { kind: "string", value: this.string() }
      case "[":
        return this.nested(() => this.array())
      case "{":
        return this.nested(() => this.object())
      default:
        if (c === "-" || (c >= "0" && c <= "9")) return { kind: "number", number: this.number() }
        return this.fail("expected value")
    }
  }

  private literal(word: string, node: JsonNode): JsonNode {
    if (!this.text.startsWith(word, this.at)) this.fail("expected ident")
    this.at += word.length
    return node
  }

  private nested(parse: () => JsonNode): JsonNode {
    if (--this.depth === 0) this.fail("recursion limit exceeded")
    const node = parse()
    this.depth++
    return node
  }

  private array(): JsonNode {
    this.at++
    const items: JsonNode[] = []
    this.whitespace()
    if (this.text[this.at] === "]") {
      this.at++
      return { kind: "array", items }
    }
    for (;;) {
      items.push(this.value())
      this.whitespace()
      const c = this.text[this.at++]
      if (c === "]") return { kind: "array", items }
      if (c !== ",") this.fail(c === undefined ? "EOF while parsing a list" : "expected `,` or `]`")
    }
  }

  private object(): JsonNode {
    this.at++
    const entries: Array<[string, JsonNode]> = []
    this.whitespace()
    if (this.text[this.at] === "}") {
      this.at++
      return { kind: "object", entries }
    }
    for (;;) {
      this.whitespace()
      if (this.text[this.at] !== '"') this.fail(this.at >= this.text.length ? "EOF while parsing an object" : "key must be a string")
      const key = this.string()
      this.whitespace()
      if (this.text[this.at++] !== ":") this.fail("expected `:`")
      entries.push([key, this.value()])
      this.whitespace()
      const c = this.text[this.at++]
      if (c === "}") return { kind: "object", entries }
      if (c !== ",") this.fail(c === undefined ? "EOF while parsing an object" : "expected `,` or `}`")
    }
  }

  private string(): string {
    this.at++
    let out = ""
    let runStart = this.at
    for (;;) {
      const c = this.text[this.at]
      if (c === undefined) this.fail("EOF while parsing a string")
      if (c === '"') {
        out += this.text.slice(runStart, this.at++)
        return out
      }
      if (c < " ") this.fail("control character (\\u0000-\\u001F) found while parsing a string")
      if (c !== "\\") {
        this.at++
        continue
      }
      out += this.text.slice(runStart, this.at)
      this.at++
      const escape = this.text[this.at++]
      if (escape === "u") {
        out += this.unicodeEscape()
      } else {
        const decoded = escape === undefined ? undefined : ESCAPES[escape]
        if (decoded === undefined) this.fail("invalid escape")
        out += decoded
      }
      runStart = this.at
    }
  }

  private unicodeEscape(): string {
    const first = this.hex4()
    if (first >= 0xdc00 && first <= 0xdfff) this.fail("lone trailing surrogate in hex escape")
    if (first < 0xd800 || first > 0xdbff) return String.fromCharCode(first)
    if (this.text[this.at] !== "\\" || this.text[this.at + 1] !== "u") this.fail("lone leading surrogate in hex escape")
    this.at += 2
    const second = this.hex4()
    if (second < 0xdc00 || second > 0xdfff) this.fail("lone leading surrogate in hex escape")
    return String.fromCharCode(first, second)
  }

  private hex4(): number {
    const digits = this.text.slice(this.at, this.at + 4)
    if (!/^[0-9a-fA-F]{4}$/.test(digits)) this.fail("invalid escape")
    this.at += 4
    return parseInt(digits, 16)
  }

  private number(): JsonNumber {
    const start = this.at
    const negative = this.text[this.at] === "-"
    if (negative) this.at++
    const intStart = this.at
    if (this.text[this.at] === "0") {
      this.at++
      if (isDigit(this.text[this.at])) this.fail("invalid number")
    } else if (!this.digits()) {
      this.fail("invalid number")
    }
    const intDigits = this.text.slice(intStart, this.at)
    let isFloat = false
    if (this.text[this.at] === ".") {
      this.at++
      if (!this.digits()) this.fail("invalid number")
      isFloat = true
    }
    if (this.text[this.at] === "e" || this.text[this.at] === "E") {
      this.at++
      if (this.text[this.at] === "+" || this.text[this.at] === "-") this.at++
      if (!this.digits()) this.fail("invalid number")
      isFloat = true
    }
    const lexeme = this.text.slice(start, this.at)
    if (!isFloat) {
      const magnitude = BigInt(intDigits)
      // serde_json: an integer that fits is u64 (or i64 when negative); `-0` and anything that
      // overflows become f64.
      if (!negative && magnitude <= U64_MAX) return { kind: "u64", value: magnitude }
      if (negative && magnitude !== 0n && magnitude <= I64_MIN_MAGNITUDE) return { kind: "i64", value: -magnitude }
    }
    const value = Number(lexeme)
    if (!Number.isFinite(value)) this.fail("number out of range")
    return { kind: "f64", value }
  }

  private digits(): boolean {
    const start = this.at
    while (isDigit(this.text[this.at])) this.at++
    return this.at > start
  }
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= "0" && c <= "9"
