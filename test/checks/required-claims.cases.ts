import { goodPayload, makeToken, NOW, without } from '../helpers/tokens.js'
import type { CheckCases } from './cases.js'

const token = (payload: Record<string, unknown>) => makeToken({ payload })

export default {
  valid: [
    { name: 'all four with the right types', input: token(goodPayload()), messageId: 'ok' },
    { name: 'extra claims are fine', input: token(goodPayload({ sub: '42', name: 'Jane' })), messageId: 'ok' },
    { name: 'undecodable payload skips', input: 'eyJhbGciOiJIUzI1NiJ9.bm90IGpzb24.c2ln', messageId: 'no-payload', status: 'skip' },
  ],
  invalid: [
    { name: 'email missing', input: token(without(goodPayload(), 'email')), messageId: 'missing', data: { claims: ['email'] } },
    // Zoho's debugging page: start from nbf or iat (s), end from exp (ms). Documented, so a warning only.
    {
      name: 'iat (s) and exp (ms) instead of not_before/not_after',
      input: token({ ...without(goodPayload(), 'not_before', 'not_after'), iat: Math.floor(NOW / 1000), exp: NOW + 300_000 }),
      messageId: 'alternative-time-claims',
      status: 'warn',
      data: { used: ['iat', 'exp'], instead: ['not_before', 'not_after'] },
    },
    {
      name: 'nbf (s) and exp (ms)',
      input: token({ ...without(goodPayload(), 'not_before', 'not_after'), nbf: NOW / 1000, exp: NOW + 300_000 }),
      messageId: 'alternative-time-claims',
      status: 'warn',
      data: { used: ['nbf', 'exp'] },
    },
    {
      name: 'no end claim at all',
      input: token({ ...without(goodPayload(), 'not_before', 'not_after'), iat: Math.floor(NOW / 1000) }),
      messageId: 'missing',
      data: { claims: ['not_after'] },
    },
    {
      name: 'camelCase notBefore',
      input: token({ ...without(goodPayload(), 'not_before'), notBefore: NOW }),
      messageId: 'missing',
      data: { claims: ['not_before'], lookalikes: ' ("notBefore" is present instead of "not_before")' },
    },
    {
      name: 'email_verified as the string "true"',
      input: token(goodPayload({ email_verified: 'true' })),
      messageId: 'boolean-as-string',
      data: { claim: 'email_verified', value: '"true"' },
    },
    {
      name: 'not_before as a numeric string',
      input: token(goodPayload({ not_before: '1700000000000' })),
      messageId: 'number-as-string',
      data: { claim: 'not_before', value: '"1700000000000"' },
    },
    {
      name: 'email as a number',
      input: token(goodPayload({ email: 42 })),
      messageId: 'wrong-type',
      data: { claim: 'email', expected: 'string', actual: 'number' },
    },
    { name: 'email null counts as missing', input: token(goodPayload({ email: null })), messageId: 'missing' },
  ],
} satisfies CheckCases
