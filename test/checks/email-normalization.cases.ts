import { goodPayload, makeToken } from '../helpers/tokens.js'
import type { CheckCases } from './cases.js'

const withEmail = (email: unknown) => makeToken({ payload: goodPayload({ email }) })

export default {
  valid: [
    { name: 'lower-case and trimmed', input: withEmail('jane.doe@example.com'), messageId: 'ok' },
    {
      name: 'exactly the expected address',
      input: withEmail('Jane.Doe@example.com'),
      context: { expectEmail: 'Jane.Doe@example.com' },
      messageId: 'matches-expected',
    },
    {
      name: 'the directory has this exact address',
      input: withEmail('jane.doe@example.com'),
      context: { users: { description: 'fake', lookup: async () => ({ kind: 'active-end-user', email: 'jane.doe@example.com', source: 'users.txt' }) } },
      messageId: 'ok',
    },
    { name: 'no email: skipped', input: makeToken({ payload: { email_verified: true } }), messageId: 'absent', status: 'skip' },
  ],
  invalid: [
    {
      name: 'mixed case warns',
      input: withEmail('Jane.Doe@Example.com'),
      messageId: 'not-normalized',
      status: 'warn',
      data: { normalized: '"jane.doe@example.com"' },
    },
    {
      name: 'differs from expected only in case',
      input: withEmail('Jane.Doe@example.com'),
      context: { expectEmail: 'jane.doe@example.com' },
      messageId: 'differs-in-case',
      data: { quoted: '"Jane.Doe@example.com"', expectedQuoted: '"jane.doe@example.com"' },
    },
    {
      name: 'differs from expected by a trailing space',
      input: withEmail('jane.doe@example.com '),
      context: { expectEmail: 'jane.doe@example.com' },
      messageId: 'differs-in-case',
    },
    {
      name: 'matches the directory user only when case is ignored',
      input: withEmail('Jane.Doe@example.com'),
      context: {
        users: { description: 'fake', lookup: async () => ({ kind: 'case-mismatch', storedEmail: 'jane.doe@example.com', source: 'users.txt, line 1' }) },
      },
      messageId: 'differs-from-user',
      data: { storedQuoted: '"jane.doe@example.com"' },
    },
    { name: 'another user entirely', input: withEmail('sam.lee@example.com'), context: { expectEmail: 'jane.doe@example.com' }, messageId: 'different-user' },
  ],
} satisfies CheckCases
