import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { filterFiles } from '../../src/cli/commands/scan-worker.js'
import { allRules } from '../../src/rules/index.js'
import { commentSkeleton } from '../../src/scan/comment-skeleton.js'
import { relevantSegments } from '../../src/scan/js/slice.js'
import { createNeedleFilter } from '../../src/scan/needle-filter.js'
import { READ_NEEDLES } from '../../src/scan/prefilter.js'
import { scanFile, sourceFile } from '../../src/scan/scan-file.js'

// Where WebAssembly is missing (or lacks SIMD), every WebAssembly part of the scanner has a
// JavaScript or regex version. This file runs them all without it: the modules make their
// WebAssembly instances on first use, and nothing here uses them before the stub.
vi.stubGlobal('WebAssembly', undefined)
const dir = mkdtempSync(join(tmpdir(), 'asap-doctor-no-wasm-'))
afterAll(() => {
  rmSync(dir, { recursive: true, force: true })
  vi.unstubAllGlobals()
})

describe('the scanner without WebAssembly', () => {
  it('has no needle filter, and the reader tests the needles as a regex instead', () => {
    expect(createNeedleFilter(READ_NEEDLES)).toBeUndefined()
    const files = ['export const a = 1\n', 'const key = process.env.ZOHO_ASAP_SECRET\n', 'res.json({})\n'].map((text, k) => {
      const absolute = join(dir, `f${k}.js`)
      writeFileSync(absolute, text)
      return { absolute, display: `f${k}.js` }
    })
    const passed: number[] = []
    filterFiles({ files, maxBytes: 1e6 }, (order) => passed.push(order))
    expect(passed).toEqual([1, 2])
  })

  it('slices with the JavaScript scanner and blanks comments with the JavaScript loop', () => {
    const code = 'function noise() { return 1 }\n// ZohoDeskAsap\nZohoDeskAsapReady(() => 1)'
    expect(
      relevantSegments(code, [{ pattern: /ZohoDeskAsapReady/, followsUsers: false }])?.map((segment) => code.slice(segment.start, segment.end).trim()),
    ).toEqual(['ZohoDeskAsapReady(() => 1)'])
    expect(commentSkeleton('a // b\nc', 'javascript')).toBe('a     \nc')
  })

  it('still finds what the rules find', () => {
    const text = `${'export function helper(a) { return a / 2 }\n'.repeat(200)}window.ZohoDeskAsap.invoke('login', (ok) => ok(localStorage.getItem('jwt')))\n`
    const file = sourceFile('src/page.js', text)
    if (file === undefined) throw new Error('not scanned')
    const ids = scanFile(file, allRules, {}).findings.map((finding) => finding.ruleId)
    expect(ids).toContain('login-outside-ready')
    expect(ids).toContain('token-not-fresh')
  })
})
