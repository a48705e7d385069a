import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { type Browser, chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CHROMIUM, CHROMIUM_ARGS } from '../helpers/chromium.js'
import { runCliInProcess } from '../helpers/run-cli.js'

// The scan report page in Debian's chromium (never a downloaded browser), opened from file:// as an
// attachment would be.
if (CHROMIUM === undefined) console.warn('scan html browser test skipped: no chromium at /usr/bin/chromium (apt-get install chromium)')

const MARKUP = '</script><img src=x onerror=alert(1)>'

describe.skipIf(CHROMIUM === undefined)('scan HTML report in chromium', { timeout: 120_000 }, () => {
  let browser: Browser
  const dir = mkdtempSync(join(tmpdir(), 'asap-doctor-scan-html-'))
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS] })
  }, 120_000)
  afterAll(async () => {
    await browser?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('renders every finding as text, with no error, no request, no dialog and no overflow at 375 px', async () => {
    const path = join(dir, 'scan.html')
    const run = await runCliInProcess(['scan', 'fixtures/scan-formats/hostile', 'fixtures/scan/express/broken', '--format', 'html', '--out', path])
    expect(run.exitCode).toBe(1)
    const json = JSON.parse((await runCliInProcess(['scan', 'fixtures/scan-formats/hostile', 'fixtures/scan/express/broken', '--format', 'json'])).stdout)
    const page = await browser.newPage()
    await page.setViewportSize({ width: 375, height: 800 })
    const requests: string[] = []
    const errors: string[] = []
    const dialogs: string[] = []
    page.on('request', (request) => requests.push(request.url()))
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') errors.push(message.text())
    })
    page.on('pageerror', (error) => errors.push(error.message))
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message())
      void dialog.dismiss()
    })
    await page.goto(pathToFileURL(path).href)
    await page.waitForSelector('html[data-rendered="true"]')
    const checks: Array<{ id: string }> = json.subjects.flatMap((subject: { checks: Array<{ id: string }> }) => subject.checks)
    expect(await page.getByTestId('file').count()).toBe(json.subjects.length)
    expect(await page.getByTestId('finding').evaluateAll((items) => items.map((item) => item.getAttribute('data-rule')))).toEqual(
      // Problems first in each file, then notes: compare as multisets.
      expect.arrayContaining(checks.map((check) => check.id)),
    )
    expect(await page.getByTestId('finding').count()).toBe(checks.length)
    expect(await page.getByTestId('headline').textContent()).toBe('16 errors and 1 warning in 3 files.')
    const snippets = await page.getByTestId('snippet').allTextContents()
    expect(snippets).toContain(`var asapSecret = ***; // ${MARKUP}`)
    expect(await page.locator('img, iframe, object, embed').count()).toBe(0)
    expect(await page.locator('script').count()).toBe(3)
    expect(readFileSync(path, 'utf8')).not.toContain('Wm3Rt8Yq2Zx5Nc9Lp4Kv7Hb1Df6Gs0Je')
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(375)
    expect(errors).toEqual([])
    expect(dialogs).toEqual([])
    expect(requests).toEqual([pathToFileURL(path).href])
    await page.close()
  })
})
