import type { AuthCallFacts, IntegrationFacts } from '../../src/core/types.js'
import { NOW } from '../helpers/tokens.js'
import type { CheckCases } from './cases.js'

const call = (facts: Partial<AuthCallFacts>): { integration: IntegrationFacts } => ({
  integration: {
    configured: {},
    authCall: {
      url: 'https://accounts.zohoportal.com/accounts/op/712340056/oauth/v2/remote/auth',
      host: 'accounts.zohoportal.com',
      startedAt: NOW,
      status: 200,
      outcome: 'accepted',
      ...facts,
    },
  },
})

export default {
  valid: [
    { name: 'HTTP 200 with an access token', context: call({}), messageId: 'accepted', data: { status: 200 } },
    { name: 'a page load without an attempt', context: { integration: { configured: {} } }, messageId: 'no-attempt', status: 'skip' },
  ],
  invalid: [
    {
      name: 'general_error, cause unknown to this check',
      context: call({ status: 400, outcome: 'general_error', responseError: 'general_error' }),
      messageId: 'general-error',
      data: { status: 400 },
    },
    {
      name: 'no response at all (status 0)',
      context: call({ status: 0, outcome: 'blocked', responseError: 'net::ERR_BLOCKED_BY_CLIENT' }),
      messageId: 'blocked',
      data: { error: 'net::ERR_BLOCKED_BY_CLIENT' },
    },
    { name: 'empty body', context: call({ status: 500, outcome: 'empty' }), messageId: 'empty' },
    { name: 'another answer', context: call({ status: 403, outcome: 'other', responseError: 'HTTP 403' }), messageId: 'other', data: { error: 'HTTP 403' } },
  ],
} satisfies CheckCases
