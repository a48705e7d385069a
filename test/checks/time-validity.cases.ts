import { goodPayload, makeToken, NOW, without } from '../helpers/tokens.js'
import type { CheckCases } from './cases.js'

const token = (payload: Record<string, unknown>) => makeToken({ payload })
const seconds = Math.floor(NOW / 1000)

export default {
  valid: [
    { name: 'inside the window', input: token(goodPayload()), messageId: 'ok' },
    { name: 'at the last millisecond', input: token(goodPayload({ not_before: NOW - 300_000, not_after: NOW })), messageId: 'ok' },
    {
      name: 'leeway covers a small skew',
      input: token(goodPayload({ not_before: NOW + 2_000, not_after: NOW + 302_000 })),
      context: { leewayMs: 5_000 },
      messageId: 'ok',
    },
    { name: 'no time claims', input: token(without(goodPayload(), 'not_before', 'not_after')), messageId: 'no-time-claims', status: 'skip' },
  ],
  invalid: [
    {
      name: 'expired 3 hours ago',
      input: token(goodPayload({ not_before: NOW - 3 * 3_600_000 - 300_000, not_after: NOW - 3 * 3_600_000 })),
      messageId: 'expired',
      data: { ago: '3 h', endClaim: 'not_after' },
    },
    {
      name: 'not yet valid (signer clock ahead)',
      input: token(goodPayload({ not_before: NOW + 120_000, not_after: NOW + 420_000 })),
      messageId: 'not-yet-valid',
      data: { by: '2 min', startClaim: 'not_before' },
    },
    {
      name: 'seconds read as ms: expired in 1970',
      input: token(goodPayload({ not_before: seconds, not_after: seconds + 300 })),
      messageId: 'expired-wrong-unit',
    },
    {
      name: 'cached since login a day ago',
      input: token(goodPayload({ not_before: NOW - 86_400_000, not_after: NOW - 86_400_000 + 300_000 })),
      messageId: 'expired',
      data: { mintedNote: ' It was minted 1 day before use, which points to a cached token.' },
    },
    {
      name: 'iat in milliseconds reads as the far future',
      input: token({ ...goodPayload(), iat: NOW }),
      messageId: 'not-yet-valid-wrong-unit',
      data: { startClaim: 'iat' },
    },
    { name: 'one millisecond late', input: token(goodPayload({ not_before: NOW - 300_001, not_after: NOW - 1 })), messageId: 'expired' },
  ],
} satisfies CheckCases
