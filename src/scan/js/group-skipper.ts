import { Buffer } from 'node:buffer'
import { GROUP_SKIPPER_WASM } from './group-skipper-wasm.js'

/**
 * The slicer's inner loop in WebAssembly (group-skipper.wat says what it does and why): where a
 * bracket opened at the top level of a script closes. Compiled code from the first file, where the
 * same loop in JavaScript ran 3-4x slower until the JIT had warmed up (bench/scan-bench.js).
 */
export interface GroupSkipper {
  /** Takes the text the next calls of `skipGroup` read. */
  load(text: string): void
  /** From `from`, just inside the bracket `open` (its character code): the index of its closing bracket, or -1 when the scanner gives up. */
  skipGroup(from: number, open: number): number
}

/** What the slicer decides with, handed over so that both loops read the same tables. */
export interface SkipperTables {
  /** The kind of each ASCII character: 0 punctuation, 1 blank, 2 part of a word. */
  readonly kinds: Uint8Array
  /** 1 for each ASCII character after which a `/` starts a regular expression. */
  readonly regexAfter: Uint8Array
  /** The words after which a `/` starts a regular expression. */
  readonly regexWords: readonly string[]
}

/** The part of the WebAssembly API used here (Node's types for Node 20 do not declare it; see needle-filter.ts). */
interface WasmApi {
  validate(bytes: Uint8Array): boolean
  Module: new (bytes: Uint8Array) => object
  Instance: new (module: object) => { readonly exports: SkipperExports }
}
interface SkipperExports {
  readonly memory: { readonly buffer: ArrayBuffer; grow(pages: number): number }
  setLength(length: number): void
  skipGroup(from: number, open: number): number
}

const KEYWORDS = 256
const TEXT = 4096
const PAGE = 65_536

/** A skipper over these tables, or undefined where WebAssembly is missing (the slicer then runs its JavaScript loop). */
export function createGroupSkipper(tables: SkipperTables): GroupSkipper | undefined {
  const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly
  let exports: SkipperExports
  try {
    const bytes = Uint8Array.from(atob(GROUP_SKIPPER_WASM), (char) => char.charCodeAt(0))
    if (wasm?.validate(bytes) !== true) return undefined
    exports = new wasm.Instance(new wasm.Module(bytes)).exports
  } catch {
    return undefined
  }
  const { memory, setLength, skipGroup } = exports
  const view = new Uint8Array(memory.buffer)
  view.set(tables.kinds.subarray(0, 128), 0)
  view.set(tables.regexAfter.subarray(0, 128), 128)
  view[KEYWORDS] = tables.regexWords.length
  let at = KEYWORDS + 1
  for (const word of tables.regexWords) {
    view[at] = word.length
    for (let k = 0; k < word.length; k += 1) view[at + 1 + k] = word.charCodeAt(k)
    at += 1 + word.length
  }
  if (at > TEXT) throw new Error('too many keywords for the group skipper')
  return {
    load(text) {
      const bytes = TEXT + text.length * 2
      if (bytes > memory.buffer.byteLength) memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / PAGE))
      // UTF-16 code units as they are (lone surrogates too), so that indexes are the string's.
      Buffer.from(memory.buffer).write(text, TEXT, 'utf16le')
      setLength(text.length)
    },
    skipGroup,
  }
}
