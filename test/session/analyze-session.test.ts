import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { type EntrySpec, harText } from '../helpers/har-builder.js'
import { runCliInProcess } from '../helpers/run-cli.js'
import { goodPayload, makeToken } from '../helpers/tokens.js'

// Hand-built HARs for what the browser samples do not show: other token places, blocked calls,
// repeated logins, Firefox-style header case. The shape is HAR 1.2 as Firefox writes it.
const dir = mkdtempSync(join(tmpdir(), 'asap-doctor-session-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const T0 = Date.parse('2026-11-21T06:00:00.000Z')
function writeHar(name: string, entries: EntrySpec[]): string {
  const path = join(dir, name)
  writeFileSync(path, harText(entries, T0))
  return path
}
const fresh = (at: number) => makeToken({ payload: goodPayload({ not_before: T0 + at - 50, not_after: T0 + at - 50 + 300_000 }) })
const page = (at = 0): EntrySpec => ({
  at,
  url: 'https://app.example.com/help',
  mimeType: 'text/html',
  response: '<script>window.ZohoDeskAsapReady(function(){ZohoDeskAsap.invoke("login", cb)})</script>',
})
const widget = (at = 30): EntrySpec => ({
  at,
  url: 'https://desk.zoho.com/portal/api/web/asapApp/4213000000108007?orgId=712340056',
  mimeType: 'text/javascript',
  response: '/* widget */',
})
const auth = (at: number, token: string, extra: Partial<EntrySpec> = {}): EntrySpec => ({
  at,
  method: 'POST',
  url: `https://accounts.zohoportal.com/accounts/op/712340056/oauth/v2/remote/auth?jwt_token=${token}&client_id=1000.FAKE&response_type=remote_token`,
  headers: { Origin: 'https://app.example.com', Referer: 'https://app.example.com/help' },
  status: 400,
  response: '{"error":"general_error"}',
  ...extra,
})

interface JsonReport {
  subjects: Array<{
    checks: Array<{ id: string; status: string; messageId: string; message: string; hints: string[] }>
    diagnosis: { outcome: string; suspects: Array<{ id: string }> }
    source: { entryIndex: number }
    verdict: string
    rootCause?: { checkId: string; messageId: string }
  }>
  summary: { exitCode: number }
}

async function diagnose(path: string, ...extra: string[]): Promise<JsonReport> {
  const run = await runCliInProcess(['har', path, '--format', 'json', '--allowed-domain', 'app.example.com', ...extra])
  expect(run.stderr).toBe('')
  const report = JSON.parse(run.stdout) as JsonReport
  expect(run.exitCode).toBe(report.summary.exitCode)
  return report
}
const check = (subject: JsonReport['subjects'][number] | undefined, id: string) => subject?.checks.find((c) => c.id === id)

describe('session analysis on hand-built HARs', () => {
  it('a token in a form body of the auth call (Firefox header case)', async () => {
    const token = fresh(100)
    const report = await diagnose(
      writeHar('form.har', [
        page(),
        widget(),
        auth(100, 'x', {
          url: 'https://accounts.zohoportal.com/accounts/op/712340056/oauth/v2/remote/auth',
          body: { mimeType: 'application/x-www-form-urlencoded', params: [{ name: 'jwt_token', value: token }] },
        }),
      ]),
    )
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

  // Issue 7, defect 2: HAR durations are no causal order; a remote/auth call proves the widget ran.
  it('an auth call that starts before the widget entry "finished" is not blamed on timing', async () => {
    const report = await diagnose(writeHar('early.har', [page(), { ...widget(30), time: 900 }, auth(35, fresh(35))]))
    expect(check(report.subjects[0], 'login-timing')?.status).toBe('pass')
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
    const report = await diagnose(
      writeHar('other-zoho.har', [
        page(),
        widget(),
        {
          at: 100,
          url: 'https://desk.zoho.com/portal/api/jwt/login',
          method: 'POST',
          headers: { Authorization: `Bearer ${fresh(100)}`, Origin: 'https://app.example.com' },
          status: 401,
          response: '',
        },
      ]),
    )
    expect(report.subjects[0]?.source.entryIndex).toBe(2)
    expect(report.subjects[0]?.diagnosis.outcome).toBe('empty')
  })
})

// Issue 7's defects, each on a hand-built recording of what a page's getJwtTokenCallback really does.
const SECRET = ['--secret-file', 'fixtures/examples/asap-secret.txt']
const endpoint = (at: number, token: string): EntrySpec => ({ at, url: 'https://app.example.com/api/get-jwt-token', response: JSON.stringify({ token }) })
const accepted = { status: 200, response: '{"access_token":"1000.abc.def","expires_in_sec":3600}' }

describe('issue 7: the token on the wire is exact', () => {
  const wrapped: ReadonlyArray<readonly [string, (token: string) => string, string]> = [
    ['"Bearer " + token', (token) => `Bearer ${token}`, '"Bearer " + token'],
    ['JSON.stringify(token)', (token) => JSON.stringify(token), 'the token in quotes'],
    ['the whole JSON response', (token) => JSON.stringify({ token }), 'the whole JSON response as text'],
    ['a trailing newline', (token) => `${token}\n`, 'the token with whitespace around it'],
  ]
  for (const [name, wrap, passed] of wrapped) {
    it(`query jwt_token = ${name}: token-format fails and is the root cause`, async () => {
      const token = fresh(100)
      const report = await diagnose(writeHar('wrapped.har', [page(), widget(), endpoint(90, token), auth(100, encodeURIComponent(wrap(token)))]), ...SECRET)
      const subject = report.subjects[0]
      expect(check(subject, 'token-format')).toMatchObject({ status: 'fail', messageId: 'wrapped' })
      expect(check(subject, 'token-format')?.message).toContain(passed)
      expect(check(subject, 'token-format')?.hints.join(' ')).toMatch(/successCallback/)
      expect(subject?.rootCause).toEqual({ checkId: 'token-format', messageId: 'wrapped' })
      // The token inside is still judged: its signature and claims pass.
      expect(check(subject, 'signature')?.status).toBe('pass')
      expect(subject?.verdict).toMatch(/^Zoho answered general_error because the page handed successCallback/)
      expect(report.summary.exitCode).toBe(1)
    })
  }

  it('the same holds in a form body, a JSON body and a header', async () => {
    const token = fresh(100)
    const url = 'https://accounts.zohoportal.com/accounts/op/712340056/oauth/v2/remote/auth'
    const bodies: EntrySpec[] = [
      auth(100, 'x', {
        url,
        body: { mimeType: 'application/x-www-form-urlencoded', text: `jwt_token=${encodeURIComponent(`Bearer ${token}`)}&client_id=1000.FAKE` },
      }),
      auth(100, 'x', { url, body: { mimeType: 'application/json', text: JSON.stringify({ jwt_token: `Bearer ${token}` }) } }),
      auth(100, 'x', { url, headers: { Origin: 'https://app.example.com', 'X-JWT-Token': `Bearer ${token}` } }),
    ]
    for (const [index, call] of bodies.entries()) {
      const report = await diagnose(writeHar(`place-${index}.har`, [page(), widget(), call]))
      expect(check(report.subjects[0], 'token-format')?.messageId, `place ${index}`).toBe('wrapped')
    }
  })

  for (const [sent, passed] of [
    ['[object Object]', 'an object'],
    ['undefined', 'undefined'],
    ['', 'an empty string'],
    ['{"error":"no session"}', 'a JSON text'],
  ] as const) {
    it(`jwt_token=${JSON.stringify(sent)} is still a login attempt that fails token-format`, async () => {
      const report = await diagnose(writeHar('not-a-token.har', [page(), widget(), auth(100, encodeURIComponent(sent))]))
      expect(report.subjects).toHaveLength(1)
      const subject = report.subjects[0]
      expect(subject?.diagnosis.outcome).toBe('general_error')
      expect(check(subject, 'token-format')).toMatchObject({ status: 'fail', messageId: 'not-a-token' })
      expect(subject?.verdict).toContain(passed)
      expect(subject?.verdict).not.toMatch(/never invoked/)
    })
  }

  it('a redacted copy shows the same attempt and the same failure', async () => {
    const token = fresh(100)
    const original = writeHar('bearer.har', [page(), widget(), endpoint(90, token), auth(100, encodeURIComponent(`Bearer ${token}`))])
    const copy = join(dir, 'bearer-redacted.har')
    const run = await runCliInProcess(['har', original, '--redact', copy])
    expect(run.exitCode).toBe(0)
    const report = await diagnose(copy)
    expect(check(report.subjects[0], 'token-format')?.messageId).toBe('wrapped')
    expect(check(report.subjects[0], 'signature')?.messageId).toBe('sanitized')
    expect(report.subjects[0]?.rootCause?.checkId).toBe('token-format')
  })
})

describe('issue 7: evidence across attempts decides', () => {
  it('a token accepted once and refused when sent again: the replay is the cause', async () => {
    const token = fresh(100)
    const report = await diagnose(writeHar('replay.har', [page(), widget(), endpoint(90, token), auth(100, token, accepted), auth(60_000, token)]), ...SECRET)
    expect(report.subjects).toHaveLength(2)
    expect(report.subjects[0]?.verdict).toMatch(/^Zoho accepted this login/)
    expect(check(report.subjects[1], 'login-timing')?.messageId).toBe('replayed')
    expect(report.subjects[1]?.rootCause).toEqual({ checkId: 'login-timing', messageId: 'replayed' })
    expect(report.subjects[1]?.verdict).toMatch(/replayed/)
  })

  it('a token minted at app sign-in, kept and sent 20 min later without a request: caching is the root cause, expiry its effect', async () => {
    const token = makeToken({ payload: goodPayload({ not_before: T0, not_after: T0 + 300_000 }) })
    const login: EntrySpec = { at: 10, method: 'POST', url: 'https://app.example.com/api/login', response: JSON.stringify({ ok: true, asapToken: token }) }
    const later = 1_200_000
    const report = await diagnose(writeHar('cached.har', [page(), login, page(later), widget(later + 30), auth(later + 100, token)]), ...SECRET)
    const subject = report.subjects[0]
    expect(check(subject, 'login-timing')?.messageId).toBe('cached-token')
    expect(check(subject, 'login-timing')?.message).toContain('https://app.example.com/api/login')
    expect(check(subject, 'time-validity')?.messageId).toBe('expired')
    expect(subject?.rootCause).toEqual({ checkId: 'login-timing', messageId: 'cached-token' })
    expect(subject?.verdict).toMatch(/cached token.*; also: it expired/)
  })

  it('two attempts with two fresh tokens raise no alarm', async () => {
    const first = fresh(100)
    const second = fresh(200_000)
    const report = await diagnose(
      writeHar('two-fresh.har', [
        page(),
        widget(),
        endpoint(90, first),
        auth(100, first, accepted),
        endpoint(199_990, second),
        auth(200_000, second, accepted),
      ]),
      ...SECRET,
    )
    expect(report.subjects).toHaveLength(2)
    for (const subject of report.subjects) expect(subject.checks.filter((c) => c.status === 'fail' || c.status === 'warn').map((c) => c.id)).toEqual([])
    expect(report.summary.exitCode).toBe(0)
  })
})

describe('issue 7: exit codes and verdicts tell the truth', () => {
  it('general_error that no check can prove: exit 1, no root cause, suspects ranked', async () => {
    const token = fresh(100)
    const report = await diagnose(writeHar('unproven.har', [page(), widget(), endpoint(90, token), auth(100, token)]))
    const subject = report.subjects[0]
    expect(check(subject, 'login-outcome')).toMatchObject({ status: 'fail', messageId: 'general-error' })
    expect(subject?.rootCause).toBeUndefined()
    expect(subject?.verdict).toMatch(
      /nothing in the recording proves why\. What to check, most likely first: 1\) the user is not an active Help Center end user/,
    )
    expect(subject?.diagnosis.suspects[0]?.id).toBe('help-center-user')
    expect(report.summary.exitCode).toBe(1)
  })

  it('with --only, the verdict claims no more than was checked', async () => {
    const token = fresh(100)
    const report = await diagnose(writeHar('only.har', [page(), widget(), endpoint(90, token), auth(100, token, accepted)]), '--only', 'time-units')
    expect(report.subjects[0]?.verdict).toMatch(/Zoho accepted this login/)
    const rejected = await diagnose(writeHar('only-rejected.har', [page(), widget(), endpoint(90, token), auth(100, token)]), '--only', 'time-units')
    expect(rejected.subjects[0]?.verdict).toBe(
      'Zoho answered general_error; the selected checks pass (time-units), so the cause is among the checks that were not run.',
    )
    // What Zoho answered is kept whatever --only says: the rejection still exits 1.
    expect(check(rejected.subjects[0], 'login-outcome')?.status).toBe('fail')
    expect(rejected.summary.exitCode).toBe(1)
  })
})
