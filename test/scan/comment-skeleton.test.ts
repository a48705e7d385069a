/// <reference types="vite/client" />
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { languageOf } from '../../src/scan/classify.js'
import { commentSkeleton } from '../../src/scan/comment-skeleton.js'
import type { Language } from '../../src/scan/types.js'
import type { RuleCase } from '../rules/case-types.js'

const tables = import.meta.glob<{ cases: readonly RuleCase[] }>('../rules/*.cases.ts', { eager: true })
const LANGUAGES: readonly Language[] = ['javascript', 'typescript', 'html', 'template', 'vue', 'python', 'ruby', 'php', 'java', 'go', 'csharp', 'kotlin']

/** The WebAssembly loop and the JavaScript one give the same skeleton. */
function same(text: string, language: Language): void {
  expect(commentSkeleton(text, language, true)).toBe(commentSkeleton(text, language, false))
}

describe('commentSkeleton: comments blanked, line breaks and offsets kept', () => {
  const cases: Array<[string, Language, string, string]> = [
    ['a line comment', 'javascript', 'a // x\nb', 'a     \nb'],
    ['a block comment over lines', 'javascript', 'a /* x\ny */ b', 'a     \n     b'],
    ['a block comment that never ends runs to the end', 'javascript', 'a /* x\ny', 'a     \n '],
    ['strings are kept, comment marks inside them too', 'javascript', `'//' "/*" \`#\` // c`, `'//' "/*" \`#\`     `],
    ['a backtick string spans lines', 'javascript', '`a\n// b` // c', '`a\n// b`     '],
    ['an escaped quote does not end a string', 'javascript', "'a\\' // b' // c", "'a\\' // b'     "],
    ['a string ends at its line', 'javascript', "'a\n// b", "'a\n    "],
    ['a `#` comment in Python, not `//`', 'python', 'a # x\nb // c', 'a    \nb // c'],
    ['Ruby too', 'ruby', 'a = 1 # x', 'a = 1    '],
    ['PHP has both, but `#[` is an attribute', 'php', '#[Attr]\n# x\n// y', '#[Attr]\n   \n    '],
    ['HTML comments in markup', 'html', '<!-- <script src="x"></script> -->\n<p>', `${' '.repeat(34)}\n<p>`],
    ['a carriage return is blanked, a line feed kept', 'javascript', '// a\r\nb', '     \nb'],
  ]
  for (const [name, language, text, skeleton] of cases) {
    it(name, () => {
      expect(commentSkeleton(text, language, false)).toBe(skeleton)
      expect(commentSkeleton(text, language, true)).toBe(skeleton)
    })
  }
})

function* filesUnder(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) yield* filesUnder(path)
    else yield path
  }
}

// The pattern rules read the skeleton in WebAssembly (comment-skeleton.wat); the JavaScript loop it
// stands for must give the same text everywhere.
describe('the WebAssembly comment skeleton is the JavaScript one', () => {
  it('on every rule case, in its own language', () => {
    for (const { cases } of Object.values(tables)) {
      for (const testCase of cases) {
        const language = languageOf(testCase.path)
        if (language !== undefined) same(testCase.code, language)
      }
    }
  })

  it('on every fixture file', () => {
    for (const path of filesUnder('fixtures/scan')) {
      const language = languageOf(path)
      if (language !== undefined) same(readFileSync(path, 'utf8'), language)
    }
  })

  it('after a long text, on a short one (the memory is reused)', () => {
    same(`/* ${'x'.repeat(100_000)} */`, 'javascript')
    same('a // b', 'javascript')
    expect(commentSkeleton('a // b', 'javascript')).toBe('a     ')
  })

  it('on random text made of the characters that matter, in every language (property)', () => {
    const unit = fc.constantFrom(...'/*#[\'"`\\\n\r ab', '//', '/*', '*/', '#[', '\u00fc', '\ud800', '\u2028')
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 40 }), fc.constantFrom(...LANGUAGES), (parts, language) => {
        same(parts.join(''), language)
      }),
      { numRuns: 20_000 },
    )
  })
})
