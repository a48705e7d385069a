import { Buffer } from 'node:buffer'
import { jwtVerify } from 'jose'
import { describe, expect, it } from 'vitest'
import { asapClaims, signToken } from '../../src/core/token/sign-token.js'
import { runCliInProcess } from '../helpers/run-cli.js'
import { NOW, TEST_SECRET } from '../helpers/tokens.js'

const SECRET_FILE = '--secret-file=fixtures/examples/asap-secret.txt'
const AT = '--now=2026-11-21T06:00:00Z'

function payloadOf(token: string): Record<string, unknown> {
  const part = token.split('.')[1] ?? ''
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'))
}

describe('signToken (pure)', () => {
  it('writes the ASAP claims in milliseconds, email normalised, and nothing in seconds', () => {
    const token = signToken(Buffer.from(TEST_SECRET), { email: '  Jane.Doe@Example.COM ', firstName: 'Jane', lastName: 'Doe' }, NOW)
    expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]{43}$/)
    expect(payloadOf(token)).toEqual({
      email: 'jane.doe@example.com',
      email_verified: true,
      not_before: NOW,
      not_after: NOW + 300_000,
      first_name: 'Jane',
      last_name: 'Doe',
    })
    expect(JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString())).toEqual({ alg: 'HS256', typ: 'JWT' })
  })

  it('is verified by jose (an independent implementation) with the raw UTF-8 secret', async () => {
    const secret = 'ünïcode-sëcret with spaces'
    const token = signToken(Buffer.from(secret, 'utf8'), { email: 'a@example.com' }, NOW)
    const { payload, protectedHeader } = await jwtVerify(token, new TextEncoder().encode(secret), { algorithms: ['HS256'] })
    expect(protectedHeader.alg).toBe('HS256')
    expect(payload.email).toBe('a@example.com')
    await expect(jwtVerify(token, new TextEncoder().encode(`${secret}\n`))).rejects.toThrow()
  })

  it('keeps the email as given on request, and takes a window and a start', () => {
    expect(asapClaims({ email: ' Jane@X.io', keepEmailAsIs: true, windowMs: 600_000, notBefore: NOW - 1000 }, NOW)).toMatchObject({
      email: ' Jane@X.io',
      not_before: NOW - 1000,
      not_after: NOW - 1000 + 600_000,
    })
  })

  it.each([
    [{ email: 'a@b.co', windowMs: 600_001 }, /over Zoho's 10-minute limit/],
    [{ email: 'a@b.co', windowMs: 0 }, /positive whole number/],
    [{ email: '   ' }, /email is empty/],
  ])('refuses %j', (input, message) => {
    expect(() => asapClaims(input, NOW)).toThrow(message)
  })
})

describe('asap-doctor sign', () => {
  it('prints only the bare token and a newline; verify passes every token check on it', async () => {
    const signed = await runCliInProcess(['sign', '--email', ' Jane.Doe@Example.com', '--first-name', 'Jane', '--last-name', 'Doe', SECRET_FILE, AT])
    expect(signed).toMatchObject({ exitCode: 0, stderr: '' })
    expect(signed.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/)
    const token = signed.stdout.trim()
    const verified = await runCliInProcess(['verify', token, SECRET_FILE, AT, '--format', 'json', '--strict'])
    expect(verified.exitCode).toBe(0)
    const report = JSON.parse(verified.stdout)
    const statuses = report.subjects[0].checks.map((check: { id: string; status: string }) => `${check.id}:${check.status}`)
    expect(statuses).toEqual(statuses.map((entry: string) => `${entry.split(':')[0]}:pass`))
    expect(statuses).toContain('signature:pass')
    await expect(jwtVerify(token, new TextEncoder().encode(TEST_SECRET), { algorithms: ['HS256'] })).resolves.toBeDefined()
  })

  it('reads the secret from ASAP_JWT_SECRET and from stdin, and warns about --secret', async () => {
    const fromEnv = await runCliInProcess(['sign', '--email', 'a@example.com', AT], { env: { NO_COLOR: '1', ASAP_JWT_SECRET: TEST_SECRET } })
    const fromStdin = await runCliInProcess(['sign', '--email', 'a@example.com', AT, '--secret-stdin'], { stdin: `${TEST_SECRET}\n` })
    const fromFlag = await runCliInProcess(['sign', '--email', 'a@example.com', AT, '--secret', TEST_SECRET])
    expect(fromEnv.stdout).toBe(fromStdin.stdout)
    expect(fromFlag.stdout).toBe(fromEnv.stdout)
    expect(fromFlag.stderr).toMatch(/warning: --secret puts the secret in your shell history/)
    expect(fromFlag.stdout + fromFlag.stderr).not.toContain(TEST_SECRET)
  })

  it('takes --window and --not-before (ISO or ms)', async () => {
    const run = await runCliInProcess(['sign', '--email', 'a@example.com', SECRET_FILE, AT, '--window', '60000', '--not-before', '2026-11-21T05:59:00Z'])
    expect(payloadOf(run.stdout.trim())).toMatchObject({ not_before: NOW - 60_000, not_after: NOW })
    const ms = await runCliInProcess(['sign', '--email', 'a@example.com', SECRET_FILE, AT, '--not-before', String(NOW)])
    expect(payloadOf(ms.stdout.trim())).toMatchObject({ not_before: NOW, not_after: NOW + 300_000 })
  })

  it.each([
    [['--email', 'a@example.com', SECRET_FILE, '--window', '600001'], /over Zoho's 10-minute limit/],
    [['--email', 'a@example.com', SECRET_FILE, '--window', '5min'], /whole number of milliseconds/],
    [['--email', 'a@example.com', SECRET_FILE, '--not-before', 'soon'], /--not-before "soon"/],
    [['--email', 'a@example.com'], /no secret/],
    [[SECRET_FILE], /sign needs --email/],
  ])('usage errors exit 2 with one line: %j', async (args, message) => {
    const run = await runCliInProcess(['sign', ...args])
    expect(run.exitCode).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr).toMatch(message)
    expect(run.stderr.trim().split('\n')).toHaveLength(1)
  })
})
