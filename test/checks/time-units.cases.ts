import { goodPayload, makeToken, NOW, without } from '../helpers/tokens.js'
import type { CheckCases } from './cases.js'

const token = (payload: Record<string, unknown>) => makeToken({ payload })
const seconds = Math.floor(NOW / 1000)

export default {
  valid: [
    { name: 'not_before/not_after in ms', input: token(goodPayload()), messageId: 'ok' },
    { name: 'nbf and iat in seconds, exp in ms', input: token({ ...goodPayload(), nbf: seconds, iat: seconds, exp: NOW + 300_000 }), messageId: 'ok' },
    { name: 'no time claims', input: token(without(goodPayload(), 'not_before', 'not_after')), messageId: 'no-time-claims', status: 'skip' },
  ],
  invalid: [
    {
      name: 'not_before/not_after in seconds',
      input: token(goodPayload({ not_before: seconds, not_after: seconds + 300 })),
      messageId: 'seconds-in-ms-claim',
      data: {
        subjectLower: 'the time claims are',
        claim: 'not_before',
        value: seconds,
        zohoDate: new Date(seconds).toISOString(),
        intendedDate: new Date(seconds * 1000).toISOString(),
      },
    },
    {
      name: 'exp in seconds next to not_after in ms (library expiresIn)',
      input: token({ ...goodPayload(), exp: seconds + 300 }),
      messageId: 'seconds-in-ms-claim',
      data: { claim: 'exp', subjectLower: 'exp is' },
    },
    { name: 'iat in milliseconds', input: token({ ...goodPayload(), iat: NOW }), messageId: 'ms-in-seconds-claim', data: { claim: 'iat' } },
    { name: 'nbf in milliseconds', input: token({ ...goodPayload(), nbf: NOW }), messageId: 'ms-in-seconds-claim', data: { claim: 'nbf' } },
    {
      name: 'not_after in microseconds',
      input: token(goodPayload({ not_after: (NOW + 300_000) * 1000 })),
      messageId: 'too-large',
      data: { claim: 'not_after' },
    },
  ],
} satisfies CheckCases
