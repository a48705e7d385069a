import { NetworkError } from '../../src/core/errors.js'
import type { UserDirectory, UserLookupResult } from '../../src/core/types.js'
import { goodPayload, makeToken, without } from '../helpers/tokens.js'
import type { CheckCases } from './cases.js'

const answering = (result: UserLookupResult): { users: UserDirectory } => ({ users: { description: 'fake', lookup: async () => result } })
const source = 'contacts.csv'
const token = makeToken()

export default {
  valid: [
    { name: 'active end user', input: token, context: answering({ kind: 'active-end-user', email: 'jane.doe@example.com', source }), messageId: 'ok' },
    { name: 'no directory: not checked', input: token, messageId: 'not-checked', status: 'skip' },
    {
      name: 'no email claim',
      input: makeToken({ payload: without(goodPayload(), 'email') }),
      context: answering({ kind: 'no-contact', source }),
      messageId: 'no-email',
      status: 'skip',
    },
    {
      name: 'no token: looks up --expect-email',
      context: { ...answering({ kind: 'active-end-user', email: 'jane.doe@example.com', source }), expectEmail: 'jane.doe@example.com' },
      messageId: 'ok',
    },
  ],
  invalid: [
    { name: 'no contact (the user-missing HAR)', input: token, context: answering({ kind: 'no-contact', source }), messageId: 'no-contact' },
    {
      name: 'contact, not an end user',
      input: token,
      context: answering({ kind: 'not-end-user', email: 'jane.doe@example.com', source }),
      messageId: 'not-end-user',
    },
    { name: 'spam contact', input: token, context: answering({ kind: 'spam', email: 'jane.doe@example.com', source }), messageId: 'spam' },
    { name: 'anonymous contact', input: token, context: answering({ kind: 'anonymous', email: 'jane.doe@example.com', source }), messageId: 'anonymous' },
    {
      name: 'deactivated end user',
      input: token,
      context: answering({ kind: 'deactivated', email: 'jane.doe@example.com', source }),
      messageId: 'deactivated',
    },
    {
      name: 'invited, not confirmed',
      input: token,
      context: answering({ kind: 'pending', email: 'jane.doe@example.com', state: 'INVITED', source }),
      messageId: 'pending',
      data: { state: 'INVITED' },
    },
    {
      name: 'stored with another case',
      input: token,
      context: answering({ kind: 'case-mismatch', storedEmail: 'Jane.Doe@example.com', source }),
      messageId: 'case-mismatch',
      data: { storedEmail: 'Jane.Doe@example.com', quoted: '"jane.doe@example.com"' },
    },
    {
      name: 'OAUTH_ORG_MISMATCH is an error status',
      input: token,
      context: answering({ kind: 'org-mismatch', message: 'not valid for org', source }),
      messageId: 'org-mismatch',
      status: 'error',
    },
    {
      name: 'Desk unreachable: error status, not a crash',
      input: token,
      context: { users: { description: 'fake', lookup: async () => Promise.reject(new NetworkError('ERR_NETWORK', 'cannot reach desk.zoho.com: timed out')) } },
      messageId: 'could-not-run',
      status: 'error',
    },
    {
      name: 'SCOPE_MISMATCH is an error status with the scopes',
      input: token,
      context: answering({ kind: 'api-error', errorCode: 'SCOPE_MISMATCH', message: 'scope', requiredScopes: ['Desk.contacts.READ'], source }),
      messageId: 'api-error',
      status: 'error',
    },
  ],
} satisfies CheckCases
