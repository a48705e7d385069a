import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { guardedChunkWriter, maskJwtSignatures, OutputGuard } from '../../src/cli/output-guard.js'
import { parseConfig } from '../../src/config/config.js'
import { ConfigError } from '../../src/core/errors.js'
import { limitDepth, limitObjectDepth } from '../../src/core/token/limit-depth.js'
import { createDeskUserDirectory } from '../../src/desk/desk-user-directory.js'
import type { HttpClient } from '../../src/net/http-client.js'
import { harProblem, signToken } from '../fuzz/engine.mjs'
import { runCliInProcess } from '../helpers/run-cli.js'

/** One minimal input per defect class of issue 12. */

const dir = mkdtempSync(join(tmpdir(), 'asap-regress-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const SECRET = 'k3Xq9ZtR2vLm8WbN5cYp1HsD7fGj4Ua6'
const nb = Date.parse('2026-11-21T05:59:30Z')
const TOKEN = signToken({ alg: 'HS256', typ: 'JWT' }, { email: 'jane.doe@example.com', email_verified: true, not_before: nb, not_after: nb + 300_000 }, SECRET)
const [H = '', P = '', SIG = ''] = TOKEN.split('.')
const file = (name: string, content: string | Buffer): string => {
  const path = join(dir, name)
  writeFileSync(path, content)
  return path
}

describe('signatures and secrets in error echoes', () => {
  it('an unknown --token=<jwt> names the option, without the value', async () => {
    const run = await runCliInProcess(['verify', `--token=${TOKEN}`])
    expect(run.exitCode).toBe(2)
    expect(run.stderr).toMatch(/unknown option '--token'/)
    expect(run.stderr).not.toContain(SIG)
    expect(run.stderr).not.toContain(P)
  })

  it('a mistyped --secert=<secret> never shows the secret', async () => {
    const run = await runCliInProcess(['verify', TOKEN, `--secert=${SECRET}`])
    expect(run.exitCode).toBe(2)
    expect(run.stderr).toMatch(/'--secert'/)
    expect(run.stdout + run.stderr).not.toContain(SECRET)
  })

  it('a token with = padding after header and payload, or without its payload (also in --batch), never prints its signature', async () => {
    const batch = file('batch.txt', `${'eyJ'.repeat(30)}.${SIG}\n${H}.${SIG}\n`)
    for (const format of ['human', 'json', 'jsonl']) {
      const run = await runCliInProcess(['verify', '--batch', batch, '--format', format, '--now', '2026-11-21T06:00:00Z'])
      expect(run.stdout + run.stderr).not.toContain(SIG)
    }
    for (const text of [`${H}=.${P}=.${SIG}`, `${H}.${SIG}`, `x=${H}=.${P}.${SIG}`]) {
      for (const format of ['human', 'json']) {
        const run = await runCliInProcess(['verify', text, '--format', format, '--now', '2026-11-21T06:00:00Z'])
        expect(run.stdout + run.stderr).not.toContain(SIG)
      }
    }
  })
})

describe('the output guard', () => {
  it('masks the signature of any eyJ….eyJ….<sig>, also wrapped or percent-encoded, and is idempotent', () => {
    expect(maskJwtSignatures(`see ${TOKEN} here`)).toBe(`see ${H}.${P}.*** here`)
    expect(maskJwtSignatures(`jwt_token=Bearer%20${H}.${P}.${SIG}&x=1`)).toBe(`jwt_token=Bearer%20${H}.${P}.***&x=1`)
    expect(maskJwtSignatures(`${H}%2E${P}%2E${SIG}`)).toBe(`${H}%2E${P}%2E***`)
    expect(maskJwtSignatures(maskJwtSignatures(TOKEN))).toBe(`${H}.${P}.***`)
    expect(maskJwtSignatures('version 1.2.3 and a.b.c')).toBe('version 1.2.3 and a.b.c')
    // A header followed by something that is not JSON: a token that lost its payload.
    expect(maskJwtSignatures(`${H}.${SIG}`)).toBe(`${H}.***`)
    expect(maskJwtSignatures(`${H}.${P}`)).toBe(`${H}.${P}`)
    // A damaged second separator: payload and signature in one segment.
    expect(maskJwtSignatures(`"${H}.${P.slice(0, 20)}%${SIG}"`)).toBe(`"${H}.***"`)
  })

  it('replaces the secret in its text, base64, base64url and hex forms, but keeps allowed ::add-mask:: lines', () => {
    const guard = new OutputGuard(false)
    guard.registerSecretBytes(Buffer.from(SECRET))
    const forms = [SECRET, Buffer.from(SECRET).toString('base64'), Buffer.from(SECRET).toString('hex')]
    for (const form of forms) expect(guard.clean(`x ${form} y`)).toBe('x *** y')
    guard.allowAddMask([SECRET])
    expect(guard.clean(`::add-mask::${SECRET}\nleak ${SECRET}\n`)).toBe(`::add-mask::${SECRET}\nleak ***\n`)
    // An add-mask line the run did not ask for is cleaned like any other.
    expect(guard.clean(`::add-mask::other ${SECRET}`)).toBe('::add-mask::other ***')
  })

  it('--reveal shows signatures but never the secret', () => {
    const guard = new OutputGuard(true)
    guard.registerSecretBytes(Buffer.from(SECRET))
    guard.registerTokensIn(TOKEN)
    expect(guard.clean(`${TOKEN} ${SECRET}`)).toBe(`${TOKEN} ***`)
  })

  it('masks OAuth tokens in URLs and Zoho tokens anywhere', () => {
    const guard = new OutputGuard(false)
    const zoho = `1000.${'ab12'.repeat(8)}.${'cd34'.repeat(8)}`
    expect(guard.clean(`https://a.example/?access_token=abc123secret&refresh_token=r1&x=1`)).toBe('https://a.example/?access_token=***&refresh_token=***&x=1')
    expect(guard.clean(`token ${zoho} end`)).toBe('token 1000.*** end')
    // The HTML report embeds URLs as JSON with & written \u0026.
    expect(guard.clean('"https://a.example/?x=1\\u0026refresh_token=rt_secret_1"')).toBe('"https://a.example/?x=1\\u0026refresh_token=***"')
  })

  it('registers argv: the value of --secret and of an unknown option, a header credential, a cookie', () => {
    const guard = new OutputGuard(false)
    guard.registerArgv([
      'endpoint',
      'https://x.example',
      '--secret',
      SECRET,
      '--header',
      'Authorization: Bearer opaque-credential-1',
      '--cookie',
      'sid=cookie-value-22',
      '--sekret=typo-value-333',
    ])
    expect(guard.clean(`${SECRET} opaque-credential-1 cookie-value-22 typo-value-333 https://x.example`)).toBe('*** *** *** *** https://x.example')
  })
})

describe('the guard on a redacted copy written in chunks', () => {
  it('masks a signature the redactor left, even split across chunks, and keeps every other byte', async () => {
    const guard = new OutputGuard(false)
    const written: Buffer[] = []
    const writer = guardedChunkWriter(async (chunk) => void written.push(Buffer.from(chunk)), guard)
    const text = `{"url":"https://a.example/?t=${H}%2E${P}%2E${SIG}","é":"ü ${TOKEN}"}`
    const bytes = Buffer.from(text, 'utf8')
    const cuts = [0, 40, 41, 120, 200, bytes.length]
    for (let i = 1; i < cuts.length; i++) await writer.write(bytes.subarray(cuts[i - 1], cuts[i]))
    await writer.end()
    const out = Buffer.concat(written).toString('utf8')
    expect(out).toBe(`{"url":"https://a.example/?t=${H}%2E${P}%2EREDACTED","é":"ü ${H}.${P}.REDACTED"}`)
  })
})

describe('deep nesting never overflows the stack', () => {
  const deepPayload = (levels: number) => Buffer.from(`{"email":"a@b.c","deep":${'['.repeat(levels)}1${']'.repeat(levels)}}`).toString('base64url')

  it('limitDepth replaces what is deeper than the limit by a marker naming the JSON path', () => {
    expect(limitDepth({ a: [[1]] }, 'payload', 2)).toEqual({ a: ['[nested too deep: payload.a[0]]'] })
    const shallow = { a: 1 }
    expect(limitDepth(shallow, 'payload')).toBe(shallow)
    const proto: Record<string, unknown> = JSON.parse('{"__proto__":{"x":[[[1]]]}}')
    expect(Object.keys(limitDepth(proto, 'payload', 2) ?? {})).toEqual(['__proto__'])
    expect(limitObjectDepth(proto, 'payload')).toBe(proto)
  })

  it('a 6,000-level claim: verify and decode in every format end normally, with the marker', async () => {
    const token = signToken({ alg: 'HS256', typ: 'JWT' }, deepPayload(6000), SECRET)
    for (const argv of [
      ['verify', token, '--format', 'json'],
      ['verify', token],
      ['verify', token, '--format', 'junit'],
      ['decode', token],
      ['decode', token, '--format', 'json'],
    ]) {
      const run = await runCliInProcess([...argv, '--now', '2026-11-21T06:00:00Z'])
      expect(run.stderr).not.toMatch(/Maximum call stack|unexpected error/)
      expect([0, 1]).toContain(run.exitCode)
      if (argv.includes('json')) expect(run.stdout).toContain('[nested too deep: payload.deep')
    }
  })

  it('a config holding a 10,000-level array is a ConfigError with the JSON path', () => {
    const value: unknown = JSON.parse(`{"orgId":"1234","x":${'['.repeat(10_000)}${']'.repeat(10_000)}}`)
    expect(() => parseConfig(value)).toThrow(ConfigError)
    expect(() => parseConfig(value)).toThrow(/^x(\[0\])+: nested more than 32 levels deep/)
  })
})

describe('config never echoes a credential', () => {
  const access = `1000.${'a1b2'.repeat(8)}.${'c3d4'.repeat(8)}`
  const cases: Array<[string, unknown, RegExp]> = [
    ['desk.accessTokenEnv holds a Zoho token', { desk: { accessTokenEnv: access } }, /^desk\.accessTokenEnv: .*credential/],
    [
      'a header env holds a value',
      { tokenEndpoint: { url: 'https://a.example/t', headers: { Authorization: { env: 'Bearer abcdefgh12345678xyz' } } } },
      /^tokenEndpoint\.headers\.Authorization\.env: /,
    ],
    ['secret.env holds the secret', { secret: { env: 'k3Xq9ZtR2vLm8WbN5cYp1HsD7fGj4Ua6' } }, /^secret\.env: the value looks like a credential/],
    ['a key is the secret', { k3Xq9ZtR2vLm8WbN5cYp1HsD7fGj4Ua6: 1 }, /^<a key that looks like a credential>: unknown key/],
  ]
  for (const [name, config, message] of cases) {
    it(name, () => {
      let error: unknown
      try {
        parseConfig(config)
      } catch (caught) {
        error = caught
      }
      expect(error).toBeInstanceOf(ConfigError)
      const text = error instanceof Error ? error.message : ''
      expect(text).toMatch(message)
      for (const secret of [access, 'abcdefgh12345678xyz', 'k3Xq9ZtR2vLm8WbN5cYp1HsD7fGj4Ua6']) expect(text).not.toContain(secret)
    })
  }
})

describe('inputs are capped like token input (16 MiB)', () => {
  const big = 'x'.repeat(16 * 1024 * 1024 + 1)
  it('a secret file over 16 MiB is one line and exit 2', async () => {
    const path = file('big-secret.txt', big)
    const run = await runCliInProcess(['verify', TOKEN, '--secret-file', path])
    expect(run.exitCode).toBe(2)
    expect(run.stderr).toMatch(/larger than 16 MiB/)
    rmSync(path)
  })

  it('--secret-stdin over 16 MiB is one line and exit 2', async () => {
    const run = await runCliInProcess(['verify', TOKEN, '--secret-stdin'], { stdin: big })
    expect(run.exitCode).toBe(2)
    expect(run.stderr).toMatch(/larger than 16 MiB/)
  })

  it('the real process stops reading stdin at the cap', () => {
    const bin = fileURLToPath(new URL('../../bin/asap-doctor.js', import.meta.url))
    // 17 MiB on a pipe: refused with one line, without buffering everything first.
    const result = spawnSync(process.execPath, [bin, 'verify', TOKEN, '--secret-stdin'], {
      input: Buffer.alloc(17 * 1024 * 1024, 0x61),
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    })
    expect(result.status).toBe(2)
    expect(result.stderr).toMatch(/larger than 16 MiB/)
    expect(result.stderr.split('\n').filter((line) => line !== '')).toHaveLength(1)
  })
})

describe('unreadable Desk answers are errors, not verdicts', () => {
  const answer = (body: string): HttpClient => ({ request: async (req) => ({ status: 200, headers: {}, body, url: req.url }) })
  const lookup = (body: string) =>
    createDeskUserDirectory({
      http: answer(body),
      deskBaseUrl: 'https://desk.zoho.eu',
      orgId: '20111269432',
      auth: { kind: 'access-token', accessToken: '1000.abc.def' },
    }).lookup('jane@example.com')
  for (const [name, body] of [
    ['nested 100,000 levels', `{"data":${'['.repeat(100_000)}${']'.repeat(100_000)}}`],
    ['not JSON', '<html>maintenance</html>'],
    ['data is not an array', '{"data":{"email":"jane@example.com"}}'],
    ['no data member', '{"count":0}'],
    ['items are not objects', '{"data":[1,2,3]}'],
  ]) {
    it(`${name} → api-error`, async () => {
      const result = await lookup(body ?? '')
      expect(result.kind).toBe('api-error')
      expect(result.kind === 'api-error' ? result.errorCode : '').toBe('INVALID_RESPONSE')
    })
  }
  it('{"data":[]} is still no contact', async () => {
    expect((await lookup('{"data":[]}')).kind).toBe('no-contact')
  })
})

describe('har --redact', () => {
  const entryWith = (request: Record<string, unknown>) =>
    JSON.stringify({
      log: {
        version: '1.2',
        creator: { name: 'x', version: '1' },
        entries: [
          {
            startedDateTime: '2026-11-21T05:59:40.000Z',
            time: 1,
            request: { method: 'GET', url: 'https://app.example.com/', headers: [], cookies: [], ...request },
            response: { status: 200, content: { size: 0, mimeType: 'text/plain' } },
          },
        ],
      },
    })
  const redact = async (name: string, content: string | Buffer) => {
    const input = file(`${name}.har`, content)
    const out = join(dir, `${name}.redacted.har`)
    const run = await runCliInProcess(['har', input, '--redact', out])
    const leftovers = readdirSync(dir).filter((f) => f.includes('.partial-'))
    return { run, out, copy: existsSync(out) ? readFileSync(out, 'utf8') : undefined, leftovers }
  }
  const huge = 'Q'.repeat(1100 * 1024)

  it('a cookie and an Authorization header listing value before name (value over 1 MiB) are redacted', async () => {
    const { run, copy } = await redact(
      'value-first',
      entryWith({
        headers: [
          { value: `sid=COOKIE1${huge}`, name: 'Cookie' },
          { value: `Basic AUTH2${huge}`, name: 'Authorization' },
        ],
        cookies: [{ value: `CK3${huge}`, name: 'sid' }],
      }),
    )
    expect(run.exitCode).toBe(0)
    expect(copy).toBeDefined()
    for (const secret of ['COOKIE1', 'AUTH2', 'CK3']) expect(copy).not.toContain(secret)
    expect(harProblem(Buffer.from(copy ?? ''))).toBeUndefined()
  })

  it('a small value listed before its name, with a long sibling after it, is judged by the name', async () => {
    const { copy } = await redact('value-first-small', entryWith({ headers: [{ value: 'Basic c21hbGwtc2VjcmV0', comment: huge, name: 'Authorization' }] }))
    expect(copy).not.toContain('c21hbGwtc2VjcmV0')
  })

  it('a syntax error or invalid UTF-8 is one line, exit 2, and no file (not even a partial one)', async () => {
    for (const [name, content] of [
      ['syntax', '{"log":{"version":"1.2","creator":{"name":"x","version":"1"},"entries":[{"request":{"url":"https://a/" "x"}}]}}'],
      [
        'utf8',
        Buffer.concat([
          Buffer.from('{"log":{"version":"1.2","creator":{"name":"x","version":"1"},"entries":[{"request":{"url":"https://a/'),
          Buffer.from([0xff, 0xfe]),
          Buffer.from('"}}]}}'),
        ]),
      ],
    ] as const) {
      const { run, copy, leftovers } = await redact(name, content)
      expect(run.exitCode).toBe(2)
      expect(run.stderr.trim().split('\n')).toHaveLength(1)
      expect(run.stderr).not.toMatch(/ERR_STREAM_DESTROYED|\n\s+at /)
      expect(copy).toBeUndefined()
      expect(leftovers).toEqual([])
    }
  })

  it('two "log" members are refused (exit 2) rather than written as a non-HAR', async () => {
    const log = '{"version":"1.2","creator":{"name":"x","version":"1"},"entries":[]}'
    const { run, copy } = await redact('two-logs', `{"log":${log},"log":${log}}`)
    expect(run.exitCode).toBe(2)
    expect(run.stderr).toMatch(/two "log" members/)
    expect(copy).toBeUndefined()
  })

  it('a non-string log.version and creator give a valid HAR 1.2', async () => {
    const { run, copy } = await redact('types', '{"log":{"version":12,"creator":"me","entries":[]}}')
    expect(run.exitCode).toBe(0)
    expect(JSON.parse(copy ?? '')).toEqual({ log: { version: '12', creator: { name: 'me', version: '' }, entries: [] } })
  })

  it('wrapped wire tokens keep header and payload; [object Object] stays as evidence', async () => {
    const std = (part: string) => Buffer.from(part, 'base64url').toString('base64')
    const stdToken = `${std(H)}.${std(P)}.${std(SIG)}`
    const { copy } = await redact(
      'wire',
      entryWith({
        url: `https://accounts.zohoportal.com/accounts/op/1/oauth/v2/remote/auth?jwt_token=Bearer%20${TOKEN}&other=%5Bobject%20Object%5D`,
        queryString: [
          { name: 'jwt_token', value: `Bearer ${TOKEN}` },
          { name: 'token', value: '[object Object]' },
          { name: 'jwt', value: stdToken },
        ],
      }),
    )
    expect(copy).toContain(`jwt_token=Bearer%20${H}.${P}.REDACTED`)
    expect(copy).toContain(`"Bearer ${H}.${P}.REDACTED"`)
    expect(copy).toContain('"[object Object]"')
    expect(copy).toContain(`${std(H)}.${std(P)}.REDACTED`)
    for (const signature of [SIG, std(SIG), std(SIG).replace(/=+$/, '')]) expect(copy).not.toContain(signature)
  })

  it('an entry nested 9,000 levels deep is one line and exit 2 or a valid copy, never a crash', async () => {
    const { run, copy } = await redact('deep', entryWith({ comment: 'x' }).replace('"comment":"x"', `"deep":${'['.repeat(9000)}${']'.repeat(9000)}`))
    expect(run.stderr).not.toMatch(/Maximum call stack|unexpected error/)
    expect([0, 2]).toContain(run.exitCode)
    if (run.exitCode === 0) expect(harProblem(Buffer.from(copy ?? ''))).toBeUndefined()
  })
})
