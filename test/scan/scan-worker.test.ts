import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { scanFiles } from '../../src/cli/commands/scan-files.js'
import { filterFiles } from '../../src/cli/commands/scan-worker.js'
import { allRules } from '../../src/rules/index.js'

// The threads of a large scan share one counter of the next file; this runs two "threads" in turn
// on one list and checks that together they scan every file exactly once.
const dir = mkdtempSync(join(tmpdir(), 'asap-doctor-scan-worker-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const PAGE = `window.ZohoDeskAsapReady(() => {})\nwindow.ZohoDeskAsap.invoke('login', (ok) => ok(localStorage.getItem('jwt')))\n`
const files = Array.from({ length: 37 }, (_, k) => {
  const absolute = join(dir, `file-${k}.js`)
  writeFileSync(absolute, k % 3 === 0 ? PAGE : `export const value${k} = ${k}\n`)
  return { absolute, display: `file-${k}.js` }
})
const job = { files, ruleIds: allRules.map((rule) => rule.id), config: {}, maxBytes: 1024 }

/** 2,100 files in ten folders, a widget page in every 150th: large enough for the filter threads. Written once. */
function largeTree(): string {
  const tree = join(dir, 'tree')
  if (existsSync(tree)) return tree
  for (let k = 0; k < 2100; k += 1) {
    mkdirSync(join(tree, `d${k % 10}`), { recursive: true })
    writeFileSync(join(tree, `d${k % 10}`, `f${k}.js`), k % 150 === 0 ? PAGE : `export const v${k} = ${k}\n`)
  }
  return tree
}

describe('scanFiles', () => {
  it('without a shared counter scans every file, in order', () => {
    const result = scanFiles(job)
    expect(result.scans.map((scan) => scan.order)).toEqual(files.map((_, k) => k).filter((k) => k % 3 === 0))
  })

  it('threads sharing a counter take each file once: what one took, the next does not see', () => {
    const next = new Int32Array(new SharedArrayBuffer(4))
    next[0] = 16
    const late = scanFiles({ ...job, next })
    expect(late.scans.map((scan) => scan.order)).toEqual(files.map((_, k) => k).filter((k) => k >= 16 && k % 3 === 0))
    expect(next[0]).toBeGreaterThanOrEqual(files.length)
    expect(scanFiles({ ...job, next }).scans).toEqual([])
  })

  it('the CLI splits a large tree over worker threads and reports it in walk order, as one thread would', () => {
    const tree = largeTree()
    const run = spawnSync(process.execPath, ['bin/asap-doctor.js', 'scan', tree, '--format', 'json'], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    })
    expect(run.stderr).toBe('')
    expect(run.status).toBe(1)
    const report: { subjects: Array<{ source: { ref: string } }> } = JSON.parse(run.stdout)
    const names = report.subjects.map((subject) => subject.source.ref)
    const expected = Array.from({ length: 2100 }, (_, k) => k)
      .filter((k) => k % 150 === 0)
      .map((k) => `d${k % 10}/f${k}.js`)
    expect(names.map((name) => name.replace(/^.*tree\//, ''))).toEqual([...expected].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)))
  }, 60_000)

  it('on a large tree, an unknown --only id is one line and exit 2, and the started filter threads do not keep the process alive', () => {
    // The filter threads start before the rule ids are checked (they need no rules): they must stop.
    const run = spawnSync(process.execPath, ['bin/asap-doctor.js', 'scan', largeTree(), '--only', 'no-such-rule'], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
      timeout: 30_000,
    })
    expect(run.signal).toBeNull()
    expect(run.status).toBe(2)
    expect(run.stderr.trim().split('\n')).toEqual(['asap-doctor: unknown rule id "no-such-rule" (asap-doctor checks lists them)'])
  }, 60_000)

  it('a file over the size limit is skipped with a warning, an unreadable one too', () => {
    const big = join(dir, 'big.js')
    writeFileSync(big, PAGE.repeat(100))
    const result = scanFiles({
      ...job,
      files: [
        { absolute: big, display: 'big.js' },
        { absolute: join(dir, 'missing.js'), display: 'missing.js' },
      ],
    })
    expect(result.warnings).toEqual(['skipped big.js (larger than 20 MB)', 'skipped missing.js (unreadable)'])
    expect(result.scans).toEqual([])
  })

  it('reuses its read buffer without mixing files: a long file followed by a short one', () => {
    const long = join(dir, 'long.js')
    const short = join(dir, 'short.js')
    writeFileSync(long, `${'// padding\n'.repeat(200)}${PAGE}`)
    writeFileSync(short, 'export const a = 1\n')
    const result = scanFiles({
      ...job,
      maxBytes: 1e6,
      files: [
        { absolute: long, display: 'long.js' },
        { absolute: short, display: 'short.js' },
      ],
    })
    expect(result.scans.map((scan) => scan.file.path)).toEqual(['long.js'])
    expect(result.scans[0]?.file.text.endsWith(PAGE)).toBe(true)
  })

  it('the SIMD needle filter and the regex it stands for pass the same files, with the same text', () => {
    const texts = [
      PAGE,
      'export const v = 1\n',
      'const key = process.env.ASAP_SECRET\n',
      'res.json({ ok: true })\n',
      '// caf\u00e9: no needle, but UTF-8 bytes\n',
      '<meta http-equiv="Content-Security-Policy" content="script-src \'self\'">\n',
      `${'x'.repeat(4000)}\u00fcZoHo`,
      'not_befor',
    ]
    const mixed = texts.map((text, k) => {
      const absolute = join(dir, `mixed-${k}.js`)
      writeFileSync(absolute, text)
      return { absolute, display: `mixed-${k}.js` }
    })
    const passed = (needles: 'simd' | 'regex') => {
      const out: Array<[number, string]> = []
      filterFiles({ files: mixed, maxBytes: 1e6, needles }, (order, text) => out.push([order, text]))
      return out
    }
    expect(passed('simd')).toEqual(passed('regex'))
    expect(passed('simd').map(([order]) => order)).toEqual([0, 2, 3, 5, 6])
    expect(passed('simd')[4]?.[1]).toBe(texts[6])
  })

  it('reads a file larger than its first room whole, in both filters: the room grows and keeps what it read', () => {
    const large = join(dir, 'large.js')
    // The needle only at the start: found after the room grew only if the first bytes were kept.
    const text = `const zoho = 1\n${'// padding line\n'.repeat(200_000)}`
    writeFileSync(large, text)
    for (const needles of ['simd', 'regex'] as const) {
      const out: string[] = []
      const warnings = filterFiles({ files: [{ absolute: large, display: 'large.js' }], maxBytes: 20e6, needles }, (_order, read) => out.push(read))
      expect(warnings).toEqual([])
      expect(out.length).toBe(1)
      expect(out[0] === text).toBe(true)
      expect(filterFiles({ files: [{ absolute: large, display: 'large.js' }], maxBytes: 2e6, needles }, () => {})).toEqual([
        'skipped large.js (larger than 20 MB)',
      ])
    }
  })
})
