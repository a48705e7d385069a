import {
  BACKSLASH,
  BACKTICK,
  CARRIAGE_RETURN,
  CLOSE_BRACE,
  CLOSE_BRACKET,
  CLOSE_PAREN,
  COLON,
  COMMA,
  DOLLAR,
  DOT,
  DOUBLE_QUOTE,
  EQUALS,
  NEWLINE,
  OPEN_BRACE,
  OPEN_BRACKET,
  OPEN_PAREN,
  QUOTE,
  SEMICOLON,
  SLASH,
  SPACE,
  STAR,
  TAB,
  UNDERSCORE,
} from '../char-codes.js'
import { REGEX_AFTER_PUNCTUATION } from './lexer.js'
import { createStatementScanner, type StatementScanner } from './statement-scanner.js'

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

/** Where a rule's trigger matches, and whether the rule follows values to their users. */
export interface Anchor {
  readonly pattern: RegExp
  readonly followsUsers: boolean
}

/** A top-level statement (or a run of them): `[start, end)` in the text. */
export interface Segment {
  readonly start: number
  readonly end: number
}

/** A top-level statement as the scanner found it. */
export interface Scanned {
  readonly start: number
  /** Top-level names this statement may declare (a superset: extra names only keep more). */
  readonly declares: Set<string>
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
// At the top level, the names after these are declared (`const a, b`; `function f`).
const VARIABLES = new Set(['const', 'let', 'var'])
const NAMES_NEXT = new Set(['function', 'class'])

// What `last` holds after a word or a regular expression (no character has this code).
const WORD = -1

// What a character is to the scanner, looked up instead of compared (the scanner's inner loop):
// punctuation, space or part of a word. Every character from 128 up is part of a word but four.
const PUNCTUATION = 0
const BLANK = 1
const WORD_PART = 2
const ASCII_KIND = new Uint8Array(128).map((_, c) =>
  c === SPACE || c === NEWLINE || c === TAB || c === CARRIAGE_RETURN || c === 11 || c === 12
    ? BLANK
    : (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === UNDERSCORE || c === DOLLAR
      ? WORD_PART
      : PUNCTUATION,
)

function kindOf(c: number): number {
  if (c < 128) return ASCII_KIND[c] as number
  return c === 0xa0 || c === 0xfeff || c === 0x2028 || c === 0x2029 ? BLANK : WORD_PART
}

function isWordCode(c: number): boolean {
  return kindOf(c) === WORD_PART
}

function isSpace(c: number): boolean {
  return kindOf(c) === BLANK
}

/** A lookup table of ASCII characters: `table[code] === 1` for each character of `characters`. */
function charTable(characters: string): Uint8Array {
  const table = new Uint8Array(128)
  for (const character of characters) table[character.charCodeAt(0)] = 1
  return table
}

// A `/` after one of these starts a regular expression (the lexer's list, as a table).
const REGEX_AFTER = charTable(REGEX_AFTER_PUNCTUATION)

function regexAfter(c: number): boolean {
  return c >= 0 && c < 128 && REGEX_AFTER[c] === 1
}

// A declaration keyword after one of these is part of the expression before it (`x = function …`).
const CONTINUES_EXPRESSION = charTable('=,([:?+-*/%&|^!~<>.')

function continuesExpression(c: number): boolean {
  return c >= 0 && c < 128 && CONTINUES_EXPRESSION[c] === 1
}

interface Statement {
  readonly start: number
  readonly declares: Set<string>
  isImport: boolean
  /** No token of the statement seen yet. */
  head: boolean
}

function statementFrom(start: number): Statement {
  return { start, declares: new Set(), isImport: false, head: true }
}

// The WebAssembly version of the loop below (statement-scanner.wat), made once per thread; null
// where WebAssembly is missing.
let wasmScanner: StatementScanner | null | undefined

function statementScanner(): StatementScanner | null {
  wasmScanner ??=
    createStatementScanner({
      kinds: ASCII_KIND,
      regexAfter: REGEX_AFTER,
      continuesExpression: CONTINUES_EXPRESSION,
      keywords: {
        declaration: DECLARATION,
        notName: NOT_NAMES,
        continues: CONTINUES,
        infix: INFIX,
        leads: LEADS,
        regex: REGEX_AFTER_WORD,
        import: new Set(['import']),
        variable: VARIABLES,
        namesNext: NAMES_NEXT,
      },
    }) ?? null
  return wasmScanner
}

/**
 * Splits a script into top-level statements and what each declares; undefined when the scanner
 * loses track (an unterminated string, brackets that do not balance). In WebAssembly unless
 * `wasm` is false (the tests compare both) or WebAssembly is missing: the JavaScript loop below is
 * the same scanner, step for step.
 */
export function scan(text: string, wasm = true): Scanned[] | undefined {
  const scanner = wasm ? statementScanner() : null
  if (scanner !== null) {
    const statements = scanner.scan(text)
    if (statements !== 'full') return statements
  }
  return scanJs(text)
}

function scanJs(text: string): Scanned[] | undefined {
  const out: Scanned[] = []
  let current = statementFrom(0)
  let depth = 0
  // The last significant character before the current token (words are `_`), the word when it was
  // one, and whether a line break separates them: what decides `/` and statement boundaries.
  let last = SEMICOLON
  let lastWord = ''
  let newline = false
  // Where the last word is in the text: it is cut out only when a `/` follows it.
  let wordStart = 0
  let wordEnd = 0
  // Inside a top-level `const`/`let`/`var`: names at depth 0 right after the keyword or a `,`, and
  // every name of a destructuring pattern there, are declared.
  let declaring = false
  let nameExpected = false
  let patternDepth = -1
  // `function name`, `class name`: the next word is the declared name.
  let namesNext = false
  const length = text.length
  let i = 0
  // No closures over this state below: captured variables live in a heap context, which made
  // this loop several times slower (measured); statement starts and tokens are written out.
  while (i < length) {
    const c = text.charCodeAt(i)
    const kind = kindOf(c)
    if (kind === BLANK) {
      if (c === NEWLINE || c === 0x2028 || c === 0x2029) newline = true
      i += 1
      continue
    }
    if (c === SLASH && text.charCodeAt(i + 1) === SLASH) {
      const end = text.indexOf('\n', i)
      i = end < 0 ? length : end
      continue
    }
    if (c === SLASH && text.charCodeAt(i + 1) === STAR) {
      const end = text.indexOf('*/', i + 2)
      if (end < 0) return undefined
      if (text.slice(i, end).includes('\n')) newline = true
      i = end + 2
      continue
    }
    if (kind === WORD_PART) {
      let j = i + 1
      while (j < length && kindOf(text.charCodeAt(j)) === WORD_PART) j += 1
      // Only the words that decide something are cut out of the text: the top level, declared
      // names in a pattern, and the short lowercase words after which a `/` starts a regex.
      const needed = depth === 0 || namesNext || current.isImport || patternDepth >= 0
      const word = needed ? text.slice(i, j) : ''
      wordStart = i
      wordEnd = j
      const boundary =
        depth === 0 &&
        !current.head &&
        (last === SEMICOLON
          ? !CONTINUES.has(word)
          : DECLARATION.has(word)
            ? last === CLOSE_BRACE || (newline && !continuesExpression(last) && !LEADS.has(lastWord))
            : last === CLOSE_BRACE && newline && !CONTINUES.has(word) && !INFIX.has(word))
      if (boundary) {
        out.push(current)
        current = statementFrom(i)
        declaring = false
        nameExpected = false
        patternDepth = -1
        namesNext = false
      }
      if (current.head) {
        current.head = false
        const next = text.charCodeAt(nextSignificantIndex(text, j))
        current.isImport = word === 'import' && next !== OPEN_PAREN && next !== DOT
      }
      if (needed && !(c >= 48 && c <= 57) && !NOT_NAMES.has(word)) {
        if (current.isImport || namesNext || (depth === 0 && nameExpected) || (patternDepth >= 0 && depth > patternDepth)) current.declares.add(word)
      }
      if (depth === 0) {
        if (VARIABLES.has(word)) {
          declaring = true
          nameExpected = true
        } else if (NAMES_NEXT.has(word)) namesNext = true
        else if (!NOT_NAMES.has(word)) {
          namesNext = false
          nameExpected = false
        }
      }
      i = j
      last = WORD
      lastWord = word
      newline = false
      continue
    }
    if (depth === 0 && !current.head && last === SEMICOLON && c !== SEMICOLON && c !== CLOSE_BRACE) {
      out.push(current)
      current = statementFrom(i)
      declaring = false
      nameExpected = false
      patternDepth = -1
    }
    current.head = false
    if (c !== STAR) namesNext = false
    if (c === QUOTE || c === DOUBLE_QUOTE || c === BACKTICK) {
      const end = c === BACKTICK ? skipTemplate(text, i) : skipQuoted(text, i, c)
      if (end < 0) return undefined
      i = end
      last = c
      lastWord = ''
      newline = false
      continue
    }
    if (c === SLASH && (last === WORD ? REGEX_AFTER_WORD.has(lastWord === '' ? text.slice(wordStart, wordEnd) : lastWord) : regexAfter(last))) {
      const end = skipRegex(text, i)
      if (end < 0) return undefined
      i = end
      // A regular expression is a value, like a word: a `/` after it divides.
      last = WORD
      lastWord = 'regex'
      newline = false
      continue
    }
    if (c === DOT && text.charCodeAt(i + 1) === DOT && text.charCodeAt(i + 2) === DOT) {
      i += 3
      last = COMMA
      lastWord = ''
      newline = false
      continue
    }
    if (c === OPEN_BRACE || c === OPEN_PAREN || c === OPEN_BRACKET) {
      if (depth === 0 && nameExpected && c !== OPEN_PAREN) patternDepth = 0
      depth += 1
    } else if (c === CLOSE_BRACE || c === CLOSE_PAREN || c === CLOSE_BRACKET) {
      depth -= 1
      if (depth < 0) return undefined
      if (depth === 0 && patternDepth === 0) {
        patternDepth = -1
        nameExpected = false
      }
    } else if (depth === 0 && c === COMMA && declaring) nameExpected = true
    else if (depth === 0 && (c === EQUALS || c === COLON)) nameExpected = false
    else if (depth === 0 && c === SEMICOLON) declaring = false
    i += 1
    last = c
    lastWord = ''
    newline = false
  }
  if (depth !== 0) return undefined
  out.push(current)
  return out
}

/** The significant character (or word) before `at`, read backwards: what decides a `/` there. */
function lastSignificant(text: string, at: number): { last: number; word: string } {
  let k = at - 1
  while (k >= 0 && isSpace(text.charCodeAt(k))) k -= 1
  if (k < 0) return { last: SEMICOLON, word: '' }
  const c = text.charCodeAt(k)
  if (!isWordCode(c)) return { last: c, word: '' }
  let from = k
  while (from > 0 && isWordCode(text.charCodeAt(from - 1))) from -= 1
  return { last: WORD, word: text.slice(from, k + 1) }
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
    if (c === BACKSLASH) j += 1
    else if (c === quote) return j + 1
    else if (c === NEWLINE) return -1
  }
  return -1
}

/** Index past a template literal at `i`, `${…}` holes (with nested strings and templates) included. */
function skipTemplate(text: string, i: number): number {
  for (let j = i + 1; j < text.length; j += 1) {
    const c = text.charCodeAt(j)
    if (c === BACKSLASH) j += 1
    else if (c === BACKTICK) return j + 1
    else if (c === DOLLAR && text.charCodeAt(j + 1) === OPEN_BRACE) {
      const end = skipHole(text, j + 1)
      if (end < 0) return -1
      j = end - 1
    }
  }
  return -1
}

/** Index past the `{…}` of a template hole at `i`: its strings, templates, comments and regular expressions skipped. */
function skipHole(text: string, i: number): number {
  let depth = 0
  for (let j = i; j < text.length; j += 1) {
    const c = text.charCodeAt(j)
    if (c === QUOTE || c === DOUBLE_QUOTE) {
      const end = skipQuoted(text, j, c)
      if (end < 0) return -1
      j = end - 1
    } else if (c === BACKTICK) {
      const end = skipTemplate(text, j)
      if (end < 0) return -1
      j = end - 1
    } else if (c === SLASH) {
      const next = text.charCodeAt(j + 1)
      let end = j + 1
      if (next === SLASH) end = text.indexOf('\n', j)
      else if (next === STAR) end = text.indexOf('*/', j + 2) + 2
      else {
        // `${text.replace(/["\\]/g, …)}`: a quote inside a regular expression is no string.
        const before = lastSignificant(text, j)
        if (before.last === WORD ? REGEX_AFTER_WORD.has(before.word) : regexAfter(before.last)) end = skipRegex(text, j)
      }
      if (end < 0 || end === 1) return -1
      j = end - 1
    } else if (c === OPEN_BRACE) depth += 1
    else if (c === CLOSE_BRACE) {
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
    if (c === BACKSLASH) j += 1
    else if (c === NEWLINE) return -1
    else if (inClass) {
      if (c === CLOSE_BRACKET) inClass = false
    } else if (c === OPEN_BRACKET) inClass = true
    else if (c === SLASH) {
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
export function relevantSegments(text: string, anchors: readonly Anchor[]): Segment[] | undefined {
  const statements = scan(text)
  if (statements === undefined || statements.length < 2) return undefined
  const starts = statements.map((statement) => statement.start)
  const endOf = (index: number) => starts[index + 1] ?? text.length
  // 2: holds the anchor of a rule that follows users, or uses what such a statement declares (its
  // own users matter too); 1: holds another anchor, or declares something a kept statement uses.
  const keep = new Uint8Array(statements.length)
  const seen = new Set<string>()
  for (const { pattern, followsUsers } of anchors) {
    const key = `${pattern.source}/${pattern.flags}/${followsUsers}`
    if (seen.has(key)) continue
    seen.add(key)
    const level = followsUsers ? 2 : 1
    const global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`)
    for (const match of text.matchAll(global)) {
      const index = statementAt(starts, match.index ?? 0)
      if ((keep[index] as number) < level) keep[index] = level
    }
  }
  const declaredBy = new Map<string, number[]>()
  statements.forEach((statement, index) => {
    for (const name of statement.declares) push(declaredBy, name, index)
  })
  const raised: number[] = []
  const raise = (index: number, level: number) => {
    if ((keep[index] as number) >= level) return
    keep[index] = level
    raised.push(index)
  }
  keep.forEach((level, index) => {
    if (level > 0) raised.push(index)
  })
  if (raised.length === 0) return undefined
  while (raised.length > 0) {
    const round = raised.splice(0)
    // What they use: the declarations, kept at level 1.
    for (const index of round) {
      for (const name of usedNames(text, statements[index]?.start ?? 0, endOf(index))) for (const other of declaredBy.get(name) ?? []) raise(other, 1)
    }
    // What uses the level-2 ones, at level 2; never through an import (an import used everywhere
    // would keep the whole file). One search over the text for all their names of this round.
    const names = new Set<string>()
    for (const index of round) {
      const statement = statements[index] as Scanned
      if ((keep[index] as number) === 2 && !statement.isImport) for (const name of statement.declares) names.add(name)
    }
    if (names.size > 0) {
      const pattern = new RegExp(`(?<![\\w$\\u0080-\\uffff])(?:${[...names].map(escapeName).join('|')})(?![\\w$\\u0080-\\uffff])`, 'g')
      for (const match of text.matchAll(pattern)) raise(statementAt(starts, match.index ?? 0), 2)
    }
  }
  if (keep.every((level) => level > 0)) return undefined
  const segments: Segment[] = []
  statements.forEach((statement, index) => {
    if ((keep[index] as number) === 0) return
    const end = endOf(index)
    const previous = segments.at(-1)
    if (previous !== undefined && previous.end === statement.start) segments[segments.length - 1] = { start: previous.start, end }
    else segments.push({ start: statement.start, end })
  })
  return segments
}

// An identifier, with the dots before it: one dot makes it a property name, not a use.
const IDENTIFIER = /(?<![\w$\u0080-\uffff.])(\.*)([A-Za-z_$\u0080-\uffff][\w$\u0080-\uffff]*)/g

/** The names a statement may use (words in its strings too: a superset only keeps more). */
function usedNames(text: string, start: number, end: number): Set<string> {
  const names = new Set<string>()
  for (const match of text.slice(start, end).matchAll(IDENTIFIER)) if (match[1]?.length !== 1) names.add(match[2] as string)
  return names
}

function escapeName(name: string): string {
  return name.replace(/[$]/g, '\\$')
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

/**
 * The kept statements as one short script, each piece passed through `transform` (which must keep
 * its length), with a `;` between pieces: it ends the statement before a gap as the dropped one
 * did (without it, `const a = b` followed by a kept `(f)()` would read as the call `b(f)()`).
 * Parsing this instead of the file with blanks in the gaps skips scanning the blanks (measured:
 * about a third of the sliced parse); `restoreOffsets` maps the tree back onto the file.
 */
export function compactSegments(text: string, segments: readonly Segment[], transform: (piece: string) => string = (piece) => piece): Compacted {
  const parts: string[] = []
  const pieces: Array<{ at: number; from: number; length: number }> = []
  let at = 0
  for (const segment of segments) {
    if (parts.length > 0) {
      parts.push(GAP)
      at += GAP.length
    }
    const piece = transform(text.slice(segment.start, segment.end))
    parts.push(piece)
    pieces.push({ at, from: segment.start, length: piece.length })
    at += piece.length
  }
  return { code: parts.join(''), pieces, length: text.length }
}

const GAP = '\n;'

export interface Compacted {
  readonly code: string
  /** Where each piece is in `code` (`at`) and in the file (`from`). */
  readonly pieces: ReadonlyArray<{ readonly at: number; readonly from: number; readonly length: number }>
  /** The file's length: the Program spans it. */
  readonly length: number
}

interface Positioned {
  type: string
  start: number
  end: number
}

/** Moves every node's `start`/`end` from the compact script to the file (the Program spans the file). */
export function restoreOffsets(program: Positioned, compacted: Compacted): void {
  const pending: unknown[] = [program]
  for (let value = pending.pop(); value !== undefined; value = pending.pop()) {
    if (Array.isArray(value)) {
      for (const item of value) if (typeof item === 'object' && item !== null) pending.push(item)
      continue
    }
    const node = value as Record<string, unknown>
    if (typeof node.type !== 'string' || typeof node.start !== 'number' || typeof node.end !== 'number') continue
    node.start = toFile(compacted, node.start, false)
    node.end = toFile(compacted, node.end, true)
    for (const key in node) {
      const child = node[key]
      if (typeof child === 'object' && child !== null) pending.push(child)
    }
  }
  program.start = 0
  program.end = compacted.length
}

/** A compact offset as a file offset; one inside a gap goes to the piece after it (a start) or before it (an end). */
function toFile(compacted: Compacted, offset: number, isEnd: boolean): number {
  const { pieces } = compacted
  let low = 0
  let high = pieces.length - 1
  while (low < high) {
    const middle = (low + high + 1) >> 1
    if ((pieces[middle]?.at ?? 0) <= offset) low = middle
    else high = middle - 1
  }
  const piece = pieces[low]
  if (piece === undefined) return offset
  if (offset <= piece.at + piece.length) return piece.from + Math.max(0, offset - piece.at)
  const next = pieces[low + 1]
  return isEnd || next === undefined ? piece.from + piece.length : next.from
}
