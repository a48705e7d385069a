import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createReadStream } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  AsapTokenError,
  assertAsapToken,
  checks,
  diagnoseHar,
  diagnoseToken,
  HarInputError,
  InputError,
  renderReport,
  SCHEMA_VERSION,
  usersFromContactsExport,
} from '../../src/index.js'
import { runCliInProcess } from '../helpers/run-cli.js'
import { goodPayload, makeToken, NOW, TEST_SECRET } from '../helpers/tokens.js'
import { harText } from '../helpers/har-builder.js'

const dir = mkdtempSync(join(tmpdir(), 'asap-doctor-api-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('diagnoseToken', () => {
  it('gives the same report as `verify --format json`', async () => {
    const token = makeToken({ payload: goodPayload({ not_before: Math.floor(NOW / 1000), not_after: Math.floor(NOW / 1000) + 300 }) })
    const report = await diagnoseToken(token, { secret: TEST_SECRET, now: NOW })
    const cli = await runCliInProcess(['verify', token, '--secret', TEST_SECRET, '--now', String(NOW), '--format', 'json'])
    // Only where the secret came from differs: the CLI names the flag, the API its option.
    const fromCli: unknown = JSON.parse(cli.stdout.replaceAll('--secret', 'the secret option'))
    expect({ ...report, subjects: report.subjects.map((s) => ({ ...s, notes: [] })) }).toEqual({
      ...(fromCli as object),
      subjects: (fromCli as { subjects: object[] }).subjects.map((s) => ({ ...s, notes: [] })),
    })
    expect(report.summary.exitCode).toBe(1)
    expect(report.subjects[0]?.checks.find((check) => check.id === 'time-units')?.messageId).toBe('seconds-in-ms-claim')
  })

  it('accepts now as a Date or an ISO string, and the secret as bytes', async () => {
    const token = makeToken()
    for (const now of [new Date(NOW), new Date(NOW).toISOString(), NOW]) {
      const report = await diagnoseToken(token, { secret: new TextEncoder().encode(TEST_SECRET), now })
      expect(report.evaluatedAt).toBe('2026-11-21T06:00:00.000Z')
      expect(report.summary).toMatchObject({ failed: 0, errors: 0, exitCode: 0 })
    }
  })

  it('masks the signature unless reveal is set, and never puts the secret in the report', async () => {
    const token = makeToken()
    const masked = JSON.stringify(await diagnoseToken(token, { secret: TEST_SECRET, now: NOW }))
    expect(masked).not.toContain(token.split('.')[2])
    expect(masked).not.toContain(TEST_SECRET)
    expect(JSON.stringify(await diagnoseToken(token, { secret: TEST_SECRET, now: NOW, reveal: true }))).toContain(token)
  })

  it('only/skip choose checks and refuse unknown ids', async () => {
    const report = await diagnoseToken(makeToken(), { now: NOW, only: ['signature', 'time-units'] })
    expect(report.subjects[0]?.checks.map((check) => check.id)).toEqual(['signature', 'time-units'])
    await expect(diagnoseToken(makeToken(), { only: ['time-unit'] })).rejects.toMatchObject({ code: 'ERR_USAGE' })
  })

  it('bad input and options are InputErrors with stable codes', async () => {
    await expect(diagnoseToken('hello world', { now: NOW })).rejects.toBeInstanceOf(InputError)
    await expect(diagnoseToken('hello world', { now: NOW })).rejects.toMatchObject({ code: 'ERR_NO_TOKEN' })
    await expect(diagnoseToken(makeToken(), { now: 'yesterday' })).rejects.toMatchObject({ code: 'ERR_USAGE' })
    await expect(diagnoseToken(makeToken(), { secret: '' })).rejects.toMatchObject({ code: 'ERR_SECRET' })
    await expect(diagnoseToken(makeToken(), { altSecret: 'x' })).rejects.toMatchObject({ code: 'ERR_USAGE' })
    await expect(diagnoseToken(makeToken(), { leewayMs: -1 })).rejects.toMatchObject({ code: 'ERR_USAGE' })
  })

  it('runs help-center-user when given a user directory', async () => {
    const users = usersFromContactsExport('someone.else@example.com\n', 'users.txt')
    const report = await diagnoseToken(makeToken(), { secret: TEST_SECRET, now: NOW, users })
    expect(report.subjects[0]?.checks.find((check) => check.id === 'help-center-user')).toMatchObject({ status: 'fail', messageId: 'no-contact' })
  })
})

describe('checks and renderReport', () => {
  it('checks is the registry `asap-doctor checks` lists', async () => {
    const cli = await runCliInProcess(['checks', '--format', 'json'])
    const listed = (JSON.parse(cli.stdout) as { checks: Array<{ id: string }> }).checks.map((check) => check.id)
    expect(checks.map((check) => check.id)).toEqual(listed)
    for (const check of checks) expect(readFileSync(check.docs, 'utf8')).toContain(check.id)
  })

  it('renders every format exactly as the CLI prints it', async () => {
    const token = makeToken({ payload: goodPayload({ email: 'Jane.Doe@example.com' }) })
    const argv = ['verify', token, '--secret', TEST_SECRET, '--now', String(NOW), '--color', 'never']
    // The CLI's own report, rendered by the API, must be byte for byte what the CLI printed.
    const report = JSON.parse((await runCliInProcess([...argv, '--format', 'json'])).stdout) as Awaited<ReturnType<typeof diagnoseToken>>
    for (const format of ['human', 'json', 'github', 'junit', 'markdown'] as const) {
      const cli = await runCliInProcess([...argv, '--format', format])
      expect(await renderReport(report, format, { masks: [token] })).toBe(cli.stdout)
    }
    expect(await renderReport(report)).toContain('email-normalization')
    // @ts-expect-error: a JavaScript caller may pass any string
    await expect(renderReport(report, 'xml')).rejects.toMatchObject({ code: 'ERR_USAGE' })
    expect(JSON.parse(await renderReport(report, 'json')).schemaVersion).toBe(SCHEMA_VERSION)
  })
})

describe('diagnoseHar', () => {
  const T0 = Date.parse('2026-11-21T06:00:00.000Z')
  const token = makeToken({ payload: goodPayload({ not_before: Math.floor(T0 / 1000), not_after: Math.floor(T0 / 1000) + 300 }) })
  const har = harText(
    [
      {
        at: 0,
        url: 'https://app.example.com/help',
        mimeType: 'text/html',
        response: '<script>window.ZohoDeskAsapReady(function(){ZohoDeskAsap.invoke("login", cb)})</script>',
      },
      { at: 30, url: 'https://desk.zoho.com/portal/api/web/asapApp/4213000000108007?orgId=712340056', mimeType: 'text/javascript', response: '/* widget */' },
      {
        at: 500,
        method: 'POST',
        url: `https://accounts.zohoportal.com/accounts/op/712340056/oauth/v2/remote/auth?jwt_token=${token}`,
        status: 400,
        response: '{"error":"general_error"}',
        headers: { Origin: 'https://app.example.com' },
      },
    ],
    T0,
  )
  const file = join(dir, 'seconds.har')
  writeFileSync(file, har)

  it('finds the login attempt and gives the same subjects as `har --format json`', async () => {
    const options = { secret: TEST_SECRET, orgId: '712340056', dataCenter: 'us', allowedDomains: ['app.example.com'], ref: file } as const
    const report = await diagnoseHar(createReadStream(file), options)
    const cli = await runCliInProcess([
      'har',
      file,
      '--secret',
      TEST_SECRET,
      '--org-id',
      '712340056',
      '--data-center',
      'us',
      '--allowed-domain',
      'app.example.com',
      '--format',
      'json',
    ])
    const fromCli = JSON.parse(cli.stdout.replaceAll('--secret', 'the secret option')) as typeof report
    expect(report.command).toBe('har')
    expect(report.subjects.map(({ notes: _, ...rest }) => rest)).toEqual(fromCli.subjects.map(({ notes: _, ...rest }) => rest))
    expect(report.summary).toEqual(fromCli.summary)
    expect(report.subjects[0]?.diagnosis?.outcome).toBe('general_error')
    expect(report.subjects[0]?.checks.find((check) => check.id === 'time-units')?.status).toBe('fail')
    // Narrowed runs too (the har command keeps what Zoho answered, and says the verdict is partial).
    const narrowed = await diagnoseHar(readFileSync(file), { ...options, only: ['time-units'] })
    const narrowedCli = JSON.parse(
      (
        await runCliInProcess([
          'har',
          file,
          '--secret',
          TEST_SECRET,
          '--org-id',
          '712340056',
          '--data-center',
          'us',
          '--allowed-domain',
          'app.example.com',
          '--only',
          'time-units',
          '--format',
          'json',
        ])
      ).stdout.replaceAll('--secret', 'the secret option'),
    ) as typeof report
    expect(narrowed.subjects.map(({ notes: _, ...rest }) => rest)).toEqual(narrowedCli.subjects.map(({ notes: _, ...rest }) => rest))
    // Bytes and text give the same result as a stream.
    expect((await diagnoseHar(readFileSync(file), options)).subjects).toEqual(report.subjects)
    expect((await diagnoseHar(har, options)).subjects).toEqual(report.subjects)
  })

  it('input that is not a HAR is a HarInputError', async () => {
    await expect(diagnoseHar('{"hello":1}')).rejects.toBeInstanceOf(HarInputError)
    await expect(diagnoseHar('')).rejects.toMatchObject({ code: 'ERR_HAR_EMPTY' })
  })
})

describe('assertAsapToken', () => {
  it('resolves for a good token', async () => {
    await expect(assertAsapToken(makeToken(), { secret: TEST_SECRET, now: NOW, expectEmail: 'jane.doe@example.com' })).resolves.toBeUndefined()
  })

  it('rejects with the verdict and each failing check in the message', async () => {
    const token = makeToken({ payload: goodPayload({ not_before: Math.floor(NOW / 1000), not_after: Math.floor(NOW / 1000) + 300 }) })
    const error = await assertAsapToken(token, { secret: TEST_SECRET, now: NOW }).then(
      () => undefined,
      (caught: unknown) => caught,
    )
    expect(error).toBeInstanceOf(AsapTokenError)
    if (!(error instanceof AsapTokenError)) return
    expect(error.code).toBe('ERR_ASAP_TOKEN_REJECTED')
    expect(error.name).toBe('AsapTokenError')
    expect(error.message.split('\n')[0]).toBe(error.verdict)
    expect(error.verdict).toMatch(/^Zoho would reject this token: the time claims are in seconds/)
    expect(error.failures.map((failure) => failure.id)).toEqual(['time-units', 'time-validity'])
    for (const failure of error.failures) expect(error.message).toContain(`✗ ${failure.id} (fail, ${failure.messageId}): ${failure.message}`)
    expect(error.message).toContain('Fix: ')
    expect(error.report?.subjects[0]?.token?.masked).toMatch(/\.\*\*\*$/)
    expect(error.message).not.toContain(TEST_SECRET)
  })

  it('a wrong secret, an unexpected user, a wrapped token', async () => {
    await expect(assertAsapToken(makeToken(), { secret: 'not-the-secret', now: NOW })).rejects.toMatchObject({ failures: [{ id: 'signature' }] })
    await expect(assertAsapToken(makeToken(), { secret: TEST_SECRET, now: NOW, expectEmail: 'alex.kim@example.com' })).rejects.toThrow(/email-normalization/)
    // The widget needs the bare string: by default any wrapping fails; exact: false cleans it first.
    await expect(assertAsapToken(`"${makeToken()}"`, { secret: TEST_SECRET, now: NOW })).rejects.toMatchObject({ failures: [{ id: 'token-format' }] })
    await expect(assertAsapToken(`"${makeToken()}"`, { secret: TEST_SECRET, now: NOW, exact: false })).resolves.toBeUndefined()
  })

  it('warnings fail only with strict', async () => {
    const token = makeToken({ payload: goodPayload({ email: 'Jane.Doe@example.com' }) })
    await expect(assertAsapToken(token, { secret: TEST_SECRET, now: NOW })).resolves.toBeUndefined()
    await expect(assertAsapToken(token, { secret: TEST_SECRET, now: NOW, strict: true })).rejects.toMatchObject({
      code: 'ERR_ASAP_TOKEN_REJECTED',
      failures: [{ id: 'email-normalization', status: 'warn' }],
    })
  })

  it('something that is not a token is ERR_NO_TOKEN; an empty secret is a usage error', async () => {
    await expect(assertAsapToken('undefined', { secret: TEST_SECRET, now: NOW })).rejects.toMatchObject({ name: 'AsapTokenError', code: 'ERR_NO_TOKEN' })
    await expect(assertAsapToken(makeToken(), { secret: '', now: NOW })).rejects.toMatchObject({ code: 'ERR_SECRET' })
  })
})
