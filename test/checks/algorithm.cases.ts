import { goodPayload, makeToken } from '../helpers/tokens.js'
import type { CheckCases } from './cases.js'

const withHeader = (header: Record<string, unknown>) => makeToken({ header })

export default {
  valid: [
    { name: 'HS256 with typ JWT', input: makeToken(), messageId: 'ok' },
    { name: 'HS256 without typ', input: withHeader({ alg: 'HS256' }), messageId: 'ok' },
    { name: 'undecodable header skips', input: 'bm90IGpzb24.e30.sig', messageId: 'no-header', status: 'skip' },
  ],
  invalid: [
    { name: 'typ other than JWT warns', input: withHeader({ alg: 'HS256', typ: 'at+jwt' }), messageId: 'typ', status: 'warn' },
    { name: 'alg none', input: `${withHeader({ alg: 'none' }).split('.').slice(0, 2).join('.')}.`, messageId: 'none' },
    { name: 'alg NONE in capitals', input: withHeader({ alg: 'NONE' }), messageId: 'none' },
    { name: 'HS512', input: makeToken({ header: { alg: 'HS512' }, payload: goodPayload(), alg: 'sha512' }), messageId: 'other-hmac', data: { alg: 'HS512' } },
    { name: 'HS384', input: withHeader({ alg: 'HS384' }), messageId: 'other-hmac', data: { alg: 'HS384' } },
    { name: 'RS256', input: withHeader({ alg: 'RS256', typ: 'JWT' }), messageId: 'asymmetric', data: { alg: 'RS256' } },
    { name: 'ES256', input: withHeader({ alg: 'ES256' }), messageId: 'asymmetric' },
    { name: 'lower-case hs256', input: withHeader({ alg: 'hs256' }), messageId: 'unsupported', data: { alg: 'hs256' } },
    { name: 'no alg', input: withHeader({ typ: 'JWT' }), messageId: 'missing' },
  ],
} satisfies CheckCases
