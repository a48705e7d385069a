import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Report } from '../../src/core/report.js'
import { CHROMIUM, CHROMIUM_ARGS } from '../helpers/chromium.js'
import { runCliInProcess } from '../helpers/run-cli.js'
import { CLOSE_SCRIPT, DECODE_CASES, embeddedReport, HAR_CASES, type ReportCase, TOKEN_CASES, XSS } from '../fixtures/report/reports.js'

// The HTML report in a real browser (Debian's chromium, never a downloaded one), opened from
// file:// like a support agent opening an attachment. One browser for the whole file.
if (CHROMIUM === undefined) console.warn('html-browser tests skipped: no chromium at /usr/bin/chromium (apt-get install chromium)')

const dir = mkdtempSync(join(tmpdir(), 'asap-doctor-html-'))
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
/** The README screenshot: rewritten only on request (UPDATE_SCREENSHOT=1), from a recorded session. */
const README_SHOT = 'docs/images/har-report.png'
const README_CASE = HAR_CASES.find((testCase) => testCase.name === 'scenario-cached-localstorage') ?? HAR_CASES[0]

/**
 * Code run inside the page, as source text: this file is type-checked without the DOM library
 * (the project is Node-only), and the strings keep browser globals out of the Node typings.
 */
const IN_PAGE = {
  recordCspViolations:
    "(() => { const record = []; Object.defineProperty(window, '__cspViolations', { value: record }); document.addEventListener('securitypolicyviolation', (event) => record.push(event.violatedDirective + ' ' + event.blockedURI)) })()",
  scrollWidth: 'document.documentElement.scrollWidth',
  cspViolations: 'window.__cspViolations',
  pwned: 'window.__pwned',
  background: 'getComputedStyle(document.body).backgroundColor',
  // Markup injected after load: CSP must refuse the inline script and the image request.
  inject:
    "(async () => { const script = document.createElement('script'); script.textContent = 'window.__pwned = 1'; document.body.appendChild(script); const image = document.createElement('img'); image.src = 'https://example.com/x.png'; document.body.appendChild(image); await new Promise((resolve) => setTimeout(resolve, 100)); return { pwned: window.__pwned, violations: window.__cspViolations } })()",
  axe: "(async () => (await window.axe.run(document, { resultTypes: ['violations'] })).violations.map((violation) => ({ id: violation.id, impact: violation.impact, nodes: violation.nodes.length })))()",
}

interface Opened {
  readonly page: Page
  readonly requests: string[]
  readonly errors: string[]
  readonly dialogs: string[]
}

// Generous timeouts: on a loaded CI machine a page load can take a second; the file stays one browser.
describe.skipIf(CHROMIUM === undefined)('HTML report in chromium', { timeout: 180_000 }, () => {
  let browser: Browser
  // One context for the page as shipped, one with bypassCSP for axe, whose source is injected as an
  // inline script the page's CSP rightly refuses. Pages are cheap; contexts are not.
  let shipped: BrowserContext
  let forAxe: BrowserContext
  const files = new Map<string, { path: string; report: Report }>()

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS] })
    shipped = await browser.newContext()
    forAxe = await browser.newContext({ bypassCSP: true })
    for (const context of [shipped, forAxe]) {
      // Runs before the page's own code (through the DevTools protocol, outside the page's CSP).
      await context.addInitScript({ content: IN_PAGE.recordCspViolations })
    }
    for (const testCase of [...HAR_CASES, ...TOKEN_CASES, ...DECODE_CASES]) files.set(testCase.name, await write(testCase))
  }, 180_000)
  afterAll(async () => {
    await browser?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  async function write(testCase: ReportCase): Promise<{ path: string; report: Report }> {
    const path = join(dir, `${testCase.name}.html`)
    const run = await runCliInProcess([...testCase.argv, '--format', 'html', '--out', path])
    expect(run.stderr, testCase.name).toBe('')
    expect(run.stdout).toMatch(/^Wrote .*\.html \(\d+ KB\)\.\n$/)
    // html.test.ts proves the embedded report is the --format json one.
    return { path, report: embeddedReport(readFileSync(path, 'utf8')) }
  }

  async function open(name: string, options: { width?: number; colorScheme?: 'light' | 'dark'; bypassCSP?: boolean } = {}): Promise<Opened> {
    const file = files.get(name)
    if (file === undefined) throw new Error(name)
    const page = await (options.bypassCSP === true ? forAxe : shipped).newPage()
    await page.setViewportSize({ width: options.width ?? 1024, height: 900 })
    const opened: Opened = { page, requests: [], errors: [], dialogs: [] }
    page.on('request', (request) => opened.requests.push(request.url()))
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') opened.errors.push(message.text())
    })
    page.on('pageerror', (error) => opened.errors.push(error.message))
    page.on('dialog', (dialog) => {
      opened.dialogs.push(dialog.message())
      void dialog.dismiss()
    })
    await page.emulateMedia({ colorScheme: options.colorScheme ?? 'light' })
    await page.goto(pathToFileURL(file.path).href)
    await page.waitForSelector('html[data-rendered="true"]')
    return opened
  }

  it('every report: the verdict, one section per attempt, every check status, both pictures, no overflow at 375 px, no error, no request', async () => {
    for (const [name, { path, report }] of files) {
      const { page, requests, errors, dialogs } = await open(name, { width: 375 })
      const view: { headline: string } = JSON.parse((await page.locator('#asap-doctor-view').textContent()) ?? '{}')
      expect(await page.getByTestId('verdict').textContent(), name).toBe(view.headline)
      if (report.subjects.length === 1) expect(view.headline, name).toBe(report.subjects[0]?.verdict)
      const sections = page.getByTestId('attempt')
      expect(await sections.count(), name).toBe(report.subjects.length)
      if (report.command === 'har') expect(await page.getByTestId('attempt-outcome').count(), name).toBe(report.subjects.length)
      for (const [index, subject] of report.subjects.entries()) {
        const section = sections.nth(index)
        expect(await section.getByTestId('attempt-verdict').textContent(), name).toBe(subject.verdict)
        const statuses = await section
          .locator('tr[data-testid^="check-"]')
          .evaluateAll((rows) =>
            rows.map((row) => [row.getAttribute('data-testid'), row.getAttribute('data-status'), row.querySelector('[data-testid="status"]')?.textContent]),
          )
        expect(statuses, name).toEqual(subject.checks.map((check) => [`check-${check.id}`, check.status, expect.stringContaining(check.status)]))
      }
      // Both pictures: one validity window per token with time claims, one timeline per recording.
      const withTokenTimes = report.subjects.filter((subject) =>
        ['not_before', 'not_after', 'exp', 'nbf', 'iat'].some((claim) => typeof subject.token?.payload?.[claim] === 'number'),
      )
      const validity = page.getByTestId('validity-svg')
      expect(await validity.count(), name).toBe(withTokenTimes.length)
      expect(await page.getByTestId('timeline-svg').count(), name).toBe(report.command === 'har' ? 1 : 0)
      for (const svg of [...(await validity.all()), ...(await page.getByTestId('timeline-svg').all())]) {
        const box = await svg.boundingBox()
        expect(box?.width ?? 0, name).toBeGreaterThan(100)
        expect(box?.height ?? 0, name).toBeGreaterThan(20)
        expect(await svg.locator('text').count(), name).toBeGreaterThan(0)
      }
      expect(await page.evaluate(IN_PAGE.scrollWidth), name).toBeLessThanOrEqual(375)
      expect(errors, name).toEqual([])
      expect(dialogs, name).toEqual([])
      expect(await page.evaluate(IN_PAGE.cspViolations), name).toEqual([])
      // The only request is the file itself.
      expect(requests, name).toEqual([pathToFileURL(path).href])
      await page.close()
    }
  })

  it('labels what matters: the cached token and the seconds token', async () => {
    const { page } = await open('two-attempts')
    const timeline = await page.getByTestId('timeline-svg').textContent()
    expect(timeline).toMatch(/token minted 20 min \d+ s before use/)
    expect(timeline).toContain('remote/auth → general_error')
    const captions = await page.locator('figure figcaption').allTextContents()
    expect(captions).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Expired 15 min \d+ s before the request/),
        expect.stringMatching(/^Read as 1970 because it is in seconds/),
      ]),
    )
    await page.close()
    const long = await open('long-window')
    expect(await long.page.locator('figure figcaption').allTextContents()).toEqual(expect.arrayContaining(['Window 15 min, limit 10 min.']))
    await long.page.close()
  })

  it('shows hostile input as text and runs none of it', async () => {
    const { page, requests, dialogs } = await open('hostile')
    const text = (await page.locator('main').textContent()) ?? ''
    expect(text).toContain(XSS)
    expect(text).toContain(CLOSE_SCRIPT)
    expect(text).toContain('<b>bold</b>')
    expect(await page.evaluate(IN_PAGE.pwned)).toBeUndefined()
    expect(await page.locator('img, b, iframe, object, embed').count()).toBe(0)
    expect(await page.locator('script').count()).toBe(3)
    expect(dialogs).toEqual([])
    expect(requests).toHaveLength(1)
    await page.close()
  })

  it('would block injected markup anyway: the CSP forbids any other script and any fetch', async () => {
    const { page } = await open('hostile')
    const outcome: { pwned: unknown; violations: unknown } = await page.evaluate(IN_PAGE.inject)
    expect(outcome.pwned).toBeUndefined()
    expect(outcome.violations).toEqual(expect.arrayContaining([expect.stringMatching(/^script-src/), expect.stringMatching(/^img-src https:\/\/example\.com/)]))
    await page.close()
  })

  it('without JavaScript (a locked-down viewer) still shows every verdict, as text', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false })
    try {
      const { path, report } = files.get('hostile') ?? { path: '', report: undefined }
      const page = await context.newPage()
      await page.goto(pathToFileURL(path).href)
      const text = (await page.locator('main').textContent()) ?? ''
      for (const subject of report?.subjects ?? []) expect(text).toContain(subject.verdict)
      expect(text).toContain('Open this file in a browser with JavaScript enabled')
      expect(await page.locator('img').count()).toBe(0)
    } finally {
      await context.close()
    }
  })

  it('prints on A4 and Letter without horizontal overflow', async () => {
    for (const name of ['two-attempts', 'hostile']) {
      const { page } = await open(name)
      await page.emulateMedia({ media: 'print' })
      await page.setViewportSize({ width: 700, height: 900 })
      expect(await page.evaluate(IN_PAGE.scrollWidth), name).toBeLessThanOrEqual(700)
      for (const format of ['A4', 'Letter']) expect((await page.pdf({ format })).byteLength, `${name} ${format}`).toBeGreaterThan(10_000)
      await page.close()
    }
  })

  it('has light and dark colours, and axe finds no serious or critical violation in either', async () => {
    const backgrounds: string[] = []
    for (const colorScheme of ['light', 'dark'] as const) {
      // Every layout in light; dark changes only colours, so one layout there (contrast is what axe checks).
      for (const name of colorScheme === 'light' ? ['two-attempts', 'hostile', 'verify-window-one-hour'] : ['two-attempts']) {
        const { page } = await open(name, { colorScheme, bypassCSP: true })
        if (name === 'two-attempts') {
          backgrounds.push(String(await page.evaluate(IN_PAGE.background)))
          await page.screenshot({ path: join(dir, `${name}-${colorScheme}.png`), fullPage: true })
        }
        await page.addScriptTag({ content: AXE })
        const violations: Array<{ id: string; impact: string; nodes: number }> = await page.evaluate(IN_PAGE.axe)
        expect(
          violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical'),
          `${name} ${colorScheme}`,
        ).toEqual([])
        await page.close()
      }
    }
    expect(backgrounds).toEqual(['rgb(255, 255, 255)', 'rgb(13, 17, 23)'])
    expect(existsSync(join(dir, 'two-attempts-light.png')) && existsSync(join(dir, 'two-attempts-dark.png'))).toBe(true)
  })

  it.skipIf(process.env.UPDATE_SCREENSHOT !== '1' || README_CASE === undefined)('writes the README screenshot (UPDATE_SCREENSHOT=1)', async () => {
    const { page } = await open(README_CASE?.name ?? '', { width: 900 })
    mkdirSync('docs/images', { recursive: true })
    // The top of the report: verdict, fix, timeline and the first attempt's checks.
    await page.screenshot({ path: README_SHOT, clip: { x: 0, y: 0, width: 900, height: 1500 } })
    await page.close()
    expect(readFileSync(README_SHOT).byteLength).toBeGreaterThan(10_000)
  })
})
