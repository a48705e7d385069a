import { NEEDLE_FILTER_WASM } from './needle-filter-wasm.js'
import { ensureMemory, instantiate, type WasmMemory } from './wasm-instance.js'

/**
 * Whether a file holds any of a few ASCII needles, case-insensitively, without decoding it: the
 * bytes are read straight into the filter's memory and searched 16 at a time with WebAssembly SIMD
 * (needle-filter.wat says how). The same answer as the needles' case-insensitive regex on a latin1
 * view of the bytes (test/scan/needle-filter.test.ts), 4-5x faster on one thread: 1.3 GB/s against
 * 0.32 GB/s on this repository's node_modules, 2 GB/s against 0.4-0.7 on the scan bench's tree
 * (bench/needle-filter-bench.js), and no latin1 copy of each file.
 */
export interface NeedleFilter {
  /**
   * Room to read at least `size` bytes into (all the room there is: it may be longer), valid until
   * the next call of `space`. Growing keeps what the last room held.
   */
  space(size: number): Uint8Array
  /** Whether the first `length` bytes of the last space hold a needle. */
  matches(length: number): boolean
}

// The memory layout needle-filter.wat reads: six fingerprint tables, then the needle count, then the needles.
const TABLES = 0
const COUNT = 96
const NEEDLES = 100
// The loads at +1 and +2 read up to 18 bytes past the end of the data.
const SLACK = 32
interface FilterExports {
  readonly memory: WasmMemory
  scan(data: number, length: number): number
}

/**
 * A filter for these needles (ASCII, 3 to 255 characters each), or undefined where WebAssembly
 * SIMD is missing: the caller then tests `needleRegex(needles)` on a latin1 view instead.
 */
export function createNeedleFilter(needles: readonly string[]): NeedleFilter | undefined {
  const exports = instantiate<FilterExports>(NEEDLE_FILTER_WASM)
  if (exports === undefined) return undefined
  const { memory, scan } = exports
  const encoded = needles.map(lowercaseBytes)
  const data = align(NEEDLES + encoded.reduce((sum, needle) => sum + 1 + needle.length, 0), 16)
  ensureMemory(memory, data + SLACK)
  const view = new Uint8Array(memory.buffer)
  view.set(fingerprints(encoded), TABLES)
  new DataView(memory.buffer).setUint32(COUNT, encoded.length, true)
  let at = NEEDLES
  for (const needle of encoded) {
    view[at] = needle.length
    view.set(needle, at + 1)
    at += 1 + needle.length
  }
  return {
    space(size) {
      ensureMemory(memory, data + size + SLACK)
      // A new view each time: growing the memory detaches the old buffer.
      return new Uint8Array(memory.buffer, data, memory.buffer.byteLength - data - SLACK)
    },
    matches(length) {
      return scan(data, length) === 1
    },
  }
}

function lowercaseBytes(needle: string): Uint8Array {
  if (!/^[\x20-\x7e]{3,255}$/.test(needle)) throw new Error(`a needle must be 3 to 255 printable ASCII characters: ${JSON.stringify(needle)}`)
  return Uint8Array.from(needle.toLowerCase(), (char) => char.charCodeAt(0))
}

/**
 * The six tables: for the needle's byte k (0, 1, 2), OR 0x20 as the filter reads the input, the
 * bucket bit at its low nibble and at its high nibble. Needles that share a first byte share a
 * bucket, so the tables' cross-products (a low nibble of one needle with the high nibble of
 * another) stay few; a bucket is only a speed matter, since every candidate is checked exactly.
 */
function fingerprints(needles: readonly Uint8Array[]): Uint8Array {
  const tables = new Uint8Array(96)
  const firsts: number[] = []
  for (const needle of needles) {
    const first = (needle[0] ?? 0) | 0x20
    if (!firsts.includes(first)) firsts.push(first)
    const bit = 1 << (firsts.indexOf(first) % 8)
    for (let k = 0; k < 3; k += 1) {
      const byte = (needle[k] ?? 0) | 0x20
      tables[k * 32 + (byte & 15)] = (tables[k * 32 + (byte & 15)] ?? 0) | bit
      tables[k * 32 + 16 + (byte >> 4)] = (tables[k * 32 + 16 + (byte >> 4)] ?? 0) | bit
    }
  }
  return tables
}

function align(value: number, to: number): number {
  return Math.ceil(value / to) * to
}
