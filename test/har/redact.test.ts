import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { HarEntry } from '../../src/har/har-types.js'
import { redactHar, type RedactOptions, type RedactionStats } from '../../src/har/redact.js'
import { HAVE_SAMPLES, RECORDINGS, SAMPLE_COUNTS, chunked, entriesOf, fixture, readAll, recording, sample, splitAt } from './helpers.js'

const JWT_RE = /eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g
const EMAIL_RE = /(?<![A-Za-z0-9._+-])[A-Za-z0-9._+-]{1,64}@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g
const AUTH_PATH = '/oauth/v2/remote/auth'

async function redact(chunks: AsyncIterable<Uint8Array>, opts: RedactOptions = {}): Promise<{ out: Buffer; stats: RedactionStats }> {
  const parts: Buffer[] = []
  const stats = await redactHar(
    chunks,
    async (c) => {
      parts.push(Buffer.from(typeof c === 'string' ? Buffer.from(c) : c))
    },
    { emailSalt: 'test-salt', ...opts },
  )
  return { out: Buffer.concat(parts), stats }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function parseHar(bytes: Buffer): { log: Record<string, unknown>; entries: HarEntry[] } {
  const doc: unknown = JSON.parse(bytes.toString('utf8'))
  if (!isRecord(doc) || !isRecord(doc.log) || !Array.isArray(doc.log.entries)) throw new Error('not a HAR')
  return { log: doc.log, entries: doc.log.entries }
}

/** Forms of a secret that must not appear: as is, percent-encoded, base64 and base64url at any alignment. */
function forms(secret: string): string[] {
  const out = [secret, encodeURIComponent(secret)]
  const bytes = Buffer.from(secret, 'utf8')
  for (let k = 0; k < 3; k++) {
    const enc = Buffer.concat([Buffer.alloc(k), bytes]).toString('base64')
    let first = Math.ceil((8 * k) / 6)
    let last = first
    while (6 * last + 5 < 8 * (k + bytes.length)) last++
    const core = enc.slice(first, last)
    first = 0
    if (core.length >= 8) out.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'))
  }
  return out
}

function jwtParts(token: string): [string, string, string] {
  const [h = '', p = '', s = ''] = token.split('.')
  return [h, p, s]
}

/** Every secret-looking value of a HAR: what a redacted copy must not contain in any form. */
function secretsOf(bytes: Buffer, withEmails: boolean): Set<string> {
  const text = bytes.toString('utf8')
  const { entries } = parseHar(bytes)
  const secrets = new Set<string>()
  const addCredential = (v: string): void => {
    const t = v.trim()
    if (t === '') return
    if (/^eyJ[\w-]+\.eyJ[\w-]+\.[\w-]*$/.test(t)) {
      const sig = jwtParts(t)[2]
      if (sig !== '') secrets.add(sig)
    } else secrets.add(t)
  }
  for (const m of text.matchAll(JWT_RE)) addCredential(m[0])
  for (const e of entries) {
    for (const side of [e.request, e.response]) {
      for (const c of side.cookies) addCredential(c.value)
      for (const h of side.headers) {
        const n = h.name.toLowerCase()
        if (n === 'cookie') for (const part of h.value.split(';')) addCredential(part.split('=').slice(1).join('='))
        if (n === 'set-cookie') for (const line of h.value.split('\n')) addCredential((line.split(';')[0] ?? '').split('=').slice(1).join('='))
        if (n === 'authorization') addCredential(h.value.replace(/^\S+\s+/, ''))
      }
    }
  }
  for (const m of text.matchAll(/\\"(?:access_token|accessToken|password|token)\\":\\"([^"\\]+)\\"/g)) addCredential(m[1] ?? '')
  for (const m of text.matchAll(/1000\.([0-9a-f]{8,})\.([0-9a-f]{8,})/g)) {
    secrets.add(m[0])
    secrets.add(m[1] ?? '')
    secrets.add(m[2] ?? '')
  }
  if (text.includes('correct-horse-battery-staple')) secrets.add('correct-horse-battery-staple')
  if (withEmails) {
    const payloads = [...text.matchAll(JWT_RE)].map((m) => Buffer.from(jwtParts(m[0])[1], 'base64url').toString('utf8'))
    for (const source of [text, ...payloads]) for (const m of source.matchAll(EMAIL_RE)) secrets.add(m[0])
  }
  secrets.delete('')
  return secrets
}

function leaks(out: Buffer, secrets: Iterable<string>): string[] {
  const text = out.toString('utf8')
  const found: string[] = []
  for (const s of secrets) for (const f of forms(s)) if (text.includes(f)) found.push(`${s} as ${f}`)
  return found
}

function authToken(entries: readonly HarEntry[]): string | undefined {
  const auth = entries.find((e) => e.request.url.includes(AUTH_PATH))
  return auth?.request.queryString.find((q) => q.name === 'jwt_token')?.value
}

/** Redacts one recording four ways; no secret may survive and the copy must still read as a HAR. */
function redactionCases(label: string, input: () => Buffer, count: number, creator: string): void {
  for (const redactEmails of [false, true]) {
    for (const maxStringBytes of [undefined, 512]) {
      const name = `${label}${redactEmails ? ' --redact-emails' : ''}${maxStringBytes ? ' (long strings streamed)' : ''}`
      it(`${name}: no secret survives, the output is a HAR the reader still understands`, async () => {
        const bytes = input()
        const { out, stats } = await redact(chunked(bytes, 64 * 1024), { redactEmails, ...(maxStringBytes ? { maxStringBytes } : {}) })
        const secrets = secretsOf(bytes, redactEmails)
        expect(secrets.size).toBeGreaterThanOrEqual(4)
        expect(leaks(bytes, secrets).length).toBeGreaterThanOrEqual(secrets.size)
        expect(leaks(out, secrets)).toEqual([])

        const { log, entries } = parseHar(out)
        expect(log.version).toBe('1.2')
        expect(isRecord(log.creator) && log.creator.name).toBe(creator)
        expect(entries).toHaveLength(count)
        expect(stats).toMatchObject({ entries: count, truncated: false, bytesIn: bytes.length, bytesOut: out.length })
        expect(stats.jwtSignatures).toBeGreaterThan(0)
        expect(stats.cookies).toBeGreaterThan(0)
        if (redactEmails) expect(stats.emails).toBeGreaterThan(0)
        else expect(stats.emails).toBe(0)

        const reread = await readAll(chunked(out, 65536))
        expect(reread.summary.entries).toBe(count)
        const original = authToken(parseHar(bytes).entries)
        const token = authToken(entriesOf(reread.events).map((e) => e.entry))
        if (original === undefined) {
          expect(token).toBeUndefined()
          return
        }
        const [h, p, s] = jwtParts(token ?? '')
        expect(s).toBe('REDACTED')
        expect(h).toBe(jwtParts(original)[0])
        const claims: unknown = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'))
        expect(claims).toMatchObject({ email_verified: true })
        if (redactEmails) expect(claims).toMatchObject({ email: expect.stringMatching(/^user-[0-9a-f]{8}@redacted\.invalid$/) })
        else expect(p).toBe(jwtParts(original)[1])
      })
    }
  }
}

describe('redactHar on the recorded corpus', () => {
  for (const [id, facts] of Object.entries(RECORDINGS)) redactionCases(id, () => recording(id), facts.entries, facts.creator)

  it('the leak check sees base64-encoded copies (an email inside a JWT payload)', () => {
    const input = recording('user-missing')
    const found = leaks(input, ['alex.kim@example.com'])
    expect(found).toContain('alex.kim@example.com as FsZXgua2ltQGV4YW1wbGUuY29t')
  })

  it('keeps what the diagnosis needs: cookie names, Set-Cookie attributes, auth scheme, client_id', async () => {
    const { out } = await redact(chunked(recording('ok'), 65536))
    const text = out.toString('utf8')
    expect(text).toContain('"name":"cookie","value":"app_session=REDACTED; csrftoken=REDACTED"')
    expect(text).toContain('iamcsr=REDACTED; Path=/; Secure; SameSite=None')
    expect(text).toMatch(/"name":"authorization","value":"Bearer eyJ[\w-]+\.eyJ[\w-]+\.REDACTED"/)
    expect(text).toContain('client_id=1000.FAKE&response_type=remote_token')
    expect(text).toContain('\\"access_token\\":\\"REDACTED\\"')
    expect(text).toContain('\\"password\\":\\"REDACTED\\"')
    expect(text).toContain('ZohoDeskAsapReady')
  })

  it('is idempotent', async () => {
    const once = await redact(chunked(recording('user-missing-devtools'), 65536), { redactEmails: true })
    const twice = await redact(chunked(once.out, 65536), { redactEmails: true })
    expect(twice.out.toString('utf8')).toBe(once.out.toString('utf8'))
    expect(twice.stats).toMatchObject({ jwtSignatures: 0, cookies: 0, secretParams: 0, emails: 0 })
  })
})

describe('chunk-size independence', () => {
  it('1-byte, 7-byte and 64 KiB chunks give the same bytes', async () => {
    const input = recording('user-missing')
    const opts = { redactEmails: true, maxStringBytes: 300 }
    const reference = (await redact(chunked(input, 65536), opts)).out
    for (const size of [1, 7]) expect((await redact(chunked(input, size), opts)).out.equals(reference)).toBe(true)
  })

  it('property: any split gives the same bytes (long strings streamed)', async () => {
    const input = recording('user-missing-devtools')
    const opts = { redactEmails: true, maxStringBytes: 200 }
    const reference = (await redact(chunked(input, input.length), opts)).out
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: input.length }), { maxLength: 30 }), async (cuts) => {
        expect((await redact(splitAt(input, cuts), opts)).out.equals(reference)).toBe(true)
      }),
      { numRuns: 30 },
    )
  })
})

describe('redaction rules', () => {
  const h = (name: string, value: string) => ({ name, value })
  function har(entry: Record<string, unknown>): Buffer {
    const base = {
      startedDateTime: '2026-11-21T05:53:31.292Z',
      time: 1,
      request: { method: 'GET', url: 'https://a.example/', httpVersion: 'h2', cookies: [], headers: [], queryString: [], headersSize: -1, bodySize: 0 },
      response: {
        status: 200,
        statusText: '',
        httpVersion: 'h2',
        cookies: [],
        headers: [],
        content: { size: 0, mimeType: 'text/plain' },
        redirectURL: '',
        headersSize: -1,
        bodySize: 0,
      },
      cache: {},
      timings: { send: 0, wait: 0, receive: 0 },
    }
    const request = { ...base.request, ...(isRecord(entry.request) ? entry.request : {}) }
    const response = { ...base.response, ...(isRecord(entry.response) ? entry.response : {}) }
    return Buffer.from(JSON.stringify({ log: { version: '1.2', creator: { name: 't', version: '1' }, entries: [{ ...base, request, response }] } }))
  }
  async function one(entry: Record<string, unknown>, opts: RedactOptions = {}): Promise<{ entry: HarEntry; text: string; stats: RedactionStats }> {
    const { out, stats } = await redact(chunked(har(entry), 1000), opts)
    const e = parseHar(out).entries[0]
    if (e === undefined) throw new Error('no entry')
    return { entry: e, text: out.toString('utf8'), stats }
  }
  const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJlbWFpbCI6ImEuYkBleGFtcGxlLmNvbSJ9.c2lnbmF0dXJlLXNlY3JldA'

  it('URLs: OAuth parameters, also percent-encoded and in the fragment', async () => {
    const url =
      'https://a.example/cb?access_token=at-SECRET-1&state=keep-me&x=1' +
      '&redirect_uri=https%3A%2F%2Fb.example%2Fcb%3Frefresh_token%3Drt-SECRET-2%26b%3D1&api_key=ak-SECRET-3#id_token=it-SECRET-4&code=cd-SECRET-5'
    const { entry, text } = await one({ request: { url, queryString: [h('access_token', 'at-SECRET-1'), h('state', 'keep-me'), h('jwt_token', jwt)] } })
    expect(text).not.toMatch(/SECRET/)
    expect(entry.request.url).toContain('state=keep-me&x=1')
    expect(entry.request.url).toContain('access_token=REDACTED')
    expect(entry.request.url).toContain('refresh_token%3DREDACTED%26b%3D1')
    expect(entry.request.queryString).toEqual([
      h('access_token', 'REDACTED'),
      h('state', 'keep-me'),
      h('jwt_token', 'eyJhbGciOiJIUzI1NiJ9.eyJlbWFpbCI6ImEuYkBleGFtcGxlLmNvbSJ9.REDACTED'),
    ])
  })

  it('headers: Authorization keeps the scheme, credential headers go, others stay', async () => {
    const { entry } = await one({
      request: {
        headers: [
          h(':authority', 'a.example'),
          h('Authorization', 'Basic dXNlcjpwYXNz'),
          h('proxy-authorization', `Bearer ${jwt}`),
          h('X-Api-Key', 'key-123'),
          h('x-zcsrf-token', 'iamcsrcoo=abc'),
          h('Cookie', 'a=1; b=two; c='),
          h('accept', 'application/json'),
          h(':path', `/cb?jwt_token=${jwt}&client_id=1000.FAKE`),
        ],
      },
      response: {
        headers: [
          h('set-cookie', 'sid=s3cr3t; Path=/; HttpOnly\nother=v2; SameSite=None; Secure'),
          h('access-control-allow-headers', 'content-type, x-zcsrf-token'),
          h('Authorization', 'Zoho-oauthtoken 1000.aaaaaaaaaaaaaaaa.bbbbbbbbbbbbbbbb'),
        ],
      },
    })
    expect(entry.request.headers).toEqual([
      h(':authority', 'a.example'),
      h('Authorization', 'Basic REDACTED'),
      h('proxy-authorization', 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJlbWFpbCI6ImEuYkBleGFtcGxlLmNvbSJ9.REDACTED'),
      h('X-Api-Key', 'REDACTED'),
      h('x-zcsrf-token', 'REDACTED'),
      h('Cookie', 'a=REDACTED; b=REDACTED; c='),
      h('accept', 'application/json'),
      h(':path', '/cb?jwt_token=eyJhbGciOiJIUzI1NiJ9.eyJlbWFpbCI6ImEuYkBleGFtcGxlLmNvbSJ9.REDACTED&client_id=1000.FAKE'),
    ])
    expect(entry.response.headers).toEqual([
      h('set-cookie', 'sid=REDACTED; Path=/; HttpOnly\nother=REDACTED; SameSite=None; Secure'),
      h('access-control-allow-headers', 'content-type, x-zcsrf-token'),
      h('Authorization', 'Zoho-oauthtoken REDACTED'),
    ])
  })

  it('cookies arrays: every value (JWT values keep their claims)', async () => {
    const { entry } = await one({
      request: {
        cookies: [
          { name: 'a', value: 'v1' },
          { name: 'jwt', value: jwt },
        ],
      },
      response: { cookies: [{ name: 'b', value: 'v2', path: '/', httpOnly: true }] },
    })
    expect(entry.request.cookies).toEqual([
      { name: 'a', value: 'REDACTED' },
      { name: 'jwt', value: 'eyJhbGciOiJIUzI1NiJ9.eyJlbWFpbCI6ImEuYkBleGFtcGxlLmNvbSJ9.REDACTED' },
    ])
    expect(entry.response.cookies).toEqual([{ name: 'b', value: 'REDACTED', path: '/', httpOnly: true }])
  })

  it('form, multipart and params bodies', async () => {
    const form = 'grant_type=authorization_code&code=1000.0123abcd0123abcd.0123abcd0123abcd&client_secret=cs-SECRET&client_id=1000.FAKE&refresh_token=rt-SECRET'
    const { entry, text } = await one({
      request: {
        method: 'POST',
        postData: {
          mimeType: 'application/x-www-form-urlencoded',
          text: form,
          params: [h('password', 'pw-SECRET'), h('user', 'bob'), h('passwd', 'pw2-SECRET')],
        },
      },
    })
    expect(text).not.toMatch(/SECRET|0123abcd/)
    expect(entry.request.postData?.text).toBe(
      'grant_type=authorization_code&code=1000.REDACTED&client_secret=REDACTED&client_id=1000.FAKE&refresh_token=REDACTED',
    )
    expect(entry.request.postData?.params).toEqual([h('password', 'REDACTED'), h('user', 'bob'), h('passwd', 'REDACTED')])
    const multipart =
      '--X\r\nContent-Disposition: form-data; name="user"\r\n\r\nbob\r\n--X\r\nContent-Disposition: form-data; name="password"\r\n\r\nmp-SECRET\r\n--X--\r\n'
    const mp = await one({ request: { method: 'POST', postData: { mimeType: 'multipart/form-data; boundary=X', text: multipart } } })
    expect(mp.text).not.toContain('mp-SECRET')
    expect(mp.entry.request.postData?.text).toContain('name="user"\r\n\r\nbob\r\n')
  })

  it('JSON bodies at any depth, camelCase and snake_case; error codes stay', async () => {
    const body = {
      data: { refreshToken: 'rt-SECRET', profile: { api_key: 'ak-SECRET', name: 'Bob' }, list: [{ client_secret: 'cs-SECRET' }, { idToken: jwt }] },
      sessionId: 'sess-SECRET',
      code: 404,
      errorCode: 'INVALID_OAUTHTOKEN',
      error: { code: 'TOKEN_EXPIRED' },
      oauth: { code: '1000.4a5b6c7d8e9f0a1b.2c3d4e5f6a7b8c9d' },
      nested: JSON.stringify({ accessToken: 'nested-SECRET' }),
    }
    const { entry, text, stats } = await one({ response: { content: { size: 1, mimeType: 'application/json', text: JSON.stringify(body) } } })
    expect(text).not.toMatch(/SECRET|4a5b6c7d/)
    const got: unknown = JSON.parse(entry.response.content.text ?? '')
    expect(got).toMatchObject({
      data: {
        refreshToken: 'REDACTED',
        profile: { api_key: 'REDACTED', name: 'Bob' },
        list: [{ client_secret: 'REDACTED' }, { idToken: expect.stringMatching(/\.REDACTED$/) }],
      },
      sessionId: 'REDACTED',
      code: 404,
      errorCode: 'INVALID_OAUTHTOKEN',
      error: { code: 'TOKEN_EXPIRED' },
    })
    expect(stats.secretParams).toBeGreaterThanOrEqual(6)
  })

  it('Zoho OAuth tokens anywhere, and base64 text bodies', async () => {
    const html = '<p>token 1000.dadbd180f0a2fc5b93e19d12e6417391.0265bdadba079d347a25133e737b6347 here</p>'
    const b64 = Buffer.from(JSON.stringify({ access_token: 'b64-SECRET', token: jwt })).toString('base64')
    const a = await one({ response: { content: { size: 1, mimeType: 'text/html', text: html } } })
    expect(a.entry.response.content.text).toBe('<p>token 1000.REDACTED here</p>')
    const b = await one({ response: { content: { size: 1, mimeType: 'application/json', text: b64, encoding: 'base64' } } })
    const decoded = Buffer.from(b.entry.response.content.text ?? '', 'base64').toString('utf8')
    expect(decoded).toBe('{"access_token":"REDACTED","token":"eyJhbGciOiJIUzI1NiJ9.eyJlbWFpbCI6ImEuYkBleGFtcGxlLmNvbSJ9.REDACTED"}')
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 255]).toString('base64')
    const c = await one({ response: { content: { size: 8, mimeType: 'image/png', text: png, encoding: 'base64' } } })
    expect(c.entry.response.content.text).toBe(png)
  })

  it('emails: stable pseudonyms, also percent-encoded and inside JWT payloads', async () => {
    const url = 'https://a.example/u?email=jane.doe%40example.com&next=%2Fhome'
    const body = JSON.stringify({ email: 'jane.doe@example.com', cc: 'Sam.Lee@Example.org', token: jwt })
    const { entry, text, stats } = await one(
      { request: { url }, response: { content: { size: 1, mimeType: 'application/json', text: body } } },
      { redactEmails: true },
    )
    expect(text).not.toMatch(/jane\.doe|Sam\.Lee|a\.b@example/)
    const got: unknown = JSON.parse(entry.response.content.text ?? '')
    if (!isRecord(got)) throw new Error('body')
    const pseudo = String(got.email)
    expect(pseudo).toMatch(/^user-[0-9a-f]{8}@redacted\.invalid$/)
    expect(entry.request.url).toBe(`https://a.example/u?email=${pseudo.replace('@', '%40')}&next=%2Fhome`)
    expect(got.cc).not.toBe(pseudo)
    const payload: unknown = JSON.parse(Buffer.from(jwtParts(String(got.token))[1], 'base64url').toString('utf8'))
    expect(payload).toEqual({ email: expect.stringMatching(/^user-[0-9a-f]{8}@redacted\.invalid$/) })
    expect(stats.distinctEmails).toBe(3)
    const again = await one({ request: { url } }, { redactEmails: true })
    expect(again.entry.request.url).toBe(entry.request.url)
    const otherSalt = await one({ request: { url } }, { redactEmails: true, emailSalt: 'other' })
    expect(otherSalt.entry.request.url).not.toBe(entry.request.url)
  })
})

describe('long strings (streamed through textual redaction)', () => {
  it('redacts JWTs, JSON and form secrets, Zoho tokens and emails inside them', async () => {
    const input = fixture('oversized.har')
    const { out, stats } = await redact(chunked(input, 4096), { maxStringBytes: 16 * 1024, redactEmails: true })
    const text = out.toString('utf8')
    for (const secret of [
      'opaque-app-token-123456',
      'zzSecretZZ123',
      'abcdef0123456789abcdef',
      'hunter2-very-secret',
      'cs-secret-value',
      'SIGone',
      'SIGtwo',
      'big.body@example.com',
      'second@example.com',
    ]) {
      expect(text).not.toContain(secret)
    }
    expect(stats.oversizedStrings).toBe(2)
    const { entries } = parseHar(out)
    expect(entries).toHaveLength(3)
    const big = entries[1]
    expect(big?.response.content.text?.length).toBeGreaterThan(40000)
    expect(big?.response.content.text).toContain('1000.REDACTED')
    expect(big?.request.postData?.text).toContain('password=REDACTED&client_secret=REDACTED')
    expect(big?.request.headers[1]?.value).toMatch(/^Bearer eyJ[\w-]+\.eyJ[\w-]+\.REDACTED$/)
  })

  it('gives the same document as the structural path where both apply', async () => {
    const input = recording('user-missing')
    const structural = parseHar((await redact(chunked(input, 65536))).out)
    const streamed = parseHar((await redact(chunked(input, 65536), { maxStringBytes: 1000 })).out)
    expect(streamed).toEqual(structural)
  })
})

describe('truncated and broken input', () => {
  it('a cut file still gives a complete, valid HAR', async () => {
    const input = recording('user-missing')
    for (let cut = 1; cut < input.length; cut += 2311) {
      for (const maxStringBytes of [undefined, 300]) {
        const part = input.subarray(0, cut)
        const { out, stats } = await redact(chunked(part, 4096), maxStringBytes ? { maxStringBytes } : {})
        const { log, entries } = parseHar(out)
        expect(log.version).toBe('1.2')
        expect(isRecord(log.creator)).toBe(true)
        expect(stats.truncated).toBe(true)
        const read = await readAll(chunked(part, 4096))
        if (maxStringBytes === undefined) expect(entries).toHaveLength(read.summary.entries)
        else expect(entries.length).toBeGreaterThanOrEqual(read.summary.entries)
      }
    }
  })

  it('passes on the input errors', async () => {
    await expect(redact(chunked(Buffer.alloc(0), 1))).rejects.toMatchObject({ code: 'ERR_HAR_EMPTY' })
    await expect(redact(chunked(Buffer.from('{"a":1}'), 1))).rejects.toMatchObject({ code: 'ERR_HAR_NOT_HAR' })
    const zip = Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), fixture('tiny.har')])
    await expect(redact(chunked(zip, 100))).rejects.toMatchObject({ code: 'ERR_HAR_ZIP' })
  })

  it('keeps non-ASCII text intact', async () => {
    const { out } = await redact(chunked(fixture('tiny.har'), 3), { maxStringBytes: 8 })
    const { entries } = parseHar(out)
    expect(entries[0]?.response.content.text).toBe('Grüße ☕ 😀 "quoted" \\ back')
  })
})

describe.skipIf(!HAVE_SAMPLES)('redactHar on ../shared/har-samples (optional extra)', () => {
  for (const [name, count] of Object.entries(SAMPLE_COUNTS)) {
    redactionCases(name, () => sample(name), count, name.includes('devtools') ? 'chrome-har' : 'Playwright')
  }
})
