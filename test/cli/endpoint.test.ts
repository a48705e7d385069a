import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFakeTokenEndpoint, type FakeTokenEndpoint } from '../helpers/fake-token-endpoint.js'
import { runCliInProcess } from '../helpers/run-cli.js'
import { TEST_SECRET } from '../helpers/tokens.js'

// Real HTTP against a server on 127.0.0.1 started by the test; each case makes at most two requests.
let server: FakeTokenEndpoint
beforeAll(async () => {
  server = await startFakeTokenEndpoint()
})
afterAll(async () => {
  await server.close()
})

interface Report {
  subjects: Array<{ source: { kind: string; ref: string }; checks: Array<{ id: string; status: string; messageId: string }>; verdict: string }>
  summary: { exitCode: number }
}

async function endpoint(path: string, ...extra: string[]) {
  const run = await runCliInProcess(['endpoint', `${server.baseUrl}${path}`, '--format', 'json', ...extra], {
    env: { NO_COLOR: '1', ASAP_JWT_SECRET: TEST_SECRET },
    now: Date.now,
  })
  const report = JSON.parse(run.stdout) as Report
  const result = (id: string) => report.subjects[0]?.checks.find((check) => check.id === id)
  return { run, report, result }
}

describe('asap-doctor endpoint (real HTTP on 127.0.0.1)', () => {
  it.each([
    ['/token-bare', 'ok', 'pass'],
    ['/token-json', 'ok-json', 'pass'],
    ['/token-cached', 'same-token', 'fail'],
    ['/token-skewed', 'clock-skew', 'fail'],
    ['/needs-session', 'http-error', 'fail'],
    ['/redirect', 'redirect', 'fail'],
    ['/html', 'no-token', 'fail'],
  ])('%s → endpoint-response/%s', async (path, messageId, status) => {
    const { result, report, run } = await endpoint(path)
    expect(result('endpoint-response')).toMatchObject({ messageId, status })
    expect(report.subjects[0]?.source).toEqual({ kind: 'endpoint', ref: `${server.baseUrl}${path}` })
    expect(run.exitCode).toBe(status === 'fail' ? 1 : 0)
  })

  it('runs every token check on what the endpoint returned', async () => {
    const { result } = await endpoint('/token-seconds')
    expect(result('time-units')?.status).toBe('fail')
    expect(result('signature')?.status).toBe('pass')
    expect(result('endpoint-response')?.status).toBe('pass')
  })

  it('sends --cookie, and never prints it', async () => {
    const { result, run } = await endpoint('/needs-session', '--cookie', 'app_session=correct-session-cookie-value')
    expect(result('endpoint-response')?.messageId).toBe('ok-json')
    expect(server.requests.at(-1)?.cookie).toBe('app_session=correct-session-cookie-value')
    expect(run.stdout + run.stderr).not.toContain('correct-session-cookie-value')
  })

  // Issue 7: the widget would get no token, which is a finding with a normal report, not "could not run".
  it('an unreachable endpoint is a failing endpoint-response in every format (exit 1)', async () => {
    const run = await runCliInProcess(['endpoint', 'http://127.0.0.1:9/token', '--format', 'json'], { now: Date.now })
    expect(run.exitCode).toBe(1)
    const report = JSON.parse(run.stdout) as {
      subjects: Array<{ checks: Array<{ id: string; status: string; messageId: string }>; verdict: string; rootCause?: { checkId: string } }>
    }
    expect(report.subjects[0]?.checks.find((check) => check.id === 'endpoint-response')).toMatchObject({ status: 'fail', messageId: 'unreachable' })
    expect(report.subjects[0]?.rootCause?.checkId).toBe('endpoint-response')
    expect(report.subjects[0]?.verdict).toMatch(/could not be reached.*127\.0\.0\.1:9/)
    const junit = await runCliInProcess(['endpoint', 'http://127.0.0.1:9/token', '--format', 'junit'], { now: Date.now })
    expect(junit.exitCode).toBe(1)
    expect(junit.stdout).toMatch(/name="endpoint-response"[^>]*>\s*<failure/)
    const github = await runCliInProcess(['endpoint', 'http://127.0.0.1:9/token', '--format', 'github'], { now: Date.now })
    expect(github.exitCode).toBe(1)
    expect(github.stdout).toMatch(/^::error title=asap-doctor endpoint-response/m)
  })

  it('a hanging endpoint times out into the same failing result', async () => {
    const run = await runCliInProcess(['endpoint', `${server.baseUrl}/hang`, '--timeout', '300ms', '--format', 'json'], { now: Date.now })
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toContain('"messageId": "unreachable"')
  })

  it('a bad --timeout is one line and exit 2', async () => {
    const run = await runCliInProcess(['endpoint', `${server.baseUrl}/token-bare`, '--timeout', 'soon'])
    expect(run.exitCode).toBe(2)
    expect(run.stderr).toMatch(/^asap-doctor: --timeout "soon"/)
  })

  it('no URL and no config is a usage error', async () => {
    const run = await runCliInProcess(['endpoint'], { cwd: '/tmp' })
    expect(run.exitCode).toBe(2)
    expect(run.stderr).toMatch(/no token endpoint/)
  })
})
