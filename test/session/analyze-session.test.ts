import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCliInProcess } from '../helpers/run-cli.js'
import { goodPayload, makeToken } from '../helpers/tokens.js'

// Hand-built HARs for what the browser samples do not show: other token places, blocked calls,
// repeated logins, Firefox-style header case. The shape is HAR 1.2 as Firefox writes it.
const dir = mkdtempSync(join(tmpdir(), 'asap-doctor-session-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const T0 = Date.parse('2026-11-21T06:00:00.000Z')
interface EntrySpec {
  at: number
  method?: string
  url: string
  headers?: Record<string, string>
  body?: { mimeType: string; text?: string; params?: Array<{ name: string; value: string }> }
  status?: number
  response?: string
  mimeType?: string
  time?: number
}
function entry(spec: EntrySpec) {
  const url = new URL(spec.url)
  return {
    pageref: 'page_1',
    startedDateTime: new Date(T0 + spec.at).toISOString(),
    time: spec.time ?? 20,
    request: {
      method: spec.method ?? 'GET',
      url: spec.url,
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: Object.entries(spec.headers ?? {}).map(([name, value]) => ({ name, value })),
      queryString: [...url.searchParams].map(([name, value]) => ({ name, value })),
      ...(spec.body === undefined ? {} : { postData: spec.body }),
      headersSize: -1,
      bodySize: -1,
    },
    response: {
      status: spec.status ?? 200,
      statusText: '',
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: [],
      content: { size: (spec.response ?? '').length, mimeType: spec.mimeType ?? 'application/json', text: spec.response ?? '' },
      redirectURL: '',
      headersSize: -1,
      bodySize: -1,
    },
    cache: {},
    timings: { send: 0, wait: 10, receive: 0 },
  }
}
function writeHar(name: string, entries: EntrySpec[]): string {
  const path = join(dir, name)
  const har = { log: { version: '1.2', creator: { name: 'Firefox', version: '145.0' }, pages: [{ startedDateTime: new Date(T0).toISOString(), id: 'page_1', title: 'Support', pageTimings: {} }], entries: entries.map(entry) } }
  writeFileSync(path, JSON.stringify(har, null, 2))
  return path
}
const fresh = (at: number) => makeToken({ payload: goodPayload({ not_before: T0 + at - 50, not_after: T0 + at - 50 + 300_000 }) })
const page = (at = 0): EntrySpec => ({ at, url: 'https://app.example.com/help', mimeType: 'text/html', response: '<script>window.ZohoDeskAsapReady(function(){ZohoDeskAsap.invoke("login", cb)})</script>' })
const widget = (at = 30): EntrySpec => ({ at, url: 'https://desk.zoho.com/portal/api/web/asapApp/4213000000108007?orgId=712340056', mimeType: 'text/javascript', response: '/* widget */' })
const auth = (at: number, token: string, extra: Partial<EntrySpec> = {}): EntrySpec => ({
  at,
  method: 'POST',
  url: `https://accounts.zohoportal.com/accounts/op/712340056/oauth/v2/remote/auth?jwt_token=${token}&client_id=1000.FAKE&response_type=remote_token`,
  headers: { Origin: 'https://app.example.com', Referer: 'https://app.example.com/help' },
  status: 400,
  response: '{"error":"general_error"}',
  ...extra,
})

async function diagnose(path: string, ...extra: string[]) {
  const run = await runCliInProcess(['har', path, '--format', 'json', '--allowed-domain', 'app.example.com', ...extra])
  expect(run.stderr).toBe('')
  return JSON.parse(run.stdout) as { subjects: Array<{ checks: Array<{ id: string; status: string; messageId: string }>; diagnosis: { outcome: string }; source: { entryIndex: number } }> }
}
const check = (subject: { checks: Array<{ id: string; status: string; messageId: string }> } | undefined, id: string) => subject?.checks.find((c) => c.id === id)

describe('session analysis on hand-built HARs', () => {
  it('a token in a form body of the auth call (Firefox header case)', async () => {
    const token = fresh(100)
    const report = await diagnose(writeHar('form.har', [page(), widget(), auth(100, 'x', { url: 'https://accounts.zohoportal.com/accounts/op/712340056/oauth/v2/remote/auth', body: { mimeType: 'application/x-www-form-urlencoded', params: [{ name: 'jwt_token', value: token }] } })]))
    expect(report.subjects).toHaveLength(1)
    expect(check(report.subjects[0], 'allowed-domain')?.status).toBe('pass')
    expect(check(report.subjects[0], 'time-validity')?.status).toBe('pass')
  })

  it('a blocked call (status 0) is its own outcome', async () => {
    const report = await diagnose(writeHar('blocked.har', [page(), widget(), auth(100, fresh(100), { status: 0, response: '' })]))
    expect(report.subjects[0]?.diagnosis.outcome).toBe('blocked')
  })

  it('the same cached token in two logins warns token-reused; the later one is expired', async () => {
    const token = fresh(100)
    const report = await diagnose(writeHar('reused.har', [page(), widget(), auth(100, token), page(400_000), widget(400_030), auth(400_100, token)]))
    expect(report.subjects).toHaveLength(2)
    expect(check(report.subjects[0], 'login-timing')?.messageId).toBe('token-reused')
    expect(check(report.subjects[1], 'time-validity')?.messageId).toBe('expired')
  })

  it('login before the widget script finished: login-timing fails', async () => {
    const report = await diagnose(writeHar('early.har', [page(), widget(30), auth(35, fresh(35))]))
    expect(check(report.subjects[0], 'login-timing')?.messageId).toBe('before-widget-ready')
  })

  it('no widget at all: widget-not-loaded', async () => {
    const report = await diagnose(writeHar('nowidget.har', [page()]))
    expect(report.subjects[0]?.diagnosis.outcome).toBe('widget-not-loaded')
    expect(check(report.subjects[0], 'login-timing')?.messageId).toBe('widget-not-loaded')
  })

  it('widget script answered 404: widget-failed', async () => {
    const report = await diagnose(writeHar('widget404.har', [page(), { ...widget(), status: 404, response: '{}' }]))
    expect(check(report.subjects[0], 'login-timing')?.messageId).toBe('widget-failed')
  })

  it('an EU widget with a US sign-in host: data-center fails', async () => {
    const eu = { ...widget(), url: 'https://desk.zoho.eu/portal/api/web/asapApp/1?orgId=20111269432' }
    const report = await diagnose(writeHar('dc.har', [page(), eu, auth(100, fresh(100))]))
    expect(check(report.subjects[0], 'data-center')?.status).toBe('fail')
  })

  it('a JWT sent to another Zoho host counts as an attempt', async () => {
    const report = await diagnose(writeHar('other-zoho.har', [page(), widget(), { at: 100, url: 'https://desk.zoho.com/portal/api/jwt/login', method: 'POST', headers: { Authorization: `Bearer ${fresh(100)}`, Origin: 'https://app.example.com' }, status: 401, response: '' }]))
    expect(report.subjects[0]?.source.entryIndex).toBe(2)
    expect(report.subjects[0]?.diagnosis.outcome).toBe('empty')
  })
})
