import { goodPayload, makeToken, without } from '../helpers/tokens.js'
import type { CheckCases } from './cases.js'

const token = (payload: Record<string, unknown>) => makeToken({ payload })

export default {
  valid: [{ name: 'both present', input: token(goodPayload()), messageId: 'ok' }],
  invalid: [
    {
      name: 'both missing warns',
      input: token(without(goodPayload(), 'first_name', 'last_name')),
      messageId: 'missing',
      status: 'warn',
      data: { claims: ['first_name', 'last_name'] },
    },
    {
      name: 'name only warns and says so',
      input: token({ ...without(goodPayload(), 'first_name', 'last_name'), name: 'Jane Doe' }),
      messageId: 'missing',
      status: 'warn',
    },
    { name: 'empty last_name warns', input: token(goodPayload({ last_name: ' ' })), messageId: 'empty', status: 'warn', data: { claims: ['last_name'] } },
    { name: 'number warns', input: token(goodPayload({ first_name: 7 })), messageId: 'wrong-type', status: 'warn' },
  ],
} satisfies CheckCases
