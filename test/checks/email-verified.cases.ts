import { goodPayload, makeToken, without } from '../helpers/tokens.js'
import type { CheckCases } from './cases.js'

const token = (payload: Record<string, unknown>) => makeToken({ payload })

export default {
  valid: [
    { name: 'boolean true', input: token(goodPayload()), messageId: 'ok' },
    { name: 'absent: left to required-claims', input: token(without(goodPayload(), 'email_verified')), messageId: 'absent', status: 'skip' },
  ],
  invalid: [
    { name: 'false', input: token(goodPayload({ email_verified: false })), messageId: 'false' },
    { name: 'string "true"', input: token(goodPayload({ email_verified: 'true' })), messageId: 'string', data: { value: '"true"' } },
    { name: 'number 1', input: token(goodPayload({ email_verified: 1 })), messageId: 'wrong-type', data: { jsonType: 'number' } },
  ],
} satisfies CheckCases
