import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import MarkdownIt from 'markdown-it'
import { afterAll, describe, expect, it } from 'vitest'
import { toolVersion } from '../../src/cli/package-root.js'
import { PAGE_SCRIPT } from '../../src/render/html/page-script.js'
import { SCAN_PAGE_SCRIPT } from '../../src/render/html/scan-page-script.js'
import { cspHash } from '../../src/render/html.js'
import { codeSpan } from '../../src/render/scan-markdown.js'
import { runCliInProcess } from '../helpers/run-cli.js'

// html: true is the dangerous setting (raw HTML passes through, as on many ticket systems): a tag
// in the output would survive rendering here.
const md = new MarkdownIt({ html: true, linkify: false })

const HOSTILE = 'fixtures/scan-formats/hostile'
const MARKUP = '</script><img src=x onerror=alert(1)>'
/** Secret literals of the fixtures: hostile (a JS literal in public/), nextjs (a component), rails (a Ruby constant). */
const SECRETS = ['Wm3Rt8Yq2Zx5Nc9Lp4Kv7Hb1Df6Gs0Je', 'k3Xq9ZtR2vLm8WbN5cYp1HsD7fGj4Ua6']

/** The golden text does not change with each release. */
const withoutVersion = (text: string) => text.split(toolVersion()).join('<version>')

/** The JSON data blocks of a page, parsed back. */
function dataBlock(html: string, id: string): unknown {
  const match = new RegExp(`<script type="application/json" id="${id}">([^<]*)</script>`).exec(html)
  return JSON.parse(match?.[1] ?? 'null')
}

describe('scan --format html and markdown', () => {
  const dir = mkdtempSync(join(tmpdir(), 'asap-doctor-scan-formats-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('golden markdown output', async () => {
    const run = await runCliInProcess(['scan', 'fixtures/scan/express/broken', '--format', 'markdown'], { env: { NO_COLOR: '1' } })
    await expect(
      withoutVersion(`$ asap-doctor scan fixtures/scan/express/broken --format markdown\n${run.stdout}--- exit code: ${run.exitCode}\n`),
    ).toMatchFileSnapshot('./golden/scan-express-broken.md.txt')
  })

  it('golden html output', async () => {
    const run = await runCliInProcess(['scan', 'fixtures/scan/express/broken', '--format', 'html'], { env: { NO_COLOR: '1' } })
    await expect(
      withoutVersion(`$ asap-doctor scan fixtures/scan/express/broken --format html\n${run.stdout}--- exit code: ${run.exitCode}\n`),
    ).toMatchFileSnapshot('./golden/scan-express-broken.html.txt')
  })

  it('every format has the exit code of the json report', async () => {
    for (const target of ['fixtures/scan/express/broken', 'fixtures/scan/express/fixed', HOSTILE]) {
      const json = await runCliInProcess(['scan', target, '--format', 'json'])
      for (const format of ['html', 'markdown']) {
        const run = await runCliInProcess(['scan', target, '--format', format])
        expect(run.exitCode, `${target} ${format}`).toBe(json.exitCode)
        expect(run.stderr).toBe('')
      }
    }
  })

  it('html: one page, one executable script allowed by hash, the json report embedded as it is', async () => {
    const run = await runCliInProcess(['scan', 'fixtures/scan/express/broken', '--format', 'html'])
    const json = await runCliInProcess(['scan', 'fixtures/scan/express/broken', '--format', 'json'])
    const html = run.stdout
    expect(html.startsWith('<!doctype html>\n')).toBe(true)
    expect(html.match(/<script\b/g)).toHaveLength(3)
    expect(html).toContain(`script-src '${cspHash(SCAN_PAGE_SCRIPT)}'`)
    expect(html).toContain("default-src 'none'")
    expect(html).toContain(`<script>${SCAN_PAGE_SCRIPT}</script>`)
    expect(dataBlock(html, 'asap-doctor-report')).toEqual(JSON.parse(json.stdout))
    const view = dataBlock(html, 'asap-doctor-scan-view')
    expect(view).toMatchObject({ headline: '13 errors and 1 warning in 2 files.', counts: { errors: 13, warnings: 1, notes: 1, scannedFiles: 2 }, exitCode: 1 })
  })

  it('the scan page script is plain ES2020 and uses no HTML-string sink (like the report page script)', async () => {
    const { parse } = await import('acorn')
    expect(() => parse(SCAN_PAGE_SCRIPT, { ecmaVersion: 2020, sourceType: 'script' })).not.toThrow()
    for (const script of [SCAN_PAGE_SCRIPT, PAGE_SCRIPT])
      expect(script).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function/)
  })

  it('html: a hostile code line stays inert text, in the data and in the no-script fallback', async () => {
    const run = await runCliInProcess(['scan', HOSTILE, '--format', 'html'])
    const html = run.stdout
    expect(html).not.toContain('<img')
    expect(html).not.toContain(MARKUP)
    // The data blocks are closed only by their own </script>: three opening tags, three closing.
    expect(html.match(/<\/script>/g)).toHaveLength(3)
    const view = dataBlock(html, 'asap-doctor-scan-view')
    expect(JSON.stringify(view)).toContain(MARKUP)
    expect(html).toContain('&#60;/script&#62;&#60;img src=x onerror=alert(1)&#62;')
  })

  it('markdown: headings per file, code lines as literal code, nothing from the input becomes a tag', async () => {
    const run = await runCliInProcess(['scan', HOSTILE, 'fixtures/scan/express/broken', '--format', 'markdown'])
    const tokens = md.parse(run.stdout, {})
    const headings = tokens.flatMap((token, index) =>
      token.type === 'heading_open' ? [`${token.tag} ${tokens[index + 1]?.children?.map((child) => child.content).join('') ?? ''}`] : [],
    )
    expect(headings).toEqual([
      'h1 ASAP integration scan',
      'h2 fixtures/scan-formats/hostile/public/widget.js',
      'h2 fixtures/scan/express/broken/public/index.html',
      'h2 fixtures/scan/express/broken/server.js',
    ])
    const fences = tokens.filter((token) => token.type === 'fence').map((token) => token.content)
    expect(fences).toContain(`window.ZohoDeskAsap.invoke('login', function (ok) { ok("${MARKUP} \`\`\` | # " + token) })\n`)
    const rendered = md.render(run.stdout)
    expect(rendered).not.toMatch(/<img|<script/)
    const tags = new Set([...rendered.matchAll(/<([a-z][a-z0-9]*)\b/g)].map((match) => match[1]))
    for (const tag of tags) expect(['h1', 'h2', 'p', 'strong', 'ul', 'li', 'code', 'pre', 'hr', 'table', 'thead', 'tbody', 'tr', 'th', 'td']).toContain(tag)
    // file:line:col of each finding, in a code span.
    expect(
      tokens.flatMap((token) => token.children ?? []).some((child) => child.type === 'code_inline' && child.content === `${HOSTILE}/public/widget.js:1:18`),
    ).toBe(true)
  })

  it('never shows a secret literal (html, markdown), only its length', async () => {
    for (const format of ['html', 'markdown']) {
      const run = await runCliInProcess(['scan', HOSTILE, 'fixtures/scan/nextjs/broken', 'fixtures/scan/rails/broken', '--format', format])
      for (const secret of SECRETS) {
        expect(run.stdout, format).not.toContain(secret)
        expect(run.stdout, format).not.toContain(secret.slice(0, 6))
      }
      expect(run.stdout, format).toContain('32 characters')
    }
  })

  it('--out FILE writes the page and keeps the exit code', async () => {
    const path = join(dir, 'scan.html')
    const run = await runCliInProcess(['scan', 'fixtures/scan/express/broken', '--format', 'html', '--out', path])
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toMatch(/^Wrote .*scan\.html \(\d+ KB\)\.\n$/)
    expect(readFileSync(path, 'utf8').startsWith('<!doctype html>')).toBe(true)
  })

  it('a clean tree: no findings, exit 0, the summary says so', async () => {
    const markdown = await runCliInProcess(['scan', 'fixtures/scan/express/fixed', '--format', 'markdown'])
    expect(markdown.exitCode).toBe(0)
    expect(markdown.stdout).toContain('**No problems found in 2 files.**')
  })

  it('codeSpan shows any value literally', () => {
    for (const value of ['a`b', '`x`', 'a``b`c', '', 'plain', '<img src=x>', '| # *']) {
      const tokens = md.parseInline(codeSpan(value), {})[0]?.children ?? []
      expect(
        tokens.map((token) => token.type),
        value,
      ).toEqual(['code_inline'])
      expect(tokens[0]?.content.trim(), value).toBe(value.trim())
    }
  })
})
