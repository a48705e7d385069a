import { describe, expect, it } from 'vitest'
import { decideRemoteAuth } from './accounts.js'
import { ASAP_SECRET } from './facts.js'
import { signHs256 } from './jwt.js'

// The simulated accounts host is the judge the recorded corpus is built on: its rules are tested
// on their own, one case per rule and one per documented alternative.
const NOW = Date.parse('2026-11-21T06:00:00.000Z')
const S = Math.floor(NOW / 1000)
const good = { email: 'jane.doe@example.com', email_verified: true, not_before: NOW - 10_000, not_after: NOW + 290_000 }
const sign = (payload: Record<string, unknown>, key: string | Buffer = ASAP_SECRET, header: Record<string, unknown> = { alg: 'HS256', typ: 'JWT' }) =>
  signHs256({ header, payload, key })
const ask = (jwtToken: string | null, extra: Partial<Parameters<typeof decideRemoteAuth>[0]> = {}) =>
  decideRemoteAuth({ jwtToken, orgIdInPath: '712340056', clientId: '1000.FAKE', origin: 'https://app.example.com', now: NOW, accepted: new Set(), ...extra })

describe('simulated accounts host', () => {
  it('accepts the standard token', () => {
    expect(ask(sign(good))).toEqual({ ok: true })
    expect(ask(sign(good), { origin: 'https://support.example.com' })).toEqual({ ok: true })
  })

  it.each([
    ['iat (s) and exp (ms)', { email: 'jane.doe@example.com', email_verified: true, iat: S - 10, exp: NOW + 290_000 }],
    ['nbf (s) and not_after (ms)', { email: 'jane.doe@example.com', email_verified: true, nbf: S - 10, not_after: NOW + 290_000 }],
    ['a window of exactly 600000 ms', { ...good, not_after: good.not_before + 600_000 }],
  ])('accepts %s', (_name, payload) => {
    expect(ask(sign(payload))).toEqual({ ok: true })
  })

  it.each([
    ['no token', null, /no jwt_token/],
    ['"Bearer " prefix', `Bearer ${sign(good)}`, /bare/],
    ['quotes', JSON.stringify(sign(good)), /bare/],
    ['[object Object]', '[object Object]', /bare/],
    ['standard base64 parts', signHs256({ header: { alg: 'HS256', typ: 'JWT' }, payload: good, key: ASAP_SECRET, encoding: 'base64' }), /bare/],
    ['HS512', sign(good, ASAP_SECRET, { alg: 'HS512', typ: 'JWT' }), /HS256/],
    ['another secret', sign(good, 'another-secret'), /signature/],
    ['a base64-decoded secret', sign(good, Buffer.from(ASAP_SECRET, 'base64')), /signature/],
    ['email_verified "true"', sign({ ...good, email_verified: 'true' }), /email_verified/],
    ['no email', sign({ ...good, email: undefined }), /email/],
    ['seconds', sign({ ...good, not_before: S - 10, not_after: S + 290 }), /outside/],
    ['exp in seconds next to ms claims', sign({ ...good, exp: S + 290 }), /window/],
    ['a one-hour window', sign({ ...good, not_after: good.not_before + 3_600_000 }), /window/],
    ['expired by 1 ms', sign({ ...good, not_before: NOW - 300_001, not_after: NOW - 1 }), /outside/],
    ['not yet valid', sign({ ...good, not_before: NOW + 1, not_after: NOW + 300_000 }), /outside/],
    ['no start claim', sign({ email: 'jane.doe@example.com', email_verified: true, not_after: NOW + 1000 }), /start/],
    ['an unknown user', sign({ ...good, email: 'alex.kim@example.com' }), /end user/],
    ['a case-only difference', sign({ ...good, email: 'Jane.Doe@example.com' }), /end user/],
  ])('refuses %s', (_name, token, reason) => {
    const decision = ask(token)
    expect(decision.ok).toBe(false)
    expect(decision.ok ? '' : decision.reason).toMatch(reason)
  })

  it('refuses a page host that is not allowed, the wrong org or client, and a replayed token', () => {
    const token = sign(good)
    expect(ask(token, { origin: 'https://www.example.com' })).toMatchObject({ ok: false, reason: expect.stringMatching(/www\.example\.com/) })
    expect(ask(token, { origin: undefined })).toMatchObject({ ok: false })
    expect(ask(token, { orgIdInPath: '999' })).toMatchObject({ ok: false, reason: expect.stringMatching(/org/) })
    expect(ask(token, { clientId: '1000.OTHER' })).toMatchObject({ ok: false })
    expect(ask(token, { accepted: new Set([token]) })).toMatchObject({ ok: false, reason: expect.stringMatching(/replay/) })
  })
})
