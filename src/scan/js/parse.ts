import { createRequire } from 'node:module'
import type { Options } from 'acorn'
import type * as AcornLoose from 'acorn-loose'
import { parseModule, parseScript } from 'meriyah'
import { eraseJsx } from './erase-jsx.js'
import { eraseTypes } from './erase-types.js'
import { type Anchor, compactSegments, relevantSegments, restoreOffsets } from './slice.js'

/**
 * An ESTree node as acorn produces it. Kept structural (no per-type interfaces) so code that walks
 * the tree works unchanged on acorn-loose's recovered trees; `ast.ts` has typed accessors.
 */
export interface AstNode {
  readonly type: string
  readonly start: number
  readonly end: number
  readonly [key: string]: unknown
}

export interface ParsedProgram {
  readonly program: AstNode
  /** `strict` when acorn accepted the (erased) code, `loose` when acorn-loose had to recover. */
  readonly parser: 'strict' | 'loose'
}

export interface ParseOptions {
  readonly typescript: boolean
  readonly jsx: boolean
  /**
   * Where what the rules look for is (their triggers): a script of at least `sliceFrom` characters
   * is first parsed without the top-level statements that have nothing to do with them (see
   * slice.ts). Without anchors the whole text is parsed.
   */
  readonly anchors?: readonly Anchor[]
  readonly sliceFrom?: number
}

/**
 * Scripts from this size on are sliced. Below it, parsing the whole costs about as little as
 * finding what to keep (measured on bench/scan-bench.js), and small files are most of what the
 * rules' case tables hold, so those run exactly as written.
 */
export const SLICE_FROM = 4096

// acorn and acorn-loose are loaded on the first file meriyah refuses (few do): about 20 ms of every
// scan's start-up otherwise. Their CommonJS builds, so the load is synchronous.
const load = createRequire(import.meta.url)
const parseStrict = (code: string, options: Options): unknown => (load('acorn') as typeof import('acorn')).parse(code, options)
const parseLoose = (code: string, options: Options): unknown => (load('acorn-loose') as typeof AcornLoose).parse(code, options)

const OPTIONS: Options = {
  ecmaVersion: 'latest',
  sourceType: 'module',
  allowHashBang: true,
  allowReturnOutsideFunction: true,
  allowImportExportEverywhere: true,
  allowAwaitOutsideFunction: true,
}

/**
 * Parses JavaScript, TypeScript or JSX, never throwing: plain JavaScript goes straight to acorn;
 * TypeScript and JSX are first erased to JavaScript of the same length (see erase-types/erase-jsx);
 * when acorn still refuses, acorn-loose recovers. Offsets always refer to `text`.
 */
export function parseProgram(text: string, options: ParseOptions): ParsedProgram | undefined {
  const segments = options.anchors !== undefined && text.length >= (options.sliceFrom ?? SLICE_FROM) ? relevantSegments(text, options.anchors) : undefined
  if (segments !== undefined) {
    // TypeScript and JSX are erased piece by piece: each kept piece is whole statements.
    const erase = options.typescript || options.jsx ? (piece: string) => eraseTypesAndJsx(piece, options) : undefined
    const compacted = compactSegments(text, segments, erase)
    const sliced = strict(compacted.code)
    if (sliced !== undefined) {
      restoreOffsets(sliced.program as unknown as Parameters<typeof restoreOffsets>[0], compacted)
      return sliced
    }
    // The kept statements do not parse on their own (or the code needs erasing): the whole text, as always.
  }
  return parseWhole(text, options)
}

function eraseTypesAndJsx(text: string, options: ParseOptions): string {
  const withoutJsx = options.jsx ? eraseJsx(text) : text
  return options.typescript ? eraseTypes(withoutJsx) : withoutJsx
}

function parseWhole(text: string, options: ParseOptions): ParsedProgram | undefined {
  // Plain JavaScript first, as it is: most files parse, and erasing costs as much as parsing.
  if (!options.typescript && !options.jsx) {
    const plain = strict(text)
    if (plain !== undefined) return plain
  }
  // JSX also in plain JavaScript that looks like it holds some.
  const erased = eraseTypesAndJsx(text, { ...options, jsx: options.jsx || (!options.typescript && /<[A-Za-z>]/.test(text)) })
  if (erased !== text || options.typescript || options.jsx) {
    const parsed = strict(erased)
    if (parsed !== undefined) return parsed
  }
  const loose = tryParse(() => parseLoose(erased, OPTIONS))
  return loose === undefined ? undefined : { program: loose, parser: 'loose' }
}

// meriyah first: measured 1.5-3x faster than acorn on the same files (bench/scan-bench.js) with
// the same ESTree shape (start/end offsets with `ranges`). acorn stays behind it for what only
// acorn's options allow (import/export inside blocks), then acorn-loose recovers broken code.
const MERIYAH = { ranges: { start: true, end: true }, next: true, globalReturn: true } as const

function strict(code: string): ParsedProgram | undefined {
  const fast = tryParse(() => parseModule(code, MERIYAH)) ?? tryParse(() => parseScript(code, { ...MERIYAH, webcompat: true }))
  if (fast !== undefined) return { program: fast, parser: 'strict' }
  const program = tryParse(() => parseStrict(code, OPTIONS))
  if (program !== undefined) return { program, parser: 'strict' }
  // A script (not a module) allows `with`, octal literals and `delete x`, as old bundles use.
  const script = tryParse(() => parseStrict(code, { ...OPTIONS, sourceType: 'script' }))
  return script === undefined ? undefined : { program: script, parser: 'strict' }
}

function tryParse(run: () => unknown): AstNode | undefined {
  try {
    const node = run()
    return isNode(node) ? node : undefined
  } catch {
    return undefined
  }
}

export function isNode(value: unknown): value is AstNode {
  return typeof value === 'object' && value !== null && 'type' in value && typeof value.type === 'string' && 'start' in value && typeof value.start === 'number'
}
