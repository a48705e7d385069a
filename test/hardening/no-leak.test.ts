import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { COMMANDS } from '../../src/cli/options-table.js'
import { harText } from '../helpers/har-builder.js'
import { runCliInProcess } from '../helpers/run-cli.js'
import { signToken, secretForms } from '../fuzz/engine.mjs'

/**
 * Issue 12's rule, proven over the whole surface: every command × every format it offers (read
 * from the option table, so a new format is covered the day it is added), over a corpus of tricky
 * tokens and secrets, with stdout, stderr, --out files and the GitHub step summary grepped for any
 * form of the secret, any input signature and any header or cookie credential. `::add-mask::`
 * lines are exempt: they exist to carry the value to the CI runner.
 */

const dir = mkdtempSync(join(tmpdir(), 'asap-no-leak-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const NOW_ISO = '2026-11-21T06:00:00Z'
const nb = Date.parse(NOW_ISO) - 30_000
const payload = { email: 'jane.doe@example.com', email_verified: true, not_before: nb, not_after: nb + 300_000, first_name: 'Jane', last_name: 'Doe' }

const SECRETS = ['k3Xq9ZtR2vLm8WbN5cYp1HsD7fGj4Ua6', 'pässwörd-€-😀-"quoted"\\slash', Buffer.from('raw-bytes-secret-000111').toString('base64')]

/** Tokens as users paste them, each with the signature the input carries. */
function corpus(secret: string): Array<{ name: string; text: string; signature: string }> {
  const token = signToken({ alg: 'HS256', typ: 'JWT' }, payload, secret)
  const [h = '', p = '', sig = ''] = token.split('.')
  const std = (part: string) => Buffer.from(part, 'base64url').toString('base64')
  return [
    { name: 'bare', text: token, signature: sig },
    { name: 'padding after the header', text: `${h}=.${p}.${sig}`, signature: sig },
    { name: 'padding after both', text: `${h}==.${p}=.${sig}`, signature: sig },
    { name: 'standard base64', text: `${std(h)}.${std(p)}.${std(sig)}`, signature: std(sig).replace(/=+$/, '') },
    { name: 'header and signature only', text: `${h}.${sig}`, signature: sig },
    { name: 'Bearer', text: `Bearer ${token}`, signature: sig },
    { name: 'JSON response', text: JSON.stringify({ token }), signature: sig },
    { name: 'log line', text: `INFO token=${token} user=jane ${sig.slice(0, 10)}.${sig}`, signature: sig },
    { name: 'URL', text: `https://accounts.zohoportal.com/accounts/op/1/oauth/v2/remote/auth?jwt_token=${token}`, signature: sig },
    { name: 'five parts', text: `${token}.AAAAAAAAAAAAAAAAAAAA.BBBBBBBBBBBBBBBBBBBB`, signature: sig },
  ]
}

const COOKIE = 'sid-cookie-value-7f3a9c'
const BEARER = 'opaque-bearer-credential-42'

function formatsOf(command: string): string[] {
  const spec = COMMANDS.find((c) => c.name === command)
  return [...(spec?.options.find((o) => o.name === 'format')?.choices ?? ['human'])]
}

function hasOption(command: string, option: string): boolean {
  return COMMANDS.find((c) => c.name === command)?.options.some((o) => o.name === option) === true
}

function visible(text: string): string {
  return text
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n')
}

/** Runs one CLI invocation and returns everything it wrote (stdout, stderr, --out file, step summary). */
async function everything(argv: string[], env: Record<string, string> = {}, stdin?: string): Promise<{ exitCode: number; text: string }> {
  const summary = join(dir, `summary-${Math.random().toString(36).slice(2)}.md`)
  const out = join(dir, `out-${Math.random().toString(36).slice(2)}`)
  const withOut = hasOption(argv[0] ?? '', 'out') && argv.includes('--format') ? [...argv, '--out', out] : argv
  const run = await runCliInProcess(withOut, { env: { NO_COLOR: '1', GITHUB_STEP_SUMMARY: summary, ...env }, ...(stdin === undefined ? {} : { stdin }) })
  const files = [summary, out].filter((file) => existsSync(file)).map((file) => readFileSync(file, 'utf8'))
  for (const file of [summary, out]) rmSync(file, { force: true })
  return { exitCode: run.exitCode, text: [run.stdout, run.stderr, ...files].join('\n') }
}

function expectClean(text: string, forbidden: readonly string[]): void {
  const shown = visible(text)
  for (const value of forbidden) {
    if (value.length >= 8) expect(shown.includes(value), `output contains ${JSON.stringify(value.slice(0, 12))}…`).toBe(false)
  }
}

describe('no output of any command in any format carries a credential', () => {
  for (const [index, secret] of SECRETS.entries()) {
    const secretFile = join(dir, `secret-${index}.txt`)
    writeFileSync(secretFile, `${secret}\n`)
    for (const sample of corpus(secret)) {
      const forbidden = [...secretForms(secret), sample.signature]
      it(`verify × every format: secret ${index}, ${sample.name}`, async () => {
        for (const format of formatsOf('verify')) {
          for (const secretArgs of [['--secret-file', secretFile], [`--secret=${secret}`]]) {
            const { exitCode, text } = await everything(['verify', sample.text, ...secretArgs, '--format', format, '--now', NOW_ISO])
            expect([0, 1, 2]).toContain(exitCode)
            expectClean(text, forbidden)
          }
          const fromEnv = await everything(['verify', '-', '--format', format, '--now', NOW_ISO], { ASAP_JWT_SECRET: secret }, sample.text)
          expectClean(fromEnv.text, forbidden)
        }
      })
      it(`decode × every format: secret ${index}, ${sample.name}`, async () => {
        for (const format of formatsOf('decode')) {
          const { exitCode, text } = await everything(['decode', sample.text, '--format', format, '--now', NOW_ISO])
          expect([0, 2]).toContain(exitCode)
          expectClean(text, [sample.signature])
        }
      })
    }
  }

  it('unknown options and bad values never echo a token or a secret', async () => {
    const secret = SECRETS[0] ?? ''
    const token = signToken({ alg: 'HS256', typ: 'JWT' }, payload, secret)
    const signature = token.split('.')[2] ?? ''
    for (const command of COMMANDS.map((c) => c.name)) {
      for (const argv of [
        [command, `--token=${token}`],
        [command, `--secert=${secret}`],
        [command, `--jwt=${token}`, `--secret=${secret}`],
        [command, '--format', 'nope', `--secret=${secret}`, token],
      ]) {
        const { exitCode, text } = await everything(argv)
        expect([0, 1, 2]).toContain(exitCode)
        expectClean(text, [...secretForms(secret), signature])
      }
    }
  })
})

describe('har, check and endpoint × every format', () => {
  const secret = SECRETS[1] ?? ''
  const login = signToken({ alg: 'HS256', typ: 'JWT' }, payload, secret)
  const other = signToken({ alg: 'HS256', typ: 'JWT' }, { sub: 'session' }, 'another-secret-entirely')
  const idToken = signToken({ alg: 'HS256', typ: 'JWT' }, { sub: 'id' }, 'id-token-secret-123')
  const access = `1000.${'a1b2c3d4'.repeat(4)}.${'9f8e7d6c'.repeat(4)}`
  const refresh = 'refresh-token-value-0042'
  const harFile = join(dir, 'session.har')
  writeFileSync(
    harFile,
    harText(
      [
        { at: 10_000, url: `https://app.example.com/dashboard.html?access_token=${access}&refresh_token=${refresh}`, mimeType: 'text/plain' },
        { at: 10_000, url: 'https://desk.zoho.com/portal/api/web/inapp/4213000000108007?orgId=712340056', mimeType: 'text/plain' },
        {
          at: 10_000,
          url: `https://app.example.com/api/get-jwt-token?id_token=${idToken}`,
          headers: { Cookie: `sid=${COOKIE}`, Authorization: `Bearer ${other}` },
          response: JSON.stringify({ token: login }),
        },
        {
          at: 10_000,
          method: 'POST',
          url: `https://accounts.zohoportal.com/accounts/op/712340056/oauth/v2/remote/auth?jwt_token=${login}`,
          status: 400,
          response: '{"error":"general_error"}',
        },
      ],
      nb,
    ),
  )
  const forbidden = [...secretForms(secret), ...[login, other, idToken].map((t) => t.split('.')[2] ?? ''), access, refresh, COOKIE]

  let server: Server
  let base = ''
  beforeAll(async () => {
    server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'set-cookie': `sid=${COOKIE}` })
      response.end(JSON.stringify({ token: login, echo: `${BEARER} ${COOKIE}` }))
    })
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
    const address: AddressInfo | string | null = server.address()
    base = typeof address === 'object' && address !== null ? `http://127.0.0.1:${address.port}` : ''
  })
  afterAll(() => new Promise<void>((done) => server.close(() => done())))

  it('har × every format (the token endpoint line, the "token came from" note, OAuth tokens in page URLs)', async () => {
    for (const format of formatsOf('har')) {
      for (const extra of [[], [`--secret=${secret}`], ['--tokens-only']]) {
        const { exitCode, text } = await everything(['har', harFile, ...extra, '--format', format])
        expect([0, 1, 2]).toContain(exitCode)
        expectClean(text, forbidden)
      }
    }
  })

  it('endpoint and check × every format, with header and cookie credentials', async () => {
    const config = join(dir, 'asap-doctor.config.json')
    writeFileSync(
      config,
      JSON.stringify({ orgId: '712340056', dataCenter: 'us', allowedDomains: ['app.example.com'], tokenEndpoint: { url: `${base}/token` } }),
    )
    const credentials = ['--header', `Authorization: Bearer ${BEARER}`, '--cookie', `sid=${COOKIE}`]
    for (const format of formatsOf('endpoint')) {
      const { exitCode, text } = await everything(['endpoint', `${base}/token`, ...credentials, `--secret=${secret}`, '--format', format])
      expect([0, 1, 2]).toContain(exitCode)
      expectClean(text, [...forbidden, BEARER])
    }
    for (const format of formatsOf('check')) {
      const { exitCode, text } = await everything(['check', '--config', config, ...credentials, '--format', format], { ASAP_JWT_SECRET: secret })
      expect([0, 1, 2]).toContain(exitCode)
      expectClean(text, [...forbidden, BEARER])
    }
  })
})
