import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'acorn'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { buildReport, type Report } from '../../src/core/report.js'
import { cspHash, embedJson, escapeHtml, renderHtml } from '../../src/render/html.js'
import { PAGE_SCRIPT } from '../../src/render/html/page-script.js'
import { brokenAxis, buildPageView, validityView } from '../../src/render/html/view.js'
import { runCliInProcess } from '../helpers/run-cli.js'
import { CLOSE_SCRIPT, DECODE_CASES, embeddedReport, HAR_CASES, outputOf, reportOf, signaturesIn, TOKEN_CASES, XSS } from '../fixtures/report/reports.js'

const T = Date.parse('2026-11-21T06:00:00.000Z')
const MIN = 60_000
const jane = { email: 'jane.doe@example.com', email_verified: true }

/** The text of each `<script>` element, with its attributes. */
function scripts(html: string): Array<{ attrs: string; body: string }> {
  return [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)].map((match) => ({ attrs: match[1] ?? '', body: match[2] ?? '' }))
}

/** The page without its JSON data blocks: where input values must never appear. */
function markupOnly(html: string): string {
  return html.replace(/<script type="application\/json"[^>]*>[\s\S]*?<\/script>/g, '')
}

function embedded(html: string, id: string): unknown {
  const match = new RegExp(`<script type="application/json" id="${id}">([\\s\\S]*?)</script>`).exec(html)
  if (match?.[1] === undefined) throw new Error(`no ${id} block`)
  return JSON.parse(match[1])
}

const byName = (name: string) => {
  const found = HAR_CASES.find((testCase) => testCase.name === name)
  if (found === undefined) throw new Error(name)
  return found
}

describe('embedJson', () => {
  it('escapes <, >, &, U+2028 and U+2029 and reads back to the same value', () => {
    const value = { a: `${CLOSE_SCRIPT}<!-- -->&amp;\u2028\u2029`, b: [XSS] }
    const text = embedJson(value)
    expect(text).not.toMatch(/[<>&\u2028\u2029]/)
    expect(JSON.parse(text)).toEqual(value)
  })

  it('round-trips any JSON value and never contains a markup character', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = embedJson(value)
        expect(text).not.toMatch(/[<>&\u2028\u2029]/)
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)))
      }),
    )
  })
})

describe('escapeHtml and cspHash', () => {
  it('escapes the five markup characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&#60;a href=&#34;x&#34; title=&#39;y&#39;&#62;&#38;&#60;/a&#62;')
  })
  it('is the base64 SHA-256 of the exact text', () => {
    expect(cspHash('alert(1)')).toBe(`sha256-${createHash('sha256').update('alert(1)').digest('base64')}`)
  })
})

describe('the page script', () => {
  it('is plain ES2020 (no build step): it parses as a classic script and uses no HTML-string sink', () => {
    expect(() => parse(PAGE_SCRIPT, { ecmaVersion: 2020, sourceType: 'script' })).not.toThrow()
    expect(PAGE_SCRIPT).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function/)
  })
})

describe('renderHtml', () => {
  it('is one page with one executable script, allowed by hash, and a CSP that allows nothing else', async () => {
    const html = await outputOf(byName('two-attempts'), 'html')
    const all = scripts(html)
    const executable = all.filter((script) => !script.attrs.includes('type="application/json"'))
    expect(all).toHaveLength(3)
    expect(executable).toHaveLength(1)
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? ''
    expect(csp).toContain("default-src 'none'")
    expect(csp).toContain(`script-src '${cspHash(executable[0]?.body ?? '')}'`)
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? ''
    expect(csp).toContain(`style-src '${cspHash(style)}'`)
    expect(csp).not.toContain('unsafe-inline')
    // Nothing to fetch: no src/href attributes, no url(), no @import anywhere in the markup and style.
    expect(markupOnly(html)).not.toMatch(/\s(src|href)=|url\(|@import/)
  })

  it('embeds exactly the report --format json prints', async () => {
    for (const testCase of [...HAR_CASES, ...TOKEN_CASES]) {
      const [report, html] = await Promise.all([reportOf(testCase), outputOf(testCase, 'html')])
      expect(embedded(html, 'asap-doctor-report'), testCase.name).toEqual(report)
    }
  })

  it('never puts a hostile input value into the markup, and never closes the data block early', async () => {
    const html = await outputOf(byName('hostile'), 'html')
    const markup = markupOnly(html)
    for (const needle of ['<img', 'onerror', '__pwned', '<b>bold', CLOSE_SCRIPT]) expect(markup).not.toContain(needle)
    expect(scripts(html)).toHaveLength(3)
    const report = embedded(html, 'asap-doctor-report')
    // The values are all there, as data.
    expect(JSON.stringify(report)).toContain(XSS.replace(/"/g, '\\"'))
    expect(JSON.stringify(report)).toContain(CLOSE_SCRIPT)
  })

  it('never shows a token signature (masked in the report, scrubbed in the file)', async () => {
    for (const testCase of HAR_CASES) {
      const html = await outputOf(testCase, 'html')
      const file = testCase.argv[1] ?? ''
      for (const signature of signaturesIn(file)) expect(html, testCase.name).not.toContain(signature)
      expect(html).not.toContain('k3Xq9ZtR2vLm8WbN5cYp1HsD7fGj4Ua6')
    }
  })

  it('stays small: every fixture report is under 200 KB', async () => {
    const sizes: Record<string, number> = {}
    for (const testCase of [...HAR_CASES, ...TOKEN_CASES]) sizes[testCase.name] = Buffer.byteLength(await outputOf(testCase, 'html'))
    for (const [name, size] of Object.entries(sizes)) expect(size, name).toBeLessThan(200 * 1024)
  })

  it('decode: a one-subject report without checks, with the claims and the validity window', async () => {
    const html = await outputOf(first(DECODE_CASES), 'html')
    const report = embeddedReport(html)
    expect(report.command).toBe('decode')
    expect(report.subjects).toHaveLength(1)
    expect(report.subjects[0]?.checks).toEqual([])
    expect(report.subjects[0]?.token?.masked).toMatch(/\.\*\*\*$/)
    const view = buildPageView(report)
    expect(view.attempts[0]?.validity?.headline).toMatch(/^read as 1970 because it is in seconds/)
    expect(view.fixes).toEqual([])
  })

  it('renders an empty report without failing', () => {
    const report: Report = buildReport({ toolVersion: '0.0.0', command: 'har', now: T, subjects: [], strict: false })
    const html = renderHtml(report)
    expect(embedded(html, 'asap-doctor-view')).toMatchObject({ headline: 'Nothing to check.', attempts: [], fixes: [] })
  })
})

describe('--out FILE', () => {
  const dir = mkdtempSync(join(tmpdir(), 'asap-doctor-out-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('writes the report to the file, says where on stdout, and keeps the exit code', async () => {
    const path = join(dir, 'report.md')
    const argv = [
      'verify',
      '--token-file',
      'fixtures/tokens/expired-cached.txt',
      '--secret',
      'k3Xq9ZtR2vLm8WbN5cYp1HsD7fGj4Ua6',
      '--now',
      '2026-11-21T06:00:00Z',
    ]
    const run = await runCliInProcess([...argv, '--format', 'markdown', '--out', path])
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toBe(`Wrote ${path} (${Math.ceil(readFileSync(path).byteLength / 1024)} KB).\n`)
    const written = readFileSync(path, 'utf8')
    expect(written).toBe((await runCliInProcess([...argv, '--format', 'markdown'])).stdout)
    expect(written).not.toContain('k3Xq9ZtR2vLm8WbN5cYp1HsD7fGj4Ua6')
  })

  it('cannot write: one line on stderr, exit 2, nothing on stdout', async () => {
    const run = await runCliInProcess(['verify', '--token-file', 'fixtures/tokens/good.txt', '--format', 'html', '--out', join(dir, 'missing', 'report.html')])
    expect(run.exitCode).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr).toMatch(/^asap-doctor: cannot write .*report\.html: ENOENT[^\n]*\n$/)
  })
})

describe('page view', () => {
  it('two attempts: outcomes, the fixes, and the gap that matters on the timeline', async () => {
    const view = buildPageView(await reportOf(byName('two-attempts')))
    expect(view.attempts.map((attempt) => attempt.outcome)).toEqual(['general_error', 'general_error'])
    expect(view.headline).toMatch(/^2 login attempts \(2 general_error\)\. First problem: Zoho answered general_error because /)
    expect(view.fixes.map((fix) => fix.checkId)).toEqual(expect.arrayContaining(['time-validity', 'time-units']))
    const lanes = view.timeline?.lanes ?? []
    expect(lanes).toHaveLength(2)
    expect(lanes[0]?.gap?.label).toMatch(/^token minted 20 min \d+ s before use, expired 15 min/)
    expect(lanes[0]?.gap?.bad).toBe(true)
    expect(lanes[1]?.gap?.label).toBe('token fetched 450 ms before use')
    // The cached token's mint is 20 minutes before a 2-second page load: it sits left of an axis break.
    expect(view.timeline?.breaks).toHaveLength(1)
    for (const lane of lanes) {
      const kinds = lane.marks.map((mark) => mark.kind)
      expect(kinds).toEqual(expect.arrayContaining(['page', 'widget-script', 'auth-call']))
      for (const mark of lane.marks) expect(mark.x).toBeGreaterThanOrEqual(0)
      for (const mark of lane.marks) expect(mark.x).toBeLessThanOrEqual(1)
    }
    expect(lanes[0]?.marks.find((mark) => mark.kind === 'mint')?.failed).toBe(true)
    expect(lanes[1]?.marks.find((mark) => mark.current)?.short).toBe('remote/auth → general_error')
  })

  it('validity window: expired 15 minutes before the request', () => {
    const view = validityView({ ...jane, not_before: T - 20 * MIN, not_after: T - 15 * MIN }, T, true)
    expect(view?.headline).toBe('expired 15 min before the request; window 5 min, limit 10 min')
    expect(view?.tone).toBe('bad')
    expect(view?.segments.map((segment) => segment.kind)).toEqual(['window-missed'])
    const at = view?.marks.find((mark) => mark.kind === 'at')
    const end = view?.marks.find((mark) => mark.kind === 'end')
    expect(at?.x ?? 0).toBeGreaterThan(end?.x ?? 1)
  })

  it('validity window: 15 minutes long, limit 10, with the over-limit part and the limit mark', () => {
    const view = validityView({ ...jane, not_before: T - MIN, not_after: T + 14 * MIN }, T, false)
    expect(view?.headline).toBe('window 15 min, limit 10 min')
    expect(view?.segments.map((segment) => segment.kind)).toEqual(['window', 'over-limit'])
    expect(view?.marks.map((mark) => mark.kind)).toEqual(['at', 'start', 'end', 'limit'])
  })

  it('validity window: seconds read as 1970, with a break and the intended window', () => {
    const seconds = Math.floor(T / 1000)
    const view = validityView({ ...jane, not_before: seconds, not_after: seconds + 300 }, T, true)
    expect(view?.headline).toBe(`read as 1970 because it is in seconds: not_after = ${seconds + 300} means 1970-01-21T18:40:41.100Z`)
    expect(view?.breaks).toHaveLength(1)
    // Zoho's reading (in 1970) is missed by the request; the dashed window is what was meant.
    expect(view?.segments.map((segment) => segment.kind)).toEqual(['window-missed', 'intended'])
    const start = view?.marks.find((mark) => mark.kind === 'start')
    expect(start?.label).toBe('not_before 1970-01-21 18:40:40')
  })

  it('validity window: valid, with the time left', () => {
    expect(validityView({ ...jane, not_before: T - 30_000, not_after: T + 270_000 }, T, false)?.headline).toBe(
      'valid, 4 min 30 s left now (window 5 min, limit 10 min)',
    )
  })

  it('validity window: nothing to draw without time claims', () => {
    expect(validityView(jane, T, false)).toBeUndefined()
  })

  it('brokenAxis is monotonic and stays inside 0…1', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1e13, max: 1e13 }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.integer({ min: -1e13, max: 1e13 }), { minLength: 2, maxLength: 8 }),
        (points, probes) => {
          const axis = brokenAxis(points, 600_000)
          const sorted = [...probes].sort((a, b) => a - b)
          const xs = sorted.map(axis.x)
          for (const x of xs) expect(x >= 0 && x <= 1).toBe(true)
          for (let index = 1; index < xs.length; index += 1) expect(xs[index] ?? 0).toBeGreaterThanOrEqual((xs[index - 1] ?? 0) - 1e-9)
        },
      ),
    )
  })
})

function first<T>(items: readonly T[]): T {
  const item = items[0]
  if (item === undefined) throw new Error('no case')
  return item
}
