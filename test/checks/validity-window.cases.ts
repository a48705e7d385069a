import timeUnits from '../../src/checks/time-units.js'
import { goodPayload, makeToken, NOW, without } from '../helpers/tokens.js'
import type { CheckCases } from './cases.js'

const token = (payload: Record<string, unknown>) => makeToken({ payload })
const seconds = Math.floor(NOW / 1000)

export default {
  valid: [
    { name: '5 minutes', input: token(goodPayload()), messageId: 'ok', data: { lengthMs: 300_000 } },
    { name: 'exactly 10 minutes', input: token(goodPayload({ not_before: NOW, not_after: NOW + 600_000 })), messageId: 'ok', data: { lengthMs: 600_000 } },
    {
      name: 'nbf (s) to exp (ms)',
      input: token({ ...without(goodPayload(), 'not_before', 'not_after'), nbf: seconds, exp: NOW + 120_000 }),
      messageId: 'ok',
      data: { lengthMs: 120_000 },
    },
    { name: 'no end claim', input: token(without(goodPayload(), 'not_after')), messageId: 'incomplete', status: 'skip' },
  ],
  invalid: [
    {
      name: 'seconds read as ms: 300 ms window warns',
      input: token(goodPayload({ not_before: seconds, not_after: seconds + 300 })),
      before: [timeUnits],
      messageId: 'fragile',
      status: 'warn',
      data: { lengthMs: 300 },
    },
    {
      name: '10 minutes and 1 ms',
      input: token(goodPayload({ not_before: NOW, not_after: NOW + 600_001 })),
      messageId: 'too-long',
      data: { lengthMs: 600_001 },
    },
    { name: 'one hour', input: token(goodPayload({ not_before: NOW, not_after: NOW + 3_600_000 })), messageId: 'too-long', data: { length: '1 h' } },
    { name: 'not_after before not_before', input: token(goodPayload({ not_before: NOW, not_after: NOW - 1000 })), messageId: 'not-positive' },
    { name: 'empty window', input: token(goodPayload({ not_before: NOW, not_after: NOW })), messageId: 'not-positive' },
    { name: 'exp closes earlier than not_after and before not_before', input: token({ ...goodPayload(), exp: NOW - 60_000 }), messageId: 'not-positive' },
  ],
} satisfies CheckCases
