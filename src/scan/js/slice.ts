/**
 * Which top-level statements of a large script a scan has to parse.
 *
 * A large file passes the filter because of a few lines (a signer in a module of unrelated helpers,
 * the widget call at the end of a bundle), yet parsing and indexing it whole is most of a tree
 * scan's time (measured on bench/scan-bench.js: about 80 % of the main thread). The rules only ever
 * follow data inside one function and through names declared at the top level of the same file,
 * so the statements that matter are: those holding an anchor (a match of an active rule's trigger),
 * the top-level declarations they use (transitively), and the statements that use what an anchor
 * statement declares (transitively: `jwt.sign(buildClaims(user))` uses the `buildClaims` that holds
 * `email_verified`). Everything else is blanked, newlines kept, so offsets stay the file's.
 *
 * It is a cheap scanner, not a parser. Whenever it could be wrong it gives up (undefined), and the
 * caller parses the whole text; the caller also parses the whole text when the kept statements do
 * not parse on their own. A test runs every rule's case table both ways, also buried in unrelated
 * code, and requires the same findings.
 */

/** A top-level statement (or a run of them): `[start, end)` in the text. */
export interface Segment {
  readonly start: number
  readonly end: number
}

interface Scanned {
  readonly start: number
  /** Top-level names this statement may declare (a superset: extra names only keep more). */
  readonly declares: Set<string>
  /** Identifiers it uses, property names after `.` excepted. */
  readonly uses: Set<string>
  readonly isImport: boolean
}

// Keywords that start a declaration: a statement boundary when one of them begins a token at the
// top level after something that cannot continue an expression.
const DECLARATION = new Set(['import', 'export', 'const', 'let', 'var', 'function', 'class', 'async'])
const NOT_NAMES = new Set([
  'import',
  'export',
  'default',
  'from',
  'as',
  'const',
  'let',
  'var',
  'function',
  'class',
  'async',
  'await',
  'return',
  'if',
  'else',
  'for',
  'while',
  'do',
  'new',
  'typeof',
  'instanceof',
  'in',
  'of',
  'this',
  'true',
  'false',
  'null',
  'undefined',
  'type',
  'extends',
])
// After one of these words a `/` starts a regular expression, not a division.
const REGEX_AFTER_WORD = new Set(['return', 'typeof', 'case', 'in', 'of', 'delete', 'void', 'throw', 'new', 'instanceof', 'yield', 'await', 'else', 'do'])
// After a `;` or `}` at the top level these continue the statement before it (`if (a) b(); else c()`).
const CONTINUES = new Set(['else', 'while', 'catch', 'finally'])
// Words that continue an expression after a `}` (`{} instanceof X`, TypeScript's `{} as T`).
const INFIX = new Set(['in', 'instanceof', 'of', 'as', 'satisfies'])
// Words a declaration keyword can follow on the next line and still belong to (`export\nconst x`).
const LEADS = new Set(['export', 'default', 'async', 'declare', 'abstract'])

enum Code {
  Tab = 9,
  Newline = 10,
  CarriageReturn = 13,
  Space = 32,
  Bang = 33,
  DoubleQuote = 34,
  Dollar = 36,
  Percent = 37,
  Ampersand = 38,
  Quote = 39,
  OpenParen = 40,
  CloseParen = 41,
  Star = 42,
  Plus = 43,
  Comma = 44,
  Minus = 45,
  Dot = 46,
  Slash = 47,
  Colon = 58,
  Semicolon = 59,
  Less = 60,
  Equals = 61,
  Greater = 62,
  Question = 63,
  OpenBracket = 91,
  Backslash = 92,
  CloseBracket = 93,
  Caret = 94,
  Underscore = 95,
  Backtick = 96,
  OpenBrace = 123,
  Pipe = 124,
  CloseBrace = 125,
  Tilde = 126,
}

function isWordCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === Code.Underscore || c === Code.Dollar || c > 127
}

function isSpace(c: number): boolean {
  return c === Code.Space || c === Code.Newline || c === Code.Tab || c === Code.CarriageReturn || c === 0xa0 || c === 0xfeff || c === 0x2028 || c === 0x2029
}

// A `/` after one of these starts a regular expression.
function regexAfter(c: number): boolean {
  return (
    c === Code.OpenParen ||
    c === Code.Comma ||
    c === Code.Equals ||
    c === Code.Colon ||
    c === Code.OpenBracket ||
    c === Code.Bang ||
    c === Code.Ampersand ||
    c === Code.Pipe ||
    c === Code.Question ||
    c === Code.OpenBrace ||
    c === Code.CloseBrace ||
    c === Code.Semicolon ||
    c === Code.Plus ||
    c === Code.Minus ||
    c === Code.Star ||
    c === Code.Percent ||
    c === Code.Less ||
    c === Code.Greater ||
    c === Code.Tilde ||
    c === Code.Caret
  )
}

// A declaration keyword after one of these is part of the expression before it (`x = function …`).
function continuesExpression(c: number): boolean {
  return (
    c === Code.Equals ||
    c === Code.Comma ||
    c === Code.OpenParen ||
    c === Code.OpenBracket ||
    c === Code.Colon ||
    c === Code.Question ||
    c === Code.Plus ||
    c === Code.Minus ||
    c === Code.Star ||
    c === Code.Slash ||
    c === Code.Percent ||
    c === Code.Ampersand ||
    c === Code.Pipe ||
    c === Code.Caret ||
    c === Code.Bang ||
    c === Code.Tilde ||
    c === Code.Less ||
    c === Code.Greater ||
    c === Code.Dot
  )
}

/**
 * Splits a script into top-level statements and what each declares and uses; undefined when the
 * scanner loses track (an unterminated string, brackets that do not balance).
 */
function scan(text: string): Scanned[] | undefined {
  const out: Scanned[] = []
  let current = { start: 0, declares: new Set<string>(), uses: new Set<string>(), isImport: false, head: true }
  let depth = 0
  // The last significant character before the current token (words are `_`), the word when it was
  // one, and whether a line break separates them: what decides `/` and statement boundaries.
  let last: number = Code.Semicolon
  let lastWord = ''
  let newline = false
  // Inside a top-level `const`/`let`/`var`: names at depth 0 right after the keyword or a `,`, and
  // every name of a destructuring pattern there, are declared.
  let declaring = false
  let nameExpected = false
  let patternDepth = -1
  // `function name`, `class name`: the next word is the declared name.
  let namesNext = false
  const length = text.length
  let i = 0
  const split = (at: number) => {
    out.push(current)
    current = { start: at, declares: new Set(), uses: new Set(), isImport: false, head: true }
    declaring = false
    nameExpected = false
    patternDepth = -1
    namesNext = false
  }
  const token = (c: number, word: string) => {
    last = c
    lastWord = word
    newline = false
  }
  while (i < length) {
    const c = text.charCodeAt(i)
    if (isSpace(c)) {
      if (c === Code.Newline || c === 0x2028 || c === 0x2029) newline = true
      i += 1
      continue
    }
    if (c === Code.Slash && text.charCodeAt(i + 1) === Code.Slash) {
      const end = text.indexOf('\n', i)
      i = end < 0 ? length : end
      continue
    }
    if (c === Code.Slash && text.charCodeAt(i + 1) === Code.Star) {
      const end = text.indexOf('*/', i + 2)
      if (end < 0) return undefined
      if (text.slice(i, end).includes('\n')) newline = true
      i = end + 2
      continue
    }
    if (isWordCode(c)) {
      let j = i + 1
      while (j < length && isWordCode(text.charCodeAt(j))) j += 1
      const word = text.slice(i, j)
      if (depth === 0 && !current.head) {
        if (last === Code.Semicolon) {
          if (!CONTINUES.has(word)) split(i)
        } else if (DECLARATION.has(word)) {
          if (last === Code.CloseBrace || (newline && !continuesExpression(last) && !LEADS.has(lastWord))) split(i)
        } else if (last === Code.CloseBrace && newline && !CONTINUES.has(word) && !INFIX.has(word)) split(i)
      }
      if (current.head) {
        current.head = false
        const next = text.charCodeAt(nextSignificantIndex(text, j))
        current.isImport = word === 'import' && next !== Code.OpenParen && next !== Code.Dot
      }
      const first = word.charCodeAt(0)
      if (!(first >= 48 && first <= 57) && !NOT_NAMES.has(word)) {
        // A property name after `.` (not a spread `...name`) is no use of a top-level name.
        const property = last === Code.Dot && text.charCodeAt(i - 1) === Code.Dot && text.charCodeAt(i - 2) !== Code.Dot
        if (!property) current.uses.add(word)
        if (current.isImport || namesNext || (depth === 0 && nameExpected) || (patternDepth >= 0 && depth > patternDepth)) current.declares.add(word)
      }
      if (depth === 0) {
        if (word === 'const' || word === 'let' || word === 'var') {
          declaring = true
          nameExpected = true
        } else if (word === 'function' || word === 'class') namesNext = true
        else if (!NOT_NAMES.has(word)) {
          namesNext = false
          nameExpected = false
        }
      }
      i = j
      token(Code.Underscore, word)
      continue
    }
    if (depth === 0 && !current.head && last === Code.Semicolon && c !== Code.Semicolon && c !== Code.CloseBrace) split(i)
    current.head = false
    if (c !== Code.Star) namesNext = false
    if (c === Code.Quote || c === Code.DoubleQuote) {
      const end = skipQuoted(text, i, c)
      if (end < 0) return undefined
      i = end
      token(c, '')
      continue
    }
    if (c === Code.Backtick) {
      const end = skipTemplate(text, i)
      if (end < 0) return undefined
      i = end
      token(c, '')
      continue
    }
    if (c === Code.Slash && (lastWord === '' ? regexAfter(last) : REGEX_AFTER_WORD.has(lastWord))) {
      const end = skipRegex(text, i)
      if (end < 0) return undefined
      i = end
      // A regular expression is a value, like a word: a `/` after it divides.
      token(Code.Underscore, 'regex')
      continue
    }
    if (c === Code.Dot && text.charCodeAt(i + 1) === Code.Dot && text.charCodeAt(i + 2) === Code.Dot) {
      i += 3
      token(Code.Comma, '')
      continue
    }
    if (c === Code.OpenBrace || c === Code.OpenParen || c === Code.OpenBracket) {
      if (depth === 0 && nameExpected && c !== Code.OpenParen) patternDepth = 0
      depth += 1
    } else if (c === Code.CloseBrace || c === Code.CloseParen || c === Code.CloseBracket) {
      depth -= 1
      if (depth < 0) return undefined
      if (depth === 0 && patternDepth === 0) {
        patternDepth = -1
        nameExpected = false
      }
    } else if (depth === 0 && c === Code.Comma && declaring) nameExpected = true
    else if (depth === 0 && (c === Code.Equals || c === Code.Colon)) nameExpected = false
    else if (depth === 0 && c === Code.Semicolon) declaring = false
    i += 1
    token(c, '')
  }
  if (depth !== 0) return undefined
  out.push(current)
  return out
}

function nextSignificantIndex(text: string, from: number): number {
  let k = from
  while (k < text.length && isSpace(text.charCodeAt(k))) k += 1
  return k
}

/** Index past a quoted string at `i`; -1 when it does not end on its line (the scanner is lost). */
function skipQuoted(text: string, i: number, quote: number): number {
  for (let j = i + 1; j < text.length; j += 1) {
    const c = text.charCodeAt(j)
    if (c === Code.Backslash) j += 1
    else if (c === quote) return j + 1
    else if (c === Code.Newline) return -1
  }
  return -1
}

/** Index past a template literal at `i`, `${…}` holes (with nested strings and templates) included. */
function skipTemplate(text: string, i: number): number {
  for (let j = i + 1; j < text.length; j += 1) {
    const c = text.charCodeAt(j)
    if (c === Code.Backslash) j += 1
    else if (c === Code.Backtick) return j + 1
    else if (c === Code.Dollar && text.charCodeAt(j + 1) === Code.OpenBrace) {
      const end = skipHole(text, j + 1)
      if (end < 0) return -1
      j = end - 1
    }
  }
  return -1
}

/** Index past the `{…}` of a template hole at `i`. */
function skipHole(text: string, i: number): number {
  let depth = 0
  for (let j = i; j < text.length; j += 1) {
    const c = text.charCodeAt(j)
    if (c === Code.Quote || c === Code.DoubleQuote) {
      const end = skipQuoted(text, j, c)
      if (end < 0) return -1
      j = end - 1
    } else if (c === Code.Backtick) {
      const end = skipTemplate(text, j)
      if (end < 0) return -1
      j = end - 1
    } else if (c === Code.OpenBrace) depth += 1
    else if (c === Code.CloseBrace) {
      depth -= 1
      if (depth === 0) return j + 1
    }
  }
  return -1
}

/** Index past a regular expression literal at `i`; -1 when it does not end on its line. */
function skipRegex(text: string, i: number): number {
  let inClass = false
  for (let j = i + 1; j < text.length; j += 1) {
    const c = text.charCodeAt(j)
    if (c === Code.Backslash) j += 1
    else if (c === Code.Newline) return -1
    else if (inClass) {
      if (c === Code.CloseBracket) inClass = false
    } else if (c === Code.OpenBracket) inClass = true
    else if (c === Code.Slash) {
      let k = j + 1
      while (k < text.length && isWordCode(text.charCodeAt(k))) k += 1
      return k
    }
  }
  return -1
}

/**
 * The top-level statements to keep: those with an anchor (a match of any of `anchors`), what they
 * use, and what uses them (see the file comment). Undefined when every statement is kept or the
 * scanner gave up: then the whole text is to be parsed.
 */
export function relevantSegments(text: string, anchors: readonly RegExp[]): Segment[] | undefined {
  const statements = scan(text)
  if (statements === undefined || statements.length < 2) return undefined
  const starts = statements.map((statement) => statement.start)
  // 2: holds an anchor, or uses what such a statement declares (its own users matter too);
  // 1: only declares something a kept statement uses (its users do not matter).
  const keep = new Uint8Array(statements.length)
  for (const anchor of anchors) {
    const global = new RegExp(anchor.source, anchor.flags.includes('g') ? anchor.flags : `${anchor.flags}g`)
    for (const match of text.matchAll(global)) keep[statementAt(starts, match.index ?? 0)] = 2
  }
  const declaredBy = new Map<string, number[]>()
  statements.forEach((statement, index) => {
    for (const name of statement.declares) push(declaredBy, name, index)
  })
  const usedBy = new Map<string, number[]>()
  statements.forEach((statement, index) => {
    for (const name of statement.uses) if (declaredBy.has(name)) push(usedBy, name, index)
  })
  const queue: number[] = []
  keep.forEach((level, index) => {
    if (level > 0) queue.push(index)
  })
  if (queue.length === 0) return undefined
  const raise = (index: number, level: number) => {
    if ((keep[index] as number) >= level) return
    keep[index] = level
    queue.push(index)
  }
  for (let index = queue.pop(); index !== undefined; index = queue.pop()) {
    const statement = statements[index] as Scanned
    const level = keep[index] as number
    for (const name of statement.uses) for (const other of declaredBy.get(name) ?? []) raise(other, 1)
    // Never through an import: an import used everywhere would keep the whole file.
    if (level === 2 && !statement.isImport) for (const name of statement.declares) for (const other of usedBy.get(name) ?? []) raise(other, 2)
  }
  if (keep.every((level) => level > 0)) return undefined
  const segments: Segment[] = []
  statements.forEach((statement, index) => {
    if ((keep[index] as number) === 0) return
    const end = starts[index + 1] ?? text.length
    const previous = segments.at(-1)
    if (previous !== undefined && previous.end === statement.start) segments[segments.length - 1] = { start: previous.start, end }
    else segments.push({ start: statement.start, end })
  })
  return segments
}

/** The index of the statement holding offset `at` (statements start in order). */
function statementAt(starts: readonly number[], at: number): number {
  let low = 0
  let high = starts.length - 1
  while (low < high) {
    const middle = (low + high + 1) >> 1
    if ((starts[middle] as number) <= at) low = middle
    else high = middle - 1
  }
  return low
}

function push(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key)
  if (list === undefined) map.set(key, [value])
  else list.push(value)
}

/** The text with everything outside `segments` blanked (newlines kept), each kept piece passed through `transform`. */
export function keepSegments(text: string, segments: readonly Segment[], transform: (piece: string) => string = (piece) => piece): string {
  const parts: string[] = []
  let at = 0
  for (const segment of segments) {
    parts.push(blank(text, at, segment.start), transform(text.slice(segment.start, segment.end)))
    at = segment.end
  }
  parts.push(blank(text, at, text.length))
  return parts.join('')
}

function blank(text: string, from: number, to: number): string {
  const parts: string[] = []
  let at = from
  for (;;) {
    const newline = text.indexOf('\n', at)
    if (newline < 0 || newline >= to) break
    parts.push(' '.repeat(newline - at))
    at = newline + 1
  }
  parts.push(' '.repeat(to - at))
  return parts.join('\n')
}
