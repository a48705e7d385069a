import { Buffer } from 'node:buffer'
import { createHmac } from 'node:crypto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { tokenChecks } from '../../src/checks/token-checks.js'
import { BatchDiagnoser } from '../../src/core/batch/batch-diagnoser.js'
import { hmacBase64url, hmacKey, isCleanToken, signatureLooksRedacted } from '../../src/core/batch/fast-path.js'
import { looksSanitized } from '../../src/core/token/parse-token.js'
import { diagnoseToken } from '../../src/core/diagnose-token.js'
import { goodPayload, makeToken, NOW, TEST_SECRET } from '../helpers/tokens.js'

const secrets = [{ label: 'primary' as const, bytes: Buffer.from(TEST_SECRET), origin: 'test' }]
const key = hmacKey(Buffer.from(TEST_SECRET))

/** Mostly the good value, sometimes a value near the edge of a rule the fast path stands in for. */
const mostly = <T, U>(good: T, edges: fc.Arbitrary<U>) => fc.oneof({ weight: 3, arbitrary: fc.constant(good) }, { weight: 1, arbitrary: edges })
const seconds = Math.floor(NOW / 1000)
const payload = fc
  .record({
    email: mostly(
      'jane@example.com',
      fc.oneof(
        fc.constantFrom(
          'Jane@example.com',
          ' jane@example.com',
          'jane@example',
          'jane..doe@example.com',
          'jane@-x.com',
          'jane@x.c0',
          'j@x.io',
          'jané@example.com',
          'jane@exаmple.com',
          'a@b.12',
          `${'a'.repeat(65)}@x.com`,
          'jane@example.com\u200b',
        ),
        fc.emailAddress(),
      ),
    ),
    email_verified: mostly(true, fc.constantFrom(false, 'true', 1, null)),
    start: mostly(NOW - 30_000, fc.oneof(fc.integer({ min: NOW - 900_000, max: NOW + 60_000 }), fc.constantFrom(seconds, NOW * 1000))),
    window: mostly(300_000, fc.constantFrom(9_999, 10_000, 600_000, 600_001, 0, -1, 330_000)),
    notAfterOverride: mostly(undefined, fc.constantFrom('1795240770000', null, NOW - 1, NOW)),
    exp: mostly(undefined, fc.constantFrom(NOW + 100_000, seconds + 100, NOW - 10, 'x', null)),
    nbf: mostly(undefined, fc.constantFrom(seconds - 10, NOW, seconds + 100, 'x')),
    iat: mostly(undefined, fc.constantFrom(seconds - 10, seconds + 100, NOW)),
    first_name: mostly('Jane', fc.constantFrom('', ' ', 7, null)),
    last_name: mostly('Doe', fc.constantFrom('', undefined)),
  })
  .map(({ start, window, notAfterOverride, exp, nbf, iat, ...rest }) => {
    const claims: Record<string, unknown> = { ...rest, not_before: start, not_after: notAfterOverride === undefined ? start + window : notAfterOverride }
    for (const [name, value] of Object.entries({ exp, nbf, iat })) if (value !== undefined) claims[name] = value
    if (claims.last_name === undefined) delete claims.last_name
    return claims
  })
const header = fc.constantFrom({ alg: 'HS256', typ: 'JWT' }, { alg: 'HS256' }, { alg: 'HS256', typ: 'jwt' }, { alg: 'HS512', typ: 'JWT' }, { typ: 'JWT' })
const secret = fc.constantFrom(TEST_SECRET, TEST_SECRET, `${TEST_SECRET}\n`, 'other')

describe('batch fast path', () => {
  it('only ever accepts what every token check passes', async () => {
    let accepted = 0
    await fc.assert(
      fc.asyncProperty(header, payload, secret, fc.constantFrom(0, 0, 5_000), async (h, p, s, leewayMs) => {
        const token = makeToken({ header: h, payload: p, secret: s })
        for (const withKey of [true, false]) {
          if (!isCleanToken(token, { now: NOW, leewayMs, ...(withKey ? { key } : {}) })) continue
          accepted++
          const subject = await diagnoseToken({
            input: token,
            source: { kind: 'argument', ref: 'argument' },
            checks: tokenChecks,
            now: NOW,
            leewayMs,
            secrets: withKey ? secrets : [],
          })
          const notPassing = subject.checks.filter(
            (check) => check.status !== 'pass' && !(check.id === 'signature' && !withKey && check.messageId === 'no-secret'),
          )
          expect(notPassing.map((check) => `${check.id}/${check.messageId}`)).toEqual([])
        }
      }),
      { numRuns: 1500 },
    )
    // Not vacuous: a fair share of the generated tokens is clean.
    expect(accepted).toBeGreaterThan(30)
  })

  it('accepts the usual clean tokens (with iat/nbf in seconds, exp in ms, leeway)', () => {
    const seconds = Math.floor(NOW / 1000)
    for (const extra of [{}, { iat: seconds - 30 }, { nbf: seconds - 30, exp: NOW + 200_000 }]) {
      expect(isCleanToken(makeToken({ payload: goodPayload(extra) }), { now: NOW, leewayMs: 0, key })).toBe(true)
    }
    expect(isCleanToken(makeToken({ payload: goodPayload({ not_before: NOW + 2_000, not_after: NOW + 302_000 }) }), { now: NOW, leewayMs: 5_000, key })).toBe(
      true,
    )
    expect(isCleanToken(makeToken({ payload: goodPayload({ not_before: NOW + 2_000, not_after: NOW + 302_000 }) }), { now: NOW, leewayMs: 0, key })).toBe(false)
  })

  it('batch outcomes are the same with and without the fast path', async () => {
    const tokens = [
      makeToken(),
      makeToken({ payload: goodPayload({ email: 'JANE@example.com' }) }),
      makeToken({ secret: 'other' }),
      makeToken({ payload: goodPayload({ not_after: NOW - 1 }) }),
      `"${makeToken()}"`,
      makeToken({ payload: goodPayload({ email: 'x.y@example.org' }) }),
    ]
    const options = { checks: tokenChecks, now: NOW, leewayMs: 0, secrets, reveal: false, ref: 'test' }
    const fast = new BatchDiagnoser(options)
    const results = []
    for (const [index, token] of tokens.entries()) {
      const a = await fast.diagnose(token, index + 1)
      const b = await diagnoseToken({ input: token, source: { kind: 'file', ref: 'test' }, checks: tokenChecks, now: NOW, leewayMs: 0, secrets })
      results.push(a)
      expect(a.kind).toBe('token')
      if (a.kind !== 'token') continue
      expect({ verdict: a.verdict, failing: a.failing, warnings: a.warnings }).toEqual({
        verdict: b.verdict,
        failing: b.checks.filter((check) => check.status === 'fail' || check.status === 'error').map((check) => check.id),
        warnings: b.checks.filter((check) => check.status === 'warn').map((check) => check.id),
      })
    }
    expect(fast.fastPathEnabled).toBe(true)
    expect(results.filter((result) => result.kind === 'token' && result.accepted)).toHaveLength(4)
  })
})

describe('batch fast path on damaged tokens', () => {
  const clean = makeToken({ payload: goodPayload({ first_name: 'Zoë', last_name: 'Ångström' }) })
  it('rejects every character the base64url decoder would skip or accept wrongly', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: clean.length }),
        fc.constantFrom('=', '+', '/', ' ', '\n', '!', '.', 'é', '\u00a0', 'A', '_', '%3D'),
        fc.boolean(),
        async (at, character, withKey) => {
          const token = `${clean.slice(0, at)}${character}${clean.slice(at)}`
          if (!isCleanToken(token, { now: NOW, leewayMs: 0, ...(withKey ? { key } : {}) })) return
          const subject = await diagnoseToken({
            input: token,
            source: { kind: 'argument', ref: 'argument' },
            checks: tokenChecks,
            now: NOW,
            secrets: withKey ? secrets : [],
          })
          expect(
            subject.checks.filter((check) => check.status !== 'pass' && check.messageId !== 'no-secret').map((check) => `${check.id}/${check.messageId}`),
          ).toEqual([])
        },
      ),
      { numRuns: 2000 },
    )
    expect(isCleanToken(clean, { now: NOW, leewayMs: 0, key })).toBe(true)
  })
})

describe('the fast path HMAC', () => {
  it('equals createHmac for any key (empty, one block, longer than a block) and any ASCII message (longer than its buffer too)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 0, maxLength: 200 }),
        fc.array(fc.string({ unit: 'binary-ascii', maxLength: 9000 }), { minLength: 1, maxLength: 4 }),
        (secret, messages) => {
          const prepared = hmacKey(secret)
          // One prepared key reused for several messages, as in a batch: no state may leak between them.
          for (const message of messages)
            expect(hmacBase64url(prepared, message)).toBe(createHmac('sha256', secret).update(message, 'latin1').digest('base64url'))
        },
      ),
      { numRuns: 300 },
    )
  })

  it('matches at the block-size boundaries of the key', () => {
    for (const size of [63, 64, 65, 128]) {
      const secret = Buffer.alloc(size, 0x61)
      expect(hmacBase64url(hmacKey(secret), 'a.b')).toBe(createHmac('sha256', secret).update('a.b').digest('base64url'))
    }
  })
})

describe('the fast path redaction test', () => {
  it('answers as looksSanitized on every 43-character base64url signature', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
    const words = ['redact', 'REMOV', 'Hidden', 'sanitiz', 'censor', 'xxxx', 'XXXX']
    const signature = fc
      .tuple(fc.string({ unit: fc.constantFrom(...alphabet), minLength: 43, maxLength: 43 }), fc.constantFrom('', ...words), fc.nat(37))
      .map(([base, word, at]) =>
        word === 'xxxx' || word === 'XXXX' ? word.repeat(11).slice(0, 43) : `${base.slice(0, at)}${word}${base.slice(at)}`.slice(0, 43),
      )
    fc.assert(
      fc.property(signature, (value) => {
        expect(signatureLooksRedacted(value)).toBe(looksSanitized(value))
      }),
      { numRuns: 2000 },
    )
  })
})
