import fc from 'fast-check'
import MarkdownIt from 'markdown-it'
import { describe, expect, it } from 'vitest'
import type { Report } from '../../src/core/report.js'
import { renderMarkdown, text } from '../../src/render/markdown.js'
import { CLOSE_SCRIPT, DECODE_CASES, HAR_CASES, outputOf, reportOf, signaturesIn, TOKEN_CASES, XSS } from '../fixtures/report/reports.js'

// html: true is the dangerous setting (raw HTML passes through, as on many ticket systems): if the
// output carried any tag, it would survive rendering here.
const md = new MarkdownIt({ html: true, linkify: false })

const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&amp;': '&', '&quot;': '"', '&#39;': "'" }

/** What a reader sees: the rendered HTML's text, tags removed, entities decoded, spaces collapsed. */
function visibleText(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(lt|gt|amp|quot|#39);/g, (entity) => ENTITIES[entity] ?? entity)
    .replace(/\s+/g, ' ')
}

const squash = (value: string) =>
  value
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()

/** The tags markdown-it may legitimately produce from our Markdown: anything else came from input. */
const OUR_TAGS = new Set(['h1', 'h2', 'h3', 'p', 'strong', 'em', 'ol', 'ul', 'li', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'code', 'hr'])

function cases(): Array<{ name: string; run: () => Promise<{ report: Report; markdown: string }> }> {
  return [...HAR_CASES, ...TOKEN_CASES].map((testCase) => ({
    name: testCase.name,
    run: async () => ({ report: await reportOf(testCase), markdown: await outputOf(testCase, 'markdown') }),
  }))
}

describe('renderMarkdown', () => {
  for (const testCase of cases()) {
    it(`${testCase.name}: renders to the report's text, with one table row per check`, async () => {
      const { report, markdown } = await testCase.run()
      expect(markdown).toBe(renderMarkdown(report))
      const html = md.render(markdown)
      const seen = visibleText(html)
      for (const subject of report.subjects) {
        expect(seen).toContain(squash(subject.verdict))
        for (const check of subject.checks) {
          expect(seen).toContain(squash(check.message))
          for (const hint of check.status === 'fail' || check.status === 'error' ? check.hints : []) expect(seen).toContain(squash(hint))
        }
        for (const claim of Object.keys(subject.token?.payload ?? {})) expect(seen).toContain(claim)
      }
      // One table per subject for the checks (plus claims and events tables): every check is a row.
      const tokens = md.parse(markdown, {})
      const rows = tokens.filter((token) => token.type === 'tr_open').length
      const checks = report.subjects.reduce((sum, subject) => sum + subject.checks.length, 0)
      expect(rows).toBeGreaterThanOrEqual(checks + report.subjects.length)
      const tags = new Set([...html.matchAll(/<\/?([a-z0-9]+)/g)].map((match) => match[1] ?? ''))
      expect([...tags].filter((tag) => !OUR_TAGS.has(tag))).toEqual([])
    })
  }

  it('shows hostile values as text: no tag, no broken table, no code span from input', async () => {
    const hostile = HAR_CASES.find((testCase) => testCase.name === 'hostile')
    if (hostile === undefined) throw new Error('hostile fixture')
    const markdown = await outputOf(hostile, 'markdown')
    const html = md.render(markdown)
    expect(html).not.toMatch(/<(img|script|b)[\s>/]/)
    const seen = visibleText(html)
    expect(seen).toContain(XSS)
    expect(seen).toContain(CLOSE_SCRIPT)
    expect(seen).toContain('|`**x**`|<b>bold</b>')
  })

  it('decode: the decoded claims without a verdict table row', async () => {
    const markdown = await outputOf(first(DECODE_CASES), 'markdown')
    const seen = visibleText(md.render(markdown))
    expect(seen).toContain('Decoded only, no verdict')
    expect(seen).toContain('looks like seconds')
    expect(markdown).not.toMatch(/\.[A-Za-z0-9_-]{20,}`/)
  })

  it('never shows a token signature or the secret', async () => {
    for (const testCase of HAR_CASES) {
      const markdown = await outputOf(testCase, 'markdown')
      for (const signature of signaturesIn(testCase.argv[1] ?? '')) expect(markdown, testCase.name).not.toContain(signature)
      expect(markdown).not.toContain('k3Xq9ZtR2vLm8WbN5cYp1HsD7fGj4Ua6')
    }
  })

  it('text() keeps arbitrary printable ASCII literal and tag-free (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'<>&|`*_[]()!#+-.=~$\\"\':/ abc1\n'.split('')), maxLength: 40 }), (sample) => {
        const html = md.renderInline(text(sample))
        expect(visibleText(html).trim()).toBe(squash(sample))
        expect(html).not.toMatch(/<(?!\/?code)[a-z]/)
      }),
      { numRuns: 500 },
    )
  })

  it('text() keeps any string literal through CommonMark', () => {
    const samples = [
      'a|b',
      '`x`',
      '**bold**',
      '_u_',
      '<b>x</b>',
      '&amp;',
      '[l](http://x)',
      '![i](x)',
      '# h',
      '1. item',
      '- item',
      '+ x',
      '~~s~~',
      '$x$',
      'back\\slash',
      `line\nbreak`,
      '> quote',
    ]
    for (const sample of samples) {
      const html = md.renderInline(text(sample))
      expect(visibleText(html).trim(), sample).toBe(squash(sample))
      expect(html, sample).not.toMatch(/<(?!\/?code)[a-z]/)
    }
  })
})

function first<T>(items: readonly T[]): T {
  const item = items[0]
  if (item === undefined) throw new Error('no case')
  return item
}
