import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { type Browser, chromium, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Report } from '../../src/core/report.js'
import { runCliInProcess } from '../helpers/run-cli.js'
import { CLOSE_SCRIPT, HAR_CASES, type ReportCase, reportOf, TOKEN_CASES, XSS } from '../fixtures/report/reports.js'

// The HTML report in a real browser (Debian's chromium, never a downloaded one), opened from
// file:// like a support agent opening an attachment. One browser for the whole file.
const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((path) => existsSync(path))
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync']
if (CHROMIUM === undefined) console.warn('html-browser tests skipped: no chromium at /usr/bin/chromium (apt-get install chromium)')

const dir = mkdtempSync(join(tmpdir(), 'asap-doctor-html-'))
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
/** The README screenshot: rewritten only on request (UPDATE_SCREENSHOT=1), from a recorded session. */
const README_SHOT = 'docs/images/har-report.png'
const README_CASE = HAR_CASES.find((testCase) => testCase.name === 'scenario-cached-localstorage') ?? HAR_CASES[0]

interface Opened {
  readonly page: Page
  readonly requests: string[]
  readonly errors: string[]
  readonly dialogs: string[]
}

// Generous timeouts: on a loaded CI machine a page load can take a second; the file stays one browser.
describe.skipIf(CHROMIUM === undefined)('HTML report in chromium', { timeout: 180_000 }, () => {
  let browser: Browser
  const files = new Map<string, { path: string; report: Report }>()

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS })
    for (const testCase of [...HAR_CASES, ...TOKEN_CASES]) files.set(testCase.name, await write(testCase))
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
    return { path, report: await reportOf(testCase) }
  }

  async function open(name: string, options: { width?: number; colorScheme?: 'light' | 'dark'; bypassCSP?: boolean } = {}): Promise<Opened> {
    const file = files.get(name)
    if (file === undefined) throw new Error(name)
    // bypassCSP only for axe, whose source is injected as an inline script the page's CSP rightly refuses.
    const page = await browser.newPage({ viewport: { width: options.width ?? 1024, height: 900 }, bypassCSP: options.bypassCSP ?? false })
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
    // Runs before the page's own code (through the DevTools protocol, outside the page's CSP).
    await page.addInitScript(() => {
      const record: string[] = []
      Object.defineProperty(window, '__cspViolations', { value: record })
      document.addEventListener('securitypolicyviolation', (event) => record.push(`${event.violatedDirective} ${event.blockedURI}`))
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
        const statuses = await section.locator('tr[data-testid^="check-"]').evaluateAll((rows) => rows.map((row) => [row.getAttribute('data-testid'), row.getAttribute('data-status'), row.querySelector('[data-testid="status"]')?.textContent]))
        expect(statuses, name).toEqual(subject.checks.map((check) => [`check-${check.id}`, check.status, expect.stringContaining(check.status)]))
      }
      // Both pictures: one validity window per token with time claims, one timeline per recording.
      const withTokenTimes = report.subjects.filter((subject) => ['not_before', 'not_after', 'exp', 'nbf', 'iat'].some((claim) => typeof subject.token?.payload?.[claim] === 'number'))
      const validity = page.getByTestId('validity-svg')
      expect(await validity.count(), name).toBe(withTokenTimes.length)
      expect(await page.getByTestId('timeline-svg').count(), name).toBe(report.command === 'har' ? 1 : 0)
      for (const svg of [...(await validity.all()), ...(await page.getByTestId('timeline-svg').all())]) {
        const box = await svg.boundingBox()
        expect(box?.width ?? 0, name).toBeGreaterThan(100)
        expect(box?.height ?? 0, name).toBeGreaterThan(20)
        expect(await svg.locator('text').count(), name).toBeGreaterThan(0)
      }
      expect(await page.evaluate(() => document.documentElement.scrollWidth), name).toBeLessThanOrEqual(375)
      expect(errors, name).toEqual([])
      expect(dialogs, name).toEqual([])
      expect(await page.evaluate(() => Reflect.get(window, '__cspViolations')), name).toEqual([])
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
    expect(captions).toEqual(expect.arrayContaining([expect.stringMatching(/^Expired 15 min \d+ s before the request/), expect.stringMatching(/^Read as 1970 because it is in seconds/)]))
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
    expect(await page.evaluate(() => Reflect.get(window, '__pwned'))).toBeUndefined()
    expect(await page.locator('img, b, iframe, object, embed').count()).toBe(0)
    expect(await page.locator('script').count()).toBe(3)
    expect(dialogs).toEqual([])
    expect(requests).toHaveLength(1)
    await page.close()
  })

  it('would block injected markup anyway: the CSP forbids any other script and any fetch', async () => {
    const { page } = await open('hostile')
    const outcome = await page.evaluate(async () => {
      const script = document.createElement('script')
      script.textContent = 'window.__pwned = 1'
      document.body.appendChild(script)
      const image = document.createElement('img')
      image.src = 'https://example.com/x.png'
      document.body.appendChild(image)
      await new Promise((resolve) => setTimeout(resolve, 100))
      return { pwned: Reflect.get(window, '__pwned'), violations: Reflect.get(window, '__cspViolations') }
    })
    expect(outcome.pwned).toBeUndefined()
    expect(outcome.violations).toEqual(expect.arrayContaining([expect.stringMatching(/^script-src/), expect.stringMatching(/^img-src https:\/\/example\.com/)]))
    await page.close()
  })

  it('prints on A4 and Letter without horizontal overflow', async () => {
    for (const name of ['two-attempts', 'hostile']) {
      const { page } = await open(name)
      await page.emulateMedia({ media: 'print' })
      await page.setViewportSize({ width: 700, height: 900 })
      expect(await page.evaluate(() => document.documentElement.scrollWidth), name).toBeLessThanOrEqual(700)
      for (const format of ['A4', 'Letter']) expect((await page.pdf({ format })).byteLength, `${name} ${format}`).toBeGreaterThan(10_000)
      await page.close()
    }
  })

  it('has light and dark colours, and axe finds no serious or critical violation in either', async () => {
    const backgrounds: string[] = []
    for (const colorScheme of ['light', 'dark'] as const) {
      for (const name of ['two-attempts', 'hostile', 'verify-window-one-hour']) {
        const { page } = await open(name, { colorScheme, bypassCSP: true })
        if (name === 'two-attempts') {
          backgrounds.push(await page.evaluate(() => getComputedStyle(document.body).backgroundColor))
          await page.screenshot({ path: join(dir, `${name}-${colorScheme}.png`), fullPage: true })
        }
        await page.addScriptTag({ content: AXE })
        const violations: Array<{ id: string; impact: string; nodes: number }> = await page.evaluate(async () => {
          const axe = Reflect.get(window, 'axe')
          const result = await axe.run(document, { resultTypes: ['violations'] })
          return result.violations.map((violation: { id: string; impact: string; nodes: unknown[] }) => ({ id: violation.id, impact: violation.impact, nodes: violation.nodes.length }))
        })
        expect(violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical'), `${name} ${colorScheme}`).toEqual([])
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
