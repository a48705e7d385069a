#!/usr/bin/env node
// Records the scenario corpus: every scenario of test/simulation/scenarios.ts in headless Debian
// Chromium against the local simulation, with Playwright's own HAR recorder, into
// fixtures/scenarios/<id>/{session.har,expected.json}; one failing scenario again as a
// DevTools-style HAR (CDP network events converted by scripts/cdp-to-har.mjs); and the token-only
// cases in fixtures/scenarios/tokens/<id>/. The recordings are committed fixtures: run this only to
// re-record (times inside are this machine's clock; expected.json never depends on them).
//
//   node scripts/record-scenarios.mjs            # everything
//   node scripts/record-scenarios.mjs ok replay  # only these scenario ids
//   node scripts/record-scenarios.mjs --expected-only   # rewrite expected.json, keep the recordings
//
// The simulation is TypeScript (test/simulation); esbuild (a dev dependency) bundles it for Node
// next to its sources, so its test certificates resolve, and the bundle is removed afterwards.
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { build } from 'esbuild'
import { chromium } from 'playwright-core'
import { cdpToHar } from './cdp-to-har.mjs'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const OUT = join(ROOT, 'fixtures/scenarios')
const SIM_DIR = join(ROOT, 'test/simulation')
const CHROMIUM = '/usr/bin/chromium'
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]
const MAX_HAR_BYTES = 150 * 1024
/** How long a scenario without a login attempt is watched after the dashboard loaded. */
const QUIET_MS = 2500
const SECRET_FILE = 'fixtures/examples/asap-secret.txt'
const USERS_FILE = 'fixtures/scenarios/end-users.txt'
/** The failing scenario recorded a second time as a DevTools-style HAR. */
const DEVTOOLS_OF = 'user-missing'

const sim = await loadSimulation()
const BASE_ARGS = [...sim.facts.CLI_ARGS, '--secret-file', SECRET_FILE]
const argv = process.argv.slice(2)
const expectedOnly = argv.includes('--expected-only')
const only = new Set(argv.filter((a) => !a.startsWith('--')))
const wanted = (id) => only.size === 0 || only.has(id)

mkdirSync(OUT, { recursive: true })
writeFileSync(join(OUT, 'end-users.txt'), `${sim.facts.END_USERS.join('\n')}\n`)
if (expectedOnly) {
  // Rewrite expected.json from scenarios.ts, keeping the recordings.
  for (const scenario of sim.SCENARIOS) if (wanted(scenario.id)) writeExpected(scenario.id, expectedJson(scenario))
  const devtools = sim.scenarioById(DEVTOOLS_OF)
  if (wanted(`${DEVTOOLS_OF}-devtools`)) writeExpected(`${DEVTOOLS_OF}-devtools`, devtoolsExpected(devtools))
  process.exit(0)
}

let failures = 0
for (const scenario of sim.SCENARIOS) {
  if (!wanted(scenario.id)) continue
  try {
    // Whether the slow handshake lands inside the widget entry depends on Chromium's connection
    // reuse; a slow-network scenario is recorded again (at most 4 times) until it shows.
    let recorded
    for (let tries = 1; recorded === undefined; tries++) {
      try {
        recorded = await recordPlaywright(scenario)
      } catch (err) {
        if (tries >= 4 || !String(err).includes('overlap')) throw err
      }
    }
    const { bytes, calls, overlap } = recorded
    writeScenario(scenario.id, bytes, expectedJson(scenario))
    console.log(
      `${scenario.id}: ${bytes.length} bytes, auth ${calls.map((c) => (c.accepted ? 'accepted' : `refused (${c.reason})`)).join(', ') || 'none'}${overlap ? ', widget script entry time overlaps the auth call' : ''}`,
    )
  } catch (err) {
    failures++
    console.error(`${scenario.id}: ${err instanceof Error ? err.message : String(err)}`)
  }
}
if (wanted(`${DEVTOOLS_OF}-devtools`)) {
  const scenario = sim.scenarioById(DEVTOOLS_OF)
  try {
    const { bytes, calls } = await recordDevtools(scenario)
    writeScenario(`${DEVTOOLS_OF}-devtools`, bytes, devtoolsExpected(scenario))
    console.log(`${DEVTOOLS_OF}-devtools: ${bytes.length} bytes, auth ${calls.map((c) => (c.accepted ? 'accepted' : 'refused')).join(', ')}`)
  } catch (err) {
    failures++
    console.error(`${DEVTOOLS_OF}-devtools: ${err instanceof Error ? err.message : String(err)}`)
  }
}
if (wanted('tokens')) writeTokenCases(sim)
process.exit(failures > 0 ? 1 : 0)

async function loadSimulation() {
  const bundle = join(SIM_DIR, `.bundle-${process.pid}.mjs`)
  try {
    await build({
      entryPoints: [join(SIM_DIR, 'index.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile: bundle,
      logLevel: 'error',
    })
    return await import(pathToFileURL(bundle).href)
  } finally {
    rmSync(bundle, { force: true })
  }
}

function expectedJson(scenario) {
  const { users, description, ...rest } = scenario.expected
  return { description, args: users ? [...BASE_ARGS, '--users', USERS_FILE] : [...BASE_ARGS], ...rest }
}

function devtoolsExpected(scenario) {
  return {
    ...expectedJson(scenario),
    description: `${scenario.expected.description} Recorded as a DevTools-style HAR (CDP events converted, chrome-har quirks).`,
  }
}

function writeScenario(id, bytes, expected) {
  mkdirSync(join(OUT, id), { recursive: true })
  writeFileSync(join(OUT, id, 'session.har'), bytes)
  writeExpected(id, expected)
}

function writeExpected(id, expected) {
  writeFileSync(join(OUT, id, 'expected.json'), `${JSON.stringify(expected, null, 2)}\n`)
}

/** Runs one visit and checks that the simulated Zoho side saw what the scenario says. */
async function visit(scenario, makeContext, afterContext) {
  const server = await sim.startSimulation(scenario.simulation ?? {})
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...FLAGS, ...server.browserArgs] })
  try {
    let storageState
    if (scenario.returningVisit) {
      // The earlier visit: sign in only (the dashboard of that visit is not part of the recording).
      const earlier = await browser.newContext({ ignoreHTTPSErrors: true })
      const page = await earlier.newPage()
      await page.route('**/dashboard.html', (route) =>
        route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>signed in</title>' }),
      )
      await page.goto(server.pageUrl(scenario.id))
      await page.waitForURL('**/dashboard.html')
      storageState = await earlier.storageState()
      await earlier.close()
    }
    const { context, page, finish } = await makeContext(browser, storageState)
    await page.goto(scenario.returningVisit ? server.dashboardUrl(scenario.id) : server.pageUrl(scenario.id))
    const attempts = scenario.expected.attempts
    const deadline = Date.now() + 20_000
    await page.waitForURL('**/dashboard.html', { timeout: 15_000 })
    await page.waitForLoadState('load')
    let navigated = false
    while (server.authCalls.length < attempts && Date.now() < deadline) {
      if (scenario.nextPage && !navigated && server.authCalls.length >= 1) {
        // The user moves on to the Projects page once the dashboard's login has been answered.
        await sleep(500)
        await page.click('#nav-projects')
        await page.waitForURL('**/projects.html')
        navigated = true
      }
      await sleep(100)
    }
    // Let the last answers, the CSS and any error report land in the recording.
    await sleep(attempts === 0 ? QUIET_MS : 700)
    await page.waitForLoadState('networkidle').catch(() => {})
    const calls = [...server.authCalls]
    const bytes = await finish(context, page)
    await afterContext?.()
    const seen = calls.map((c) => (c.accepted ? 'accepted' : 'general_error'))
    if (attempts > 0 && JSON.stringify(seen) !== JSON.stringify(scenario.expected.outcomes)) {
      throw new Error(`the simulation answered ${JSON.stringify(seen)}, the scenario expects ${JSON.stringify(scenario.expected.outcomes)}`)
    }
    if (calls.length !== attempts) throw new Error(`${calls.length} remote/auth calls, the scenario expects ${attempts}`)
    if (bytes.length > MAX_HAR_BYTES) throw new Error(`HAR is ${bytes.length} bytes (limit ${MAX_HAR_BYTES})`)
    // The test password belongs in the sign-in request body only (what a redactor is tested on).
    const passwords = bytes.toString('utf8').split(sim.facts.APP_PASSWORD).length - 1
    if (passwords > (scenario.returningVisit ? 0 : 1)) throw new Error(`the app password appears ${passwords} times in the HAR`)
    return { bytes, calls }
  } finally {
    await browser.close()
    await server.close()
  }
}

async function recordPlaywright(scenario) {
  const path = join(OUT, `.tmp-${scenario.id}.har`)
  const result = await visit(scenario, async (browser, storageState) => {
    const context = await browser.newContext({ ignoreHTTPSErrors: true, recordHar: { path, content: 'embed' }, ...(storageState ? { storageState } : {}) })
    const page = await context.newPage()
    return {
      context,
      page,
      finish: async () => {
        await context.close()
        const bytes = readFileSync(path)
        rmSync(path, { force: true })
        return bytes
      },
    }
  })
  const overlap = timingOverlap(JSON.parse(result.bytes.toString('utf8')))
  if (scenario.simulation?.tlsHandshakeDelayMs && !overlap)
    throw new Error('expected HAR entry times to overlap the auth call start (slow-network scenario), they do not: re-record')
  return { ...result, overlap }
}

/**
 * Whether the widget script entry "ends" (startedDateTime + time) after the first auth call started,
 * although the auth call is made by that very script: the recording a timing-inferring rule misreads.
 */
function timingOverlap(har) {
  const entries = har.log.entries
  const auth = entries.find((e) => e.request.url.includes('/oauth/v2/remote/auth'))
  const widget = entries.find((e) => e.request.url.includes('/portal/api/web/asapApp/'))
  if (!auth || !widget) return false
  return Date.parse(widget.startedDateTime) + widget.time > Date.parse(auth.startedDateTime)
}

async function recordDevtools(scenario) {
  return visit(scenario, async (browser, storageState) => {
    const context = await browser.newContext({ ignoreHTTPSErrors: true, ...(storageState ? { storageState } : {}) })
    const page = await context.newPage()
    const cdp = await context.newCDPSession(page)
    const events = []
    const bodies = new Map()
    const pending = []
    for (const method of [
      'Network.requestWillBeSent',
      'Network.requestWillBeSentExtraInfo',
      'Network.responseReceived',
      'Network.responseReceivedExtraInfo',
      'Network.dataReceived',
      'Network.loadingFinished',
      'Network.loadingFailed',
      'Page.domContentEventFired',
      'Page.loadEventFired',
      'Page.frameStartedLoading',
    ]) {
      cdp.on(method, (params) => {
        events.push({ method, params })
        if (method === 'Network.loadingFinished') {
          pending.push(
            cdp
              .send('Network.getResponseBody', { requestId: params.requestId })
              .then((b) => bodies.set(params.requestId, b))
              .catch(() => {}),
          )
        }
      })
    }
    await cdp.send('Page.enable')
    await cdp.send('Network.enable')
    return {
      context,
      page,
      finish: async () => {
        await Promise.all(pending)
        await context.close()
        const version = browser.version()
        // No trailing newline, like DevTools exports: every cut of the file is then a truncated file.
        return Buffer.from(JSON.stringify(cdpToHar(events, { bodies, browserVersion: version }), null, 2))
      },
    }
  })
}

/** Token-only cases for `asap-doctor verify`: what backends and pastes really look like. */
function writeTokenCases(s) {
  const NOW = Date.parse('2026-11-21T06:00:00.000Z')
  const sec = Math.floor(NOW / 1000)
  const jane = s.standardClaims({ now: NOW - 20_000, email: 'jane.doe@example.com', name: 'Jane Doe' })
  const sign = (payload, opts = {}) => s.signHs256({ header: { alg: 'HS256', typ: 'JWT' }, payload, key: s.facts.ASAP_SECRET, ...opts })
  const dir = (id) => join(OUT, 'tokens', id)
  const args = (id, extra = []) => [
    '--token-file',
    `${relative(ROOT, dir(id))}/token.txt`,
    '--secret-file',
    SECRET_FILE,
    '--now',
    new Date(NOW).toISOString(),
    ...extra,
  ]
  const cases = [
    {
      id: 'php-base64',
      token: sign(jane, { encoding: 'base64' }),
      description:
        "A PHP backend built the parts with base64_encode (+, /, = padding) instead of base64url. It is a JWT, not a cut-off one: token-format fails with 'standard base64', and its claims are still read.",
      fail: ['token-format'],
      mayFail: ['signature'],
      rootCause: 'token-format',
      verdictIncludes: ['base64url'],
    },
    {
      id: 'jsonwebtoken-expiresin',
      token: sign({ ...jane, iat: sec - 20, exp: sec + 280 }),
      description:
        "jsonwebtoken's sign(payload, secret, { expiresIn: 300 }) adds iat and exp in seconds next to not_before/not_after in ms: Zoho reads exp as ms (January 1970).",
      fail: ['time-units'],
      mayFail: ['time-validity', 'validity-window'],
      rootCause: 'time-units',
      verdictIncludes: ['exp'],
    },
    {
      id: 'iat-exp-only',
      token: sign({ email: 'jane.doe@example.com', email_verified: true, iat: sec - 20, exp: NOW + 280_000, first_name: 'Jane', last_name: 'Doe' }),
      description: 'iat (s) and exp (ms), no not_before/not_after: a documented alternative. Nothing fails; required-claims may only warn.',
      fail: [],
      mayFail: [],
      rootCause: null,
      verdictIncludes: [],
    },
    {
      id: 'smart-quoted-paste',
      token: `\u201c${sign(jane)}\u201d`,
      description: 'A good token pasted from a chat or document with typographic quotes around it: the quotes are removed like straight quotes, nothing fails.',
      fail: [],
      mayFail: [],
      rootCause: null,
      verdictIncludes: [],
    },
    {
      id: 'exact-bearer',
      token: `Bearer ${sign(jane)}`,
      args: ['--exact'],
      description:
        'verify --exact on the string a page handed to successCallback, "Bearer eyJ…": with --exact nothing is cleaned, the prefix fails token-format.',
      fail: ['token-format'],
      mayFail: [],
      rootCause: 'token-format',
      verdictIncludes: ['Bearer'],
    },
    {
      id: 'seconds',
      token: sign({ ...jane, not_before: sec - 20, not_after: sec + 280 }),
      description: 'not_before/not_after written with Math.floor(Date.now()/1000): seconds, read by Zoho as ms in January 1970.',
      fail: ['time-units'],
      mayFail: ['time-validity'],
      rootCause: 'time-units',
      verdictIncludes: ['milliseconds'],
    },
    {
      id: 'secret-file-bom',
      token: sign(jane),
      secretFile: `\ufeff${s.facts.ASAP_SECRET}\n`,
      description:
        'A good token checked with a copy of the secret saved by an editor that writes a UTF-8 byte order mark: the signer is right, the copy is not (a warning), and the signature message names the BOM, not "whitespace".',
      fail: [],
      mayFail: [],
      rootCause: null,
      verdictIncludes: [],
      messageIncludes: { signature: ['BOM'] },
    },
  ]
  for (const c of cases) {
    mkdirSync(dir(c.id), { recursive: true })
    writeFileSync(join(dir(c.id), 'token.txt'), `${c.token}\n`)
    let a = args(c.id, c.args ?? [])
    if (c.secretFile !== undefined) {
      writeFileSync(join(dir(c.id), 'secret.txt'), c.secretFile)
      a = a.map((v) => (v === SECRET_FILE ? `${relative(ROOT, dir(c.id))}/secret.txt` : v))
    }
    const expected = {
      description: c.description,
      command: 'verify',
      args: a,
      fail: c.fail,
      mayFail: c.mayFail,
      rootCause: c.rootCause,
      verdictIncludes: c.verdictIncludes,
      ...(c.messageIncludes ? { messageIncludes: c.messageIncludes } : {}),
    }
    writeFileSync(join(dir(c.id), 'expected.json'), `${JSON.stringify(expected, null, 2)}\n`)
    console.log(`tokens/${c.id}: ${statSync(join(dir(c.id), 'token.txt')).size} bytes`)
  }
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
