import type { Browser, BrowserContext, Page, Request, Response } from 'playwright-core'
import { AsapDoctorError, InputError, NetworkError } from '../core/errors.js'
import { RECORDER_BINDING, recorderInitScript } from '../record/init-script.js'
import type { Observation } from '../record/observations.js'
import { REMOTE_AUTH_PATH, type RecordedLoad, type Recorder, type Recording, type RecordRequest } from '../record/recorder.js'

/**
 * Flags for a browser that must not talk to anything but the page under test: no sync, no
 * component updates, no QUIC (which bypasses --host-resolver-rules mappings), and no sandbox
 * (CI containers run as root). `--browser-arg` values come after these and are passed as given.
 */
export const DEFAULT_BROWSER_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const

/** After Zoho answered, a moment for the widget to react (errors, follow-up calls). */
const AFTER_ANSWER_MS = 300
/** The network counts as settled after this long without a request in flight. */
const QUIET_MS = 700
const POLL_MS = 50
/** Any script on the page can call the binding: a page that floods it must not exhaust memory. */
const MAX_OBSERVATIONS = 10_000

/**
 * The adapter behind the `Recorder` port: playwright-core driving an installed Chromium or Chrome.
 * Each recording launches its own browser, unless `shared` is given: then recordings open a fresh
 * context (own cookies, storage and HAR) in that browser and leave it running (test suites).
 */
export function createPlaywrightRecorder(shared?: { readonly browser: Browser }): Recorder {
  return { record: (request) => record(request, shared?.browser) }
}

/** Launches the browser with the default flags plus the user's, as a recording does. */
export async function launchBrowser(path: string, extraArgs: readonly string[], headed = false): Promise<Browser> {
  // Loaded here only: every other command starts without playwright-core.
  const { chromium } = await import('playwright-core')
  try {
    return await chromium.launch({ executablePath: path, headless: !headed, args: [...DEFAULT_BROWSER_ARGS, ...extraArgs], timeout: 30_000 })
  } catch (error) {
    throw new AsapDoctorError(
      'ERR_BROWSER',
      `cannot start the browser ${path}: ${firstLine(error)} (install Chromium: apt-get install chromium, or pass --browser PATH)`,
    )
  }
}

async function record(request: RecordRequest, shared: Browser | undefined): Promise<Recording> {
  const browser = shared ?? (await launchBrowser(request.browserPath, request.browserArgs, request.headed))
  const observations: Observation[] = []
  const observe = (observation: Observation) => {
    if (observations.length < MAX_OBSERVATIONS) observations.push(observation)
  }
  const loads: RecordedLoad[] = []
  const version = `Chromium ${browser.version()}${request.headed ? '' : ' (headless)'}`
  let context: BrowserContext | undefined
  try {
    context = await browser.newContext({
      recordHar: { path: request.harPath, content: 'embed', mode: 'full' },
      // A service worker would answer requests the HAR then never shows.
      serviceWorkers: 'block',
      ...(request.storageStatePath === undefined ? {} : { storageState: request.storageStatePath }),
    })
    await context.exposeBinding(RECORDER_BINDING, (source: { frame: { url(): string } }, event: unknown) => {
      observe({ kind: 'script', at: Date.now(), frameUrl: source.frame.url(), event })
    })
    await context.addInitScript({ content: recorderInitScript })
    const origin = new URL(request.url).origin
    if (request.cookies.length > 0) await context.addCookies(request.cookies.map((cookie) => ({ name: cookie.name, value: cookie.value, url: origin })))
    const extraHeaders = request.headers
    if (Object.keys(extraHeaders).length > 0) {
      // Only the customer's own origin gets the credentials, never Zoho or a CDN.
      await context.route(
        (url) => url.origin === origin,
        (route) => route.continue({ headers: { ...route.request().headers(), ...extraHeaders } }),
      )
    }
    const page = await context.newPage()
    page.on('pageerror', (error) => observe({ kind: 'page-error', at: Date.now(), message: `${error.name}: ${error.message}` }))
    page.on('console', (message) => {
      if (message.type() === 'error') observe({ kind: 'console-error', at: Date.now(), message: message.text() })
    })
    const blocked = await watchBlockedCookies(context, page)

    if (request.login !== undefined) await signIn(page, request)
    for (let run = 0; run < request.repeat; run++) loads.push(await loadOnce(page, request))
    for (const observation of blocked()) observe(observation)
  } catch (error) {
    if (error instanceof AsapDoctorError) throw error
    throw new AsapDoctorError('ERR_BROWSER', `the browser failed while recording ${request.url}: ${firstLine(error)}`)
  } finally {
    // Closing the context writes the HAR.
    await context?.close().catch(() => {})
    if (shared === undefined) await browser.close().catch(() => {})
  }
  return { harPath: request.harPath, observations, loads, browser: version }
}

/** CDP `responseReceivedExtraInfo` lists the Set-Cookie lines the browser refused, with reasons. */
async function watchBlockedCookies(context: BrowserContext, page: Page): Promise<() => Observation[]> {
  const urls = new Map<string, string>()
  const pending: Array<{ requestId: string; at: number; name: string; reasons: string[] }> = []
  try {
    const cdp = await context.newCDPSession(page)
    await cdp.send('Network.enable')
    cdp.on('Network.requestWillBeSent', (event) => urls.set(event.requestId, event.request.url))
    cdp.on('Network.responseReceivedExtraInfo', (event) => {
      for (const cookie of event.blockedCookies) {
        const name = cookie.cookie?.name ?? cookie.cookieLine.split('=')[0]?.trim() ?? ''
        pending.push({ requestId: event.requestId, at: Date.now(), name, reasons: [...cookie.blockedReasons] })
      }
    })
  } catch {
    // Not Chromium (no CDP): cookie blocking stays unknown rather than failing the recording.
  }
  return () => pending.map((item) => ({ kind: 'blocked-cookie', at: item.at, url: urls.get(item.requestId) ?? '', name: item.name, reasons: item.reasons }))
}

async function signIn(page: Page, request: RecordRequest): Promise<void> {
  const login = request.login
  if (login === undefined) return
  try {
    await page.goto(login.url, { waitUntil: 'load', timeout: request.timeoutMs })
  } catch (error) {
    throw new NetworkError('ERR_NETWORK', `cannot open the login page ${login.url}: ${firstLine(error)}`)
  }
  const before = page.url()
  try {
    await page.fill(login.userSelector, login.user, { timeout: request.timeoutMs })
    await page.fill(login.passwordSelector, login.password, { timeout: request.timeoutMs })
  } catch {
    throw new InputError('ERR_USAGE', `record.selectors: the login page ${login.url} has no field ${login.userSelector} or ${login.passwordSelector}`)
  }
  try {
    await Promise.all([
      page.waitForURL((url) => url.href !== before, { timeout: request.timeoutMs, waitUntil: 'load' }),
      page.click(login.submitSelector, { timeout: request.timeoutMs }),
    ])
  } catch {
    throw new InputError(
      'ERR_USAGE',
      `record: after submitting the login form the page stayed at ${login.url} for ${Math.round(request.timeoutMs / 1000)} s (wrong user or password in the environment, or wrong record.selectors.submit?)`,
    )
  }
}

/** Loads the page and waits until Zoho answered the login, or the network went quiet, or the timeout. */
async function loadOnce(page: Page, request: RecordRequest): Promise<RecordedLoad> {
  const startedAt = Date.now()
  let inFlight = 0
  let lastActivity = Date.now()
  let answeredAt: number | undefined
  let lastAnswerAt: number | undefined
  const onRequest = () => {
    inFlight++
    lastActivity = Date.now()
  }
  const onDone = () => {
    inFlight = Math.max(0, inFlight - 1)
    lastActivity = Date.now()
  }
  const onResponse = (response: Response) => {
    if (REMOTE_AUTH_PATH.test(safePath(response.url()))) {
      answeredAt ??= Date.now()
      lastAnswerAt = Date.now()
    }
  }
  const onFailed = (failed: Request) => {
    onDone()
    // A blocked login call still ends the wait: there is nothing more to come.
    if (REMOTE_AUTH_PATH.test(safePath(failed.url()))) {
      answeredAt ??= Date.now()
      lastAnswerAt = Date.now()
    }
  }
  page.on('request', onRequest)
  page.on('requestfinished', onDone)
  page.on('requestfailed', onFailed)
  page.on('response', onResponse)
  try {
    try {
      await page.goto(request.url, { waitUntil: 'load', timeout: request.timeoutMs })
    } catch (error) {
      throw new NetworkError('ERR_NETWORK', `cannot load ${request.url}: ${firstLine(error)}`)
    }
    let timedOut = false
    let settledAt: number | undefined
    for (;;) {
      const now = Date.now()
      const answerQuiet = lastAnswerAt === undefined || now - lastAnswerAt >= AFTER_ANSWER_MS
      const settled =
        (answeredAt !== undefined && answerQuiet) || (!request.waitForLogin && answeredAt === undefined && inFlight === 0 && now - lastActivity >= QUIET_MS)
      if (settled) settledAt ??= now
      // --linger keeps recording after the page settled, for logins the page starts later.
      if (settledAt !== undefined && now - settledAt >= request.lingerMs && answerQuiet) break
      if (settledAt === undefined && now - startedAt >= request.timeoutMs) {
        timedOut = true
        break
      }
      if (now - startedAt >= request.timeoutMs + request.lingerMs) break
      await page.waitForTimeout(POLL_MS)
    }
    return { url: request.url, finalUrl: page.url(), startedAt, durationMs: Date.now() - startedAt, loginAnswered: answeredAt !== undefined, timedOut }
  } finally {
    page.off('request', onRequest)
    page.off('requestfinished', onDone)
    page.off('requestfailed', onFailed)
    page.off('response', onResponse)
  }
}

function safePath(url: string): string {
  try {
    return new URL(url).pathname
  } catch {
    return ''
  }
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  // Playwright prefixes the API call ("browserType.launch: "): not the user's concern.
  return (text.split('\n').find((line) => line.trim() !== '') ?? text).trim().replace(/^[a-zA-Z]+\.[a-zA-Z]+: /, '')
}
