import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { findBrowser, USUAL_BROWSER_PATHS } from '../../src/browser/find-browser.js'
import { parseTimeout } from '../../src/cli/commands/record.js'
import { parseConfig } from '../../src/config/config.js'
import { recorderInitScript } from '../../src/record/init-script.js'
import { type Observation, runtimeFactsFrom } from '../../src/record/observations.js'
import { runCliInProcess } from '../helpers/run-cli.js'

// No browser here: what `record` decides before launching one, and the pure parts after it.
const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJlbWFpbCI6ImphbmVAZXhhbXBsZS5jb20ifQ.c2lnbmF0dXJlLXNpZ25hdHVyZS1zaWc'
const SIGNATURE = 'c2lnbmF0dXJlLXNpZ25hdHVyZS1zaWc'

describe('record without a browser', () => {
  it('--browser /nonexistent: exit 2, one line that says how to get one', async () => {
    const run = await runCliInProcess(['record', 'https://app.example.com/dashboard', '--browser', '/nonexistent'])
    expect(run.exitCode).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1)
    expect(run.stderr).toMatch(/^asap-doctor: no browser at --browser \/nonexistent; .*apt-get install chromium.*--browser PATH/)
  })

  it('a file that is not a browser: exit 2, one line', async () => {
    const run = await runCliInProcess(['record', 'https://app.example.com/dashboard', '--browser', '/bin/true'])
    expect(run.exitCode).toBe(2)
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1)
    expect(run.stderr).toMatch(/^asap-doctor: cannot start the browser \/bin\/true: .*apt-get install chromium/)
  }, 30_000)

  it('ASAP_DOCTOR_BROWSER naming a missing file is refused the same way', async () => {
    const run = await runCliInProcess(['record', 'https://app.example.com/dashboard'], { env: { NO_COLOR: '1', ASAP_DOCTOR_BROWSER: '/no/such/chrome' } })
    expect(run.exitCode).toBe(2)
    expect(run.stderr).toMatch(/ASAP_DOCTOR_BROWSER=\/no\/such\/chrome.*apt-get install chromium/)
  })

  it('--cookie NAME=ENV_VAR with the variable unset: exit 2 naming the variable, never a value', async () => {
    const run = await runCliInProcess(['record', 'https://app.example.com/dashboard', '--browser', process.execPath, '--cookie', 'app_session=STAGING_SESSION'])
    expect(run.exitCode).toBe(2)
    expect(run.stderr).toBe('asap-doctor: --cookie app_session: the environment variable it names is not set (export it before running record)\n')
  })

  it('--cookie with a value instead of a variable name is refused', async () => {
    const run = await runCliInProcess([
      'record',
      'https://app.example.com/dashboard',
      '--browser',
      process.execPath,
      '--cookie',
      'app_session=s3cr3t-value.with.dots',
    ])
    expect(run.exitCode).toBe(2)
    expect(run.stderr).toMatch(/is not an environment variable name/)
  })

  it('no URL and no record.url: exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'asap-record-'))
    const run = await runCliInProcess(['record', '--browser', process.execPath], { cwd: dir })
    expect(run.exitCode).toBe(2)
    expect(run.stderr).toMatch(/no page to record/)
  })

  it('a bad --timeout or --repeat: exit 2', async () => {
    for (const flags of [
      ['--timeout', '0s'],
      ['--timeout', 'soon'],
      ['--repeat', '0'],
      ['--repeat', '21'],
    ]) {
      const run = await runCliInProcess(['record', 'https://app.example.com/', '--browser', process.execPath, ...flags])
      expect(run.exitCode, flags.join(' ')).toBe(2)
    }
  })

  it('the record.url of the config is used, and its record.cookies read the environment', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'asap-record-'))
    writeFileSync(join(dir, 'asap-doctor.config.json'), JSON.stringify({ record: { url: 'https://app.example.com/help', cookies: { csrftoken: 'APP_CSRF' } } }))
    const run = await runCliInProcess(['record', '--browser', '/nonexistent'], { cwd: dir })
    // The browser is looked up after the URL: the config's URL was accepted.
    expect(run.stderr).toMatch(/no browser at --browser \/nonexistent/)
    const cookie = await runCliInProcess(['record', '--browser', process.execPath], { cwd: dir })
    expect(cookie.stderr).toMatch(/record\.cookies\.csrftoken: the environment variable it names is not set/)
  })

  it('playwright-core is loaded only by record, and only when it runs', () => {
    // Other commands' cold start must not pay for it: no static import outside the adapter.
    const command = readFileSync(new URL('../../src/cli/commands/record.ts', import.meta.url), 'utf8')
    expect(command).not.toMatch(/from 'playwright-core'/)
    expect(command).toMatch(/await import\('\.\.\/\.\.\/browser\/playwright-recorder\.js'\)/)
    const adapter = readFileSync(new URL('../../src/browser/playwright-recorder.ts', import.meta.url), 'utf8')
    expect(adapter).toMatch(/^import type \{[^}]*\} from 'playwright-core'/m)
    expect(adapter).toMatch(/await import\('playwright-core'\)/)
  })
})

describe('findBrowser', () => {
  const only =
    (...paths: string[]) =>
    (path: string) =>
      paths.includes(path)
  it('prefers --browser, then ASAP_DOCTOR_BROWSER, then the usual paths in order', () => {
    expect(findBrowser('/opt/chrome', { ASAP_DOCTOR_BROWSER: '/usr/bin/chromium' }, only('/opt/chrome', '/usr/bin/chromium'))).toEqual({
      found: true,
      path: '/opt/chrome',
      from: '--browser',
    })
    expect(findBrowser(undefined, { ASAP_DOCTOR_BROWSER: '/x/chrome' }, only('/x/chrome', '/usr/bin/chromium'))).toMatchObject({
      found: true,
      path: '/x/chrome',
    })
    expect(findBrowser(undefined, {}, only('/usr/bin/google-chrome', '/opt/google/chrome/chrome'))).toMatchObject({
      found: true,
      path: '/usr/bin/google-chrome',
      from: 'install path',
    })
  })
  it('an explicit choice that does not exist is an error, not a fallback', () => {
    expect(findBrowser('/nope', {}, only(...USUAL_BROWSER_PATHS))).toMatchObject({ found: false })
  })
  it('nothing installed: the message lists the paths tried and how to install one', () => {
    const result = findBrowser(undefined, {}, only())
    expect(result.found).toBe(false)
    if (!result.found) for (const path of USUAL_BROWSER_PATHS) expect(result.message).toContain(path)
  })
})

describe('parseTimeout', () => {
  it('reads ms, s and m; refuses below 1 s and above 10 min', () => {
    expect(parseTimeout('30s')).toBe(30_000)
    expect(parseTimeout('1500ms')).toBe(1500)
    expect(parseTimeout('2m')).toBe(120_000)
    expect(parseTimeout('5000')).toBe(5000)
    for (const bad of ['500ms', '11m', '-1s', 'x']) expect(() => parseTimeout(bad), bad).toThrow(/--timeout/)
  })
})

describe('config record section', () => {
  it('accepts selectors (a "password" selector is not a secret) and env names for credentials', () => {
    const config = parseConfig({
      record: {
        url: 'https://staging.example.com/dashboard',
        loginUrl: 'https://staging.example.com/login',
        selectors: { user: '#email', password: '#password', submit: 'button[type=submit]' },
        userEnv: 'STAGING_USER',
        passwordEnv: 'STAGING_PASSWORD',
        cookies: { csrftoken: 'STAGING_CSRF' },
        browserArgs: ['--host-resolver-rules=MAP app.example.com 10.0.0.5'],
        repeat: 2,
        waitForLogin: true,
        timeout: '45s',
      },
    })
    expect(config.record?.selectors?.password).toBe('#password')
    expect(config.record?.cookies).toEqual({ csrftoken: 'STAGING_CSRF' })
  })
  it('refuses a login page without the variables that hold the credentials', () => {
    expect(() => parseConfig({ record: { loginUrl: 'https://staging.example.com/login', userEnv: 'U' } })).toThrow(/record\.passwordEnv/)
  })
  it('refuses a cookie value written into the file', () => {
    expect(() => parseConfig({ record: { cookies: { app_session: 's3cr3t value' } } })).toThrow(/record\.cookies\.app_session/)
  })
  it('refuses unknown keys and a bad repeat', () => {
    expect(() => parseConfig({ record: { url: 'https://a.example.com/', password: 'hunter2' } })).toThrow(/record\.password/)
    expect(() => parseConfig({ record: { repeat: 0 } })).toThrow(/record\.repeat/)
  })
})

describe('runtimeFactsFrom', () => {
  const script = (at: number, event: unknown): Observation => ({ kind: 'script', at, frameUrl: 'https://app.example.com/', event })

  it('condenses init-script events in time order', () => {
    const facts = runtimeFactsFrom([
      script(30, { type: 'invoke', at: 30, name: 'login', beforeReady: false }),
      script(10, { type: 'ready-defined', at: 10 }),
      script(20, { type: 'asap-defined', at: 20 }),
      script(25, { type: 'ready-signalled', at: 25, how: 'callback' }),
      script(40, { type: 'jwt-callback-called', at: 40 }),
      script(50, { type: 'callback-value', at: 50, valueType: 'string', length: 176, bareJwt: true, shape: 'bare-jwt' }),
    ])
    expect(facts).toMatchObject({ readyDefinedAt: 10, asapDefinedAt: 20, readySignalledAt: 25, jwtCallbackCalls: 1 })
    expect(facts.invokes).toEqual([{ at: 30, name: 'login', beforeReady: false }])
    expect(facts.callbackValues).toEqual([{ at: 50, type: 'string', length: 176, bareJwt: true, shape: 'bare-jwt' }])
  })

  it('ignores malformed events (any script on the page can call the binding)', () => {
    const facts = runtimeFactsFrom([
      script(1, null),
      script(2, 'invoke'),
      script(3, [1, 2]),
      script(4, { type: 'invoke', name: 42 }),
      script(5, { type: 'csp', blockedUri: 5 }),
    ])
    expect(facts.invokes).toEqual([])
    expect(facts.cspViolations).toEqual([])
  })

  it('a bareJwt claim on a non-string is not believed', () => {
    const facts = runtimeFactsFrom([script(1, { type: 'callback-value', valueType: 'object', bareJwt: true, shape: 'object', keys: ['token'] })])
    expect(facts.callbackValues[0]?.bareJwt).toBe(false)
  })

  it('drops report-only CSP violations and the query strings of blocked URLs', () => {
    const facts = runtimeFactsFrom([
      script(1, { type: 'csp', blockedUri: 'https://desk.zoho.com/portal/api/web/asapApp/1?orgId=2', directive: 'script-src-elem', disposition: 'report' }),
      script(2, {
        type: 'csp',
        blockedUri: `https://accounts.zohoportal.com/accounts/op/2/oauth/v2/remote/auth?jwt_token=${JWT}`,
        directive: 'connect-src',
        disposition: 'enforce',
      }),
    ])
    expect(facts.cspViolations).toEqual([
      { at: 2, blockedUri: 'https://accounts.zohoportal.com/accounts/op/2/oauth/v2/remote/auth?…', directive: 'connect-src' },
    ])
  })

  it("ignores CSP violations inside a frame Zoho serves (Zoho's own policy)", () => {
    const inWidgetFrame: Observation = {
      kind: 'script',
      at: 1,
      frameUrl: 'https://desk.zoho.com/portal/asap/frame',
      event: { type: 'csp', blockedUri: 'https://desk.zoho.com/x.js', directive: 'script-src-elem', disposition: 'enforce' },
    }
    expect(runtimeFactsFrom([inWidgetFrame]).cspViolations).toEqual([])
  })

  it('masks token signatures in page text and caps every list', () => {
    const errors = Array.from({ length: 80 }, (_, index): Observation => ({ kind: 'console-error', at: index, message: `failed with ${JWT}` }))
    const facts = runtimeFactsFrom([...errors, { kind: 'page-error', at: 1, message: `Error: ${'x'.repeat(1000)}` }])
    expect(facts.consoleErrors).toHaveLength(50)
    expect(JSON.stringify(facts)).not.toContain(SIGNATURE)
    expect(facts.pageErrors[0]?.message.length).toBeLessThanOrEqual(301)
  })

  it('keeps blocked cookies with their reasons and no query string', () => {
    const facts = runtimeFactsFrom([
      {
        kind: 'blocked-cookie',
        at: 1,
        url: 'https://accounts.zohoportal.com/accounts/op/2/oauth/v2/remote/auth?jwt_token=x',
        name: 'iamcsr',
        reasons: ['UserPreferences'],
      },
    ])
    expect(facts.blockedCookies).toEqual([
      { at: 1, url: 'https://accounts.zohoportal.com/accounts/op/2/oauth/v2/remote/auth?…', name: 'iamcsr', reason: 'UserPreferences' },
    ])
  })
})

describe('init script', () => {
  it('is plain script source that reports through one binding and never sends the value itself', () => {
    // Parsable as a classic script (it runs before the page's own scripts, in every frame).
    expect(() => new Function(recorderInitScript)).not.toThrow()
    expect(recorderInitScript).toContain('__asapDoctorReport')
    // What leaves the page for a callback value is its description, built by describe().
    expect(recorderInitScript).toMatch(/var event = describe\(value\);/)
    // No accessor on the widget's globals: a page without the widget must keep its own ReferenceError.
    expect(recorderInitScript).not.toMatch(/watchMember\('ZohoDeskAsap'/)
    expect(recorderInitScript).not.toMatch(/watchMember\('ZohoDeskAsapReady'/)
  })
})
