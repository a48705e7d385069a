import { createServer, type IncomingHttpHeaders } from 'node:http'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { runCliInProcess } from '../helpers/run-cli.js'

// Signing in to the customer's app before the page: the config's login step, --cookie and
// --header, against a tiny app of our own (no widget: this is about getting in, not about Zoho).
const seen: Array<{ host: string; method: string; path: string; headers: IncomingHttpHeaders; body: string }> = []
const server = createServer((request, response) => {
  let body = ''
  request.on('data', (chunk: Buffer) => {
    body += chunk.toString('utf8')
  })
  request.on('end', () => {
    const host = (request.headers.host ?? '').split(':')[0] ?? ''
    seen.push({ host, method: request.method ?? '', path: request.url ?? '', headers: request.headers, body })
    if (host === 'cdn.test') {
      response.setHeader('content-type', 'application/javascript')
      response.end('window.cdnLoaded = true;')
    } else if (request.url === '/login') {
      response.setHeader('content-type', 'text/html')
      response.end('<form method="post" action="/session"><input name="email"><input name="pw" type="password"><button type="submit">Sign in</button></form>')
    } else if (request.url === '/session' && request.method === 'POST') {
      response.writeHead(303, { location: '/home', 'set-cookie': 'sid=session-from-login; Path=/; HttpOnly' })
      response.end()
    } else if (request.url === '/home' || request.url === '/page') {
      response.setHeader('content-type', 'text/html')
      // The page tells the server what it found in localStorage (for the storage-state test).
      response.end(
        `<html><head><title>Shop</title><script src="http://cdn.test/lib.js"></script></head><body>hello<script>fetch('/echo?ls=' + encodeURIComponent(localStorage.getItem('seen') || ''))</script></body></html>`,
      )
    } else if (request.url === '/private') {
      // No session: off to the login page, as most apps do.
      response.writeHead(302, { location: '/login' })
      response.end()
    } else if (request.url?.startsWith('/echo')) {
      response.end('ok')
    } else {
      response.statusCode = 404
      response.end()
    }
  })
})
let port = 0
beforeAll(async () => {
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const address = server.address()
  port = typeof address === 'object' && address !== null ? address.port : 0
})
afterAll(() => new Promise<void>((done) => server.close(() => done())))

it('logs in with the config login step, then sends --cookie and --header to the page origin only', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'asap-record-login-'))
  const config = join(dir, 'asap-doctor.config.json')
  writeFileSync(
    config,
    JSON.stringify({
      record: {
        url: 'http://shop.test/page',
        loginUrl: 'http://shop.test/login',
        selectors: { user: 'input[name=email]', password: 'input[name=pw]', submit: 'button[type=submit]' },
        userEnv: 'SHOP_USER',
        passwordEnv: 'SHOP_PASSWORD',
        browserArgs: [`--host-resolver-rules=MAP *.test 127.0.0.1:${port}`],
        timeout: '15s',
      },
    }),
  )
  const run = await runCliInProcess(
    ['record', '--config', config, '--cookie', 'theme=SHOP_THEME', '--header', 'X-Test: header-value-123', '--format', 'json'],
    {
      env: { NO_COLOR: '1', SHOP_USER: 'jane.doe@example.com', SHOP_PASSWORD: 'pw-secret-98765', SHOP_THEME: 'theme-cookie-456' },
      now: () => Date.now(),
    },
  )
  expect(run.stderr).toBe('')
  const report = JSON.parse(run.stdout) as { command: string; subjects: Array<{ diagnosis?: { outcome: string } }> }
  expect(report.command).toBe('record')
  // No widget on this page: the diagnosis says so, and the run fails (exit 1), it does not crash.
  expect(report.subjects[0]?.diagnosis?.outcome).toBe('widget-not-loaded')
  expect(run.exitCode).toBe(1)

  const signIn = seen.find((request) => request.path === '/session')
  expect(new URLSearchParams(signIn?.body)).toEqual(new URLSearchParams({ email: 'jane.doe@example.com', pw: 'pw-secret-98765' }))
  const page = seen.find((request) => request.host === 'shop.test' && request.path === '/page')
  expect(page?.headers.cookie).toContain('sid=session-from-login')
  expect(page?.headers.cookie).toContain('theme=theme-cookie-456')
  expect(page?.headers['x-test']).toBe('header-value-123')
  // Another origin gets neither the header nor the cookie.
  const cdn = seen.find((request) => request.host === 'cdn.test')
  expect(cdn).toBeDefined()
  expect(cdn?.headers['x-test']).toBeUndefined()
  expect(cdn?.headers.cookie ?? '').not.toContain('theme=')
  // The credentials never reach the report.
  for (const value of ['pw-secret-98765', 'theme-cookie-456', 'header-value-123']) expect(run.stdout).not.toContain(value)
}, 45_000)

it('--storage-state starts from saved cookies and localStorage', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'asap-record-state-'))
  const state = join(dir, 'state.json')
  writeFileSync(
    state,
    JSON.stringify({
      cookies: [{ name: 'sid', value: 'saved-session-777', domain: 'shop.test', path: '/', expires: -1, httpOnly: true, secure: false, sameSite: 'Lax' }],
      origins: [{ origin: 'http://shop.test', localStorage: [{ name: 'seen', value: 'from-storage-state' }] }],
    }),
  )
  const before = seen.length
  const run = await runCliInProcess(
    [
      'record',
      'http://shop.test/page',
      `--browser-arg=--host-resolver-rules=MAP *.test 127.0.0.1:${port}`,
      '--storage-state',
      state,
      '--timeout',
      '15s',
      '--format',
      'json',
    ],
    { now: () => Date.now() },
  )
  expect(run.stderr).toBe('')
  const requests = seen.slice(before)
  expect(requests.find((request) => request.path === '/page')?.headers.cookie).toContain('sid=saved-session-777')
  expect(requests.find((request) => request.path.startsWith('/echo'))?.path).toBe('/echo?ls=from-storage-state')
}, 45_000)

it('a page that sends the browser to its login page says so (the session was missing)', async () => {
  const run = await runCliInProcess(
    ['record', 'http://shop.test/private', `--browser-arg=--host-resolver-rules=MAP *.test 127.0.0.1:${port}`, '--timeout', '15s', '--format', 'json'],
    { now: () => Date.now() },
  )
  expect(run.stderr).toBe('')
  const report = JSON.parse(run.stdout) as { subjects: Array<{ notes: string[] }> }
  expect(report.subjects[0]?.notes).toContain(
    'The page ended at http://shop.test/login, which looks like a login page: is the session (--cookie, --storage-state or record.loginUrl) valid?',
  )
}, 45_000)

it('check with a record section in the config adds the recorded page to its report', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'asap-check-record-'))
  const config = join(dir, 'asap-doctor.config.json')
  writeFileSync(
    config,
    JSON.stringify({
      orgId: '712340056',
      allowedDomains: ['shop.test'],
      record: { url: 'http://shop.test/page', browserArgs: [`--host-resolver-rules=MAP *.test 127.0.0.1:${port}`], timeout: '15s' },
    }),
  )
  // check's --cookie is a literal cookie for the token endpoint, not a NAME=ENV_VAR for the page.
  const run = await runCliInProcess(['check', '--config', config, '--cookie', 'app_session=literal-value', '--format', 'json'], { now: () => Date.now() })
  expect(run.stderr).toBe('')
  const report = JSON.parse(run.stdout) as { command: string; subjects: Array<{ source: { kind: string; ref: string }; checks: Array<{ id: string }> }> }
  expect(report.command).toBe('check')
  expect(report.subjects.map((subject) => subject.source.kind)).toEqual(['config', 'har'])
  expect(report.subjects[1]?.source.ref).toBe('http://shop.test/page')
  expect(report.subjects[1]?.checks.map((check) => check.id)).toContain('page-runtime')
}, 45_000)
