import { Buffer } from 'node:buffer'
import { ensureMemory, instantiate, type WasmMemory } from '../wasm-instance.js'
import type { Scanned } from './slice.js'
import { STATEMENT_SCANNER_WASM } from './statement-scanner-wasm.js'

/**
 * The slicer's scanner in WebAssembly (statement-scanner.wat says what it does and why): a script's
 * top-level statements and the names each declares. Compiled code from the first file, where the
 * same loop in JavaScript ran 3-4x slower until the JIT had warmed up (bench/scan-bench.js).
 */
export interface StatementScanner {
  /**
   * The statements of `text`: where each starts, what it declares, whether it is an import;
   * undefined when the scanner gives up, 'full' when they did not fit its output (then the
   * caller runs the JavaScript loop).
   */
  scan(text: string): Scanned[] | undefined | 'full'
}

/** What the slicer decides with, handed over so that both loops read the same tables. */
export interface ScannerTables {
  /** The kind of each ASCII character: 0 punctuation, 1 blank, 2 part of a word. */
  readonly kinds: Uint8Array
  /** 1 for each ASCII character after which a `/` starts a regular expression. */
  readonly regexAfter: Uint8Array
  /** 1 for each ASCII character after which a declaration keyword continues the expression. */
  readonly continuesExpression: Uint8Array
  /** The keyword sets, by the flag each sets (KEYWORD_FLAGS). */
  readonly keywords: { readonly [flag in keyof typeof KEYWORD_FLAGS]: ReadonlySet<string> }
}

/** The keyword flags, as the globals of statement-scanner.wat. */
export const KEYWORD_FLAGS = {
  declaration: 1,
  notName: 2,
  continues: 4,
  infix: 8,
  leads: 16,
  regex: 32,
  import: 64,
  variable: 128,
  namesNext: 256,
} as const

interface ScannerExports {
  readonly memory: WasmMemory
  setText(length: number, out: number, capacity: number): void
  scan(): number
}

const KEYWORDS = 384
const TEXT = 4096

/** A scanner over these tables, or undefined where WebAssembly is missing (the slicer then runs its JavaScript loop). */
export function createStatementScanner(tables: ScannerTables): StatementScanner | undefined {
  const exports = instantiate<ScannerExports>(STATEMENT_SCANNER_WASM)
  if (exports === undefined) return undefined
  const { memory, setText, scan } = exports
  writeTables(new Uint8Array(memory.buffer), tables)
  return {
    scan(text) {
      const out = Math.ceil((TEXT + text.length * 2) / 8) * 8
      // Room for a pair per four characters: far more than real code declares (a name is a word
      // and a separator at least); the rare text that fills it goes to the JavaScript loop.
      const capacity = (text.length >> 2) + 64
      ensureMemory(memory, out + capacity * 8)
      // UTF-16 code units as they are (lone surrogates too), so that indexes are the string's.
      Buffer.from(memory.buffer).write(text, TEXT, 'utf16le')
      setText(text.length, out, capacity)
      const count = scan()
      if (count === -1) return undefined
      if (count === -2) return 'full'
      const pairs = new Int32Array(memory.buffer, out, count * 2)
      let current = { start: 0, declares: new Set<string>(), isImport: false }
      const statements = [current]
      for (let k = 0; k < pairs.length; k += 2) {
        const a = pairs[k] as number
        const b = pairs[k + 1] as number
        if (b === -1) {
          current = { start: a, declares: new Set(), isImport: false }
          statements.push(current)
        } else if (a === -2) current.isImport = true
        else current.declares.add(text.slice(a, b))
      }
      return statements
    },
  }
}

function writeTables(view: Uint8Array, tables: ScannerTables): void {
  view.set(tables.kinds.subarray(0, 128), 0)
  view.set(tables.regexAfter.subarray(0, 128), 128)
  view.set(tables.continuesExpression.subarray(0, 128), 256)
  const flags = new Map<string, number>()
  for (const [name, flag] of Object.entries(KEYWORD_FLAGS) as Array<[keyof typeof KEYWORD_FLAGS, number]>) {
    for (const word of tables.keywords[name]) flags.set(word, (flags.get(word) ?? 0) | flag)
  }
  if (flags.size > 255) throw new Error('too many keywords for the statement scanner')
  view[KEYWORDS] = flags.size
  let at = KEYWORDS + 1
  for (const [word, flag] of flags) {
    view[at] = word.length
    view[at + 1] = flag & 0xff
    view[at + 2] = flag >> 8
    for (let k = 0; k < word.length; k += 1) view[at + 3 + k] = word.charCodeAt(k)
    at += 3 + word.length
  }
  if (at > TEXT) throw new Error('too many keywords for the statement scanner')
}
