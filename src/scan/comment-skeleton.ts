import { Buffer } from 'node:buffer'
import { BACKSLASH, BACKTICK, DOUBLE_QUOTE, HASH, NEWLINE, OPEN_BRACKET, QUOTE, SLASH, STAR } from './char-codes.js'
import { COMMENT_SKELETON_WASM } from './comment-skeleton-wasm.js'
import { withoutMarkupComments } from './markup-comments.js'
import { ensureMemory, instantiate, type WasmMemory } from './wasm-instance.js'
import type { Language } from './types.js'

/**
 * The text with comments blanked, line breaks kept (strings kept: the patterns read keys like
 * "email_verified"), and in markup also HTML comments: a snippet inside a comment is not loaded,
 * so no rule may read it. Offsets stay the file's. In WebAssembly (comment-skeleton.wat) unless
 * `wasm` is false (the tests compare both) or WebAssembly is missing: the pattern rules read
 * megabytes of vendor bundles through this, and the JavaScript loop ran cold on most of them.
 */
export function commentSkeleton(text: string, language: Language, wasm = true): string {
  const syntax: CommentSyntax = {
    slash: language !== 'python' && language !== 'ruby',
    hash: language === 'python' || language === 'ruby' || language === 'php',
    php: language === 'php',
  }
  const blanker = wasm ? wasmBlanker() : null
  const blanked = blanker === null ? blankCommentsJs(text, syntax) : blanker(text, syntax)
  return withoutMarkupComments(blanked, language)
}

/** Which comments a language has: line and block comments (and backtick strings), `#` comments, and PHP attributes (`#[`) that are none. */
interface CommentSyntax {
  readonly slash: boolean
  readonly hash: boolean
  readonly php: boolean
}

interface SkeletonExports {
  readonly memory: WasmMemory
  skeleton(length: number, slash: number, hash: number, php: number): void
}

let blanker: ((text: string, syntax: CommentSyntax) => string) | null | undefined

/** The WebAssembly loop, made once per thread; null where WebAssembly is missing. */
function wasmBlanker(): ((text: string, syntax: CommentSyntax) => string) | null {
  if (blanker !== undefined) return blanker
  blanker = null
  const exports = instantiate<SkeletonExports>(COMMENT_SKELETON_WASM)
  if (exports === undefined) return blanker
  const { memory, skeleton } = exports
  blanker = (text, { slash, hash, php }) => {
    const size = text.length * 2
    ensureMemory(memory, size)
    // UTF-16 code units as they are (lone surrogates too), in and out: the same length, the same offsets.
    const view = Buffer.from(memory.buffer, 0, size)
    view.write(text, 0, 'utf16le')
    skeleton(text.length, slash ? 1 : 0, hash ? 1 : 0, php ? 1 : 0)
    return view.toString('utf16le')
  }
  return blanker
}

/** The JavaScript loop: the reference for the WebAssembly one, and the fallback where WebAssembly is missing. */
function blankCommentsJs(text: string, { slash, hash, php }: CommentSyntax): string {
  // The text between comments is copied in slices and each comment becomes blanks: a character
  // array of a 3 MB bundle took ~30 MB and most of the time of a regex rule on it.
  const parts: string[] = []
  let copied = 0
  const blank = (from: number, to: number) => {
    // Line by line: a regex replacing each character took most of this on bundles with long comments.
    parts.push(
      text.slice(copied, from),
      text
        .slice(from, to)
        .split('\n')
        .map((line) => ' '.repeat(line.length))
        .join('\n'),
    )
    copied = to
  }
  // Character codes, not one-character strings: this loop reads every character of a file.
  const length = text.length
  let i = 0
  while (i < length) {
    const c = text.charCodeAt(i)
    if (c === DOUBLE_QUOTE || c === QUOTE || (c === BACKTICK && slash)) {
      // Python triple quotes and Go raw strings end at the same quote: good enough to skip.
      let j = i + 1
      while (j < length) {
        const d = text.charCodeAt(j)
        if (d === c || (d === NEWLINE && c !== BACKTICK)) break
        j += d === BACKSLASH ? 2 : 1
      }
      i = j + 1
    } else if (slash && c === SLASH && text.charCodeAt(i + 1) === SLASH) {
      const end = lineEnd(text, i)
      blank(i, end < 0 ? length : end)
      i = end < 0 ? length : end
    } else if (slash && c === SLASH && text.charCodeAt(i + 1) === STAR) {
      const end = text.indexOf('*/', i + 2)
      blank(i, end < 0 ? length : end + 2)
      i = end < 0 ? length : end + 2
    } else if (hash && c === HASH && (!php || text.charCodeAt(i + 1) !== OPEN_BRACKET)) {
      const end = lineEnd(text, i)
      blank(i, end < 0 ? length : end)
      i = end < 0 ? length : end
    } else i += 1
  }
  parts.push(text.slice(copied))
  return parts.join('')
}

/**
 * Where the line from `from` ends (-1: at the end of the text). A loop, not `indexOf('\n', from)`:
 * in this function, after files of other languages, `indexOf` became slow enough to take 0.7 s on
 * a 364 KB pdf.js (V8 11.3, measured over the 4,979 files of the stored repositories; 1 ms alone).
 */
function lineEnd(text: string, from: number): number {
  for (let j = from; j < text.length; j += 1) if (text.charCodeAt(j) === NEWLINE) return j
  return -1
}
