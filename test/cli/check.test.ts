import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FAKE_ACCESS_TOKEN, FAKE_ORG_ID, startFakeDeskServer, type FakeDeskServer } from '../helpers/fake-desk-server.js'
import { startFakeTokenEndpoint, type FakeTokenEndpoint } from '../helpers/fake-token-endpoint.js'
import { runCliInProcess } from '../helpers/run-cli.js'
import { goodPayload, makeToken, TEST_SECRET } from '../helpers/tokens.js'

let endpoint: FakeTokenEndpoint
let desk: FakeDeskServer
const dir = mkdtempSync(join(tmpdir(), 'asap-doctor-check-'))

beforeAll(async () => {
  endpoint = await startFakeTokenEndpoint()
  desk = await startFakeDeskServer({
    contacts: [
      { email: 'jane.doe@example.com', isEndUser: true },
      { email: 'sam.lee@example.com', isEndUser: false },
    ],
    helpCenterUsers: [{ email: 'jane.doe@example.com', status: 'ACTIVE' }],
  })
  writeFileSync(join(dir, 'users.txt'), 'jane.doe@example.com\n')
})
afterAll(async () => {
  await Promise.all([endpoint.close(), desk.close()])
  rmSync(dir, { recursive: true, force: true })
})

function writeConfig(name: string, config: unknown): string {
  const path = join(dir, name)
  writeFileSync(path, JSON.stringify(config, null, 2))
  return path
}

const base = (extra: Record<string, unknown> = {}) => ({
  orgId: '712340056',
  dataCenter: 'us',
  allowedDomains: ['app.example.com', 'support.example.com'],
  pageUrl: 'https://app.example.com/dashboard',
  tokenEndpoint: { url: `${endpoint.baseUrl}/token-json` },
  users: 'users.txt',
  ...extra,
})

async function check(config: string, ...extra: string[]) {
  return runCliInProcess(['check', '--config', config, ...extra], { env: { NO_COLOR: '1', ASAP_JWT_SECRET: TEST_SECRET }, now: Date.now, cwd: dir })
}

describe('asap-doctor check', () => {
  it('a healthy integration passes end to end (endpoint → token → org/dc/domain → user)', async () => {
    const run = await check(writeConfig('ok.json', base()), '--format', 'json')
    const report = JSON.parse(run.stdout)
    const statuses = Object.fromEntries(report.subjects[0].checks.map((c: { id: string; status: string }) => [c.id, c.status]))
    expect(statuses).toMatchObject({
      'endpoint-response': 'pass',
      signature: 'pass',
      'org-id': 'pass',
      'data-center': 'pass',
      'allowed-domain': 'pass',
      'help-center-user': 'pass',
    })
    expect(run.exitCode).toBe(0)
  })

  it('--format github: annotations, add-mask for the tokens, and a step summary', async () => {
    const summary = join(dir, 'summary.md')
    writeFileSync(summary, '')
    const run = await runCliInProcess(['check', '--config', writeConfig('gh.json', base({ pageUrl: 'https://www.example.com/' })), '--format', 'github'], {
      env: { ASAP_JWT_SECRET: TEST_SECRET, GITHUB_STEP_SUMMARY: summary },
      now: Date.now,
      cwd: dir,
    })
    expect(run.exitCode).toBe(1)
    const lines = run.stdout.split('\n')
    expect(lines.filter((line) => line.startsWith('::add-mask::eyJ')).length).toBeGreaterThanOrEqual(2)
    expect(lines.find((line) => line.startsWith('::error title=asap-doctor allowed-domain'))).toContain('www.example.com')
    expect(readFileSync(summary, 'utf8')).toMatch(/\| ❌ \| `allowed-domain` \|/)
    for (const line of lines.filter((l) => !l.startsWith('::add-mask::'))) expect(line).not.toMatch(/eyJ[\w-]+\.eyJ[\w-]+\.[\w-]{20,}/)
  })

  it('--format junit: one testcase per check, failures with their explanation', async () => {
    const run = await check(writeConfig('junit.json', base({ tokenEndpoint: { url: `${endpoint.baseUrl}/token-seconds` } })), '--format', 'junit')
    expect(run.stdout.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true)
    expect(run.stdout.match(/<testcase /g)?.length).toBe(16)
    expect(run.stdout).toMatch(/<testcase classname="[^"]+" name="time-units"[^>]*><failure message="[^"]*seconds/)
    expect(run.exitCode).toBe(1)
  })

  // Issue 7, defect 6: honest exit codes.
  it('no config and no flags: nothing to check, exit 2', async () => {
    const run = await runCliInProcess(['check'], { cwd: dir })
    expect(run.exitCode).toBe(2)
    expect(run.stderr).toMatch(/^asap-doctor: nothing to check: no asap-doctor\.config\.json here, and no flags/)
    expect(run.stdout).toBe('')
  })

  it('an unreachable token endpoint is a failing endpoint-response with a normal junit report', async () => {
    const run = await check(writeConfig('down.json', base({ tokenEndpoint: { url: 'http://127.0.0.1:9/token' } })), '--format', 'junit')
    expect(run.exitCode).toBe(1)
    expect(run.stdout).toMatch(/name="endpoint-response"[^>]*>\s*<failure message="No HTTP response from the token endpoint/)
  })

  it('--token-file instead of an endpoint: token checks plus the integration', async () => {
    const config = writeConfig('token-file.json', { ...base(), tokenEndpoint: undefined })
    const run = await runCliInProcess(
      [
        'check',
        '--config',
        config,
        '--token-file',
        join(process.cwd(), 'fixtures/tokens/exp-in-seconds.txt'),
        '--now',
        '2026-11-21T06:00:00Z',
        '--format',
        'json',
      ],
      {
        env: { ASAP_JWT_SECRET: TEST_SECRET },
        cwd: dir,
      },
    )
    const report = JSON.parse(run.stdout)
    const failing = report.subjects[0].checks.filter((c: { status: string }) => c.status === 'fail').map((c: { id: string }) => c.id)
    expect(failing).toEqual(['time-units', 'validity-window', 'time-validity'])
    expect(report.subjects[0].checks.find((c: { id: string }) => c.id === 'help-center-user').status).toBe('pass')
    expect(run.exitCode).toBe(1)
  })

  it('leeway: the config value applies, and an explicit --leeway 0 wins over it', async () => {
    const now = Date.parse('2026-11-21T06:00:00Z')
    writeFileSync(join(dir, 'late.txt'), makeToken({ payload: goodPayload({ not_before: now - 303_000, not_after: now - 3_000 }) }))
    const config = writeConfig('leeway.json', { leewayMs: 5000 })
    const timeValidity = async (...extra: string[]) => {
      const run = await runCliInProcess(
        [
          'check',
          '--config',
          config,
          '--token-file',
          join(dir, 'late.txt'),
          '--now',
          '2026-11-21T06:00:00Z',
          '--only',
          'time-validity',
          '--format',
          'json',
          ...extra,
        ],
        { cwd: dir },
      )
      return JSON.parse(run.stdout).subjects[0].checks[0].status as string
    }
    expect(await timeValidity()).toBe('pass')
    expect(await timeValidity('--leeway', '0')).toBe('fail')
  })

  it('without endpoint or token it checks the configuration and the expected user', async () => {
    const config = writeConfig('config-only.json', { ...base(), tokenEndpoint: undefined, expectEmail: 'sam.lee@example.com' })
    const run = await check(config, '--format', 'json')
    const report = JSON.parse(run.stdout)
    expect(report.subjects[0].source.kind).toBe('config')
    expect(report.subjects[0].checks.find((c: { id: string }) => c.id === 'help-center-user').messageId).toBe('no-contact')
  })

  it('--online looks the user up in Zoho Desk (fake server on 127.0.0.1) and never sends the token elsewhere', async () => {
    const config = writeConfig('online.json', { ...base(), users: undefined, tokenEndpoint: undefined, expectEmail: 'sam.lee@example.com' })
    const before = desk.requests.length
    const run = await runCliInProcess(['check', '--config', config, '--online', '--desk-base-url', desk.baseUrl, '--format', 'json'], {
      env: { ZOHO_DESK_ACCESS_TOKEN: FAKE_ACCESS_TOKEN },
      now: Date.now,
      cwd: dir,
    })
    const report = JSON.parse(run.stdout)
    expect(report.subjects[0].checks.find((c: { id: string }) => c.id === 'help-center-user').messageId).toBe('not-end-user')
    const sent = desk.requests.slice(before)
    expect(sent.length).toBeGreaterThan(0)
    expect(sent.length).toBeLessThanOrEqual(3)
    expect(sent.every((request) => request.headers.orgid === FAKE_ORG_ID)).toBe(true)
    expect(run.stdout + run.stderr).not.toContain(FAKE_ACCESS_TOKEN)
  })

  it('--online with an org the token does not belong to: org-id fails, help-center-user errors', async () => {
    const config = writeConfig('wrong-org.json', {
      ...base(),
      orgId: '20111269432',
      dataCenter: 'us',
      users: undefined,
      tokenEndpoint: undefined,
      expectEmail: 'jane.doe@example.com',
    })
    const run = await runCliInProcess(['check', '--config', config, '--online', '--desk-base-url', desk.baseUrl, '--format', 'json'], {
      env: { ZOHO_DESK_ACCESS_TOKEN: FAKE_ACCESS_TOKEN },
      now: Date.now,
      cwd: dir,
    })
    const checks = JSON.parse(run.stdout).subjects[0].checks as Array<{ id: string; status: string; messageId: string }>
    expect(checks.find((c) => c.id === 'org-id')).toMatchObject({ status: 'fail', messageId: 'desk-org-mismatch' })
    expect(checks.find((c) => c.id === 'help-center-user')).toMatchObject({ status: 'error', messageId: 'org-mismatch' })
    expect(run.exitCode).toBe(1)
  })

  describe('bad configuration: exit 2 with the path of the bad value', () => {
    it.each([
      ['unknown key', { orgId: '712340056', colour: 'blue' }, /colour: unknown key/],
      ['wrong type', { orgId: '712340056', allowedDomains: 'app.example.com' }, /allowedDomains: must be an array/],
      [
        'six domains',
        { allowedDomains: ['a.com', 'b.com', 'c.com', 'd.com', 'e.com', 'f.com'] },
        /^asap-doctor: config \S+bad\.json: allowedDomains\[5\]: 6 domains; Zoho allows at most five\n$/,
      ],
      ['a URL as a domain', { allowedDomains: ['https://app.example.com'] }, /allowedDomains\[0\]: "https:\/\/app.example.com" is not a plain host name/],
      ['a secret in the file', { desk: { clientSecret: 'abcdef123456' } }, /desk.clientSecret: a secret written into the config file/],
      [
        'a cookie value in the file',
        { tokenEndpoint: { url: 'https://app.example.com/t', headers: { Cookie: 'app_session=abc' } } },
        /tokenEndpoint.headers.Cookie: a Cookie value is a credential/,
      ],
      ['a JWT in the file', { expectEmail: 'eyJhbGciOiJIUzI1NiJ9.eyJlbWFpbCI6ImEifQ.abc' }, /expectEmail: looks like a token/],
      ['a bad data centre', { dataCenter: 'mars' }, /dataCenter: "mars" is not a data centre/],
      ['an env var value instead of its name', { desk: { accessTokenEnv: '1000.abc.def' } }, /desk.accessTokenEnv: .* is not an environment variable name/],
    ])('%s', async (_name, config, message) => {
      const run = await check(writeConfig('bad.json', config))
      expect(run.exitCode).toBe(2)
      expect(run.stdout).toBe('')
      expect(run.stderr.trim().split('\n')).toHaveLength(1)
      expect(run.stderr).toMatch(message)
      expect(run.stderr).not.toContain('abcdef123456')
    })

    it('invalid JSON', async () => {
      writeFileSync(join(dir, 'broken.json'), '{ "orgId": ')
      const run = await check(join(dir, 'broken.json'))
      expect(run.exitCode).toBe(2)
      expect(run.stderr).toMatch(/^asap-doctor: config \S+broken\.json: not valid JSON: /)
    })
  })

  it('the shipped JSON Schema knows exactly the keys the validator accepts', async () => {
    const schema = JSON.parse(readFileSync('schema/asap-doctor.config.schema.json', 'utf8'))
    const { parseConfig } = await import('../../src/config/config.js')
    for (const key of Object.keys(schema.properties)) {
      if (key === '$schema') continue
      try {
        parseConfig({ [key]: null })
      } catch (error) {
        expect(String(error)).not.toMatch(/unknown key/)
      }
    }
    expect(() => parseConfig({ notInSchema: 1 })).toThrow(/unknown key/)
  })
})
