import { defineCheck } from '../core/define-check.js'
import type { MessageSpec, Outcome } from '../core/types.js'

const ADD = 'Add "first_name" and "last_name" (snake_case) to the claims, e.g. { …, "first_name": "Jane", "last_name": "Doe" }.'

const messages = {
  ok: { status: 'pass', text: 'first_name and last_name are present.' },
  'no-payload': { status: 'skip', text: 'The payload could not be decoded (see token-format).' },
  missing: {
    status: 'warn',
    text: 'No {{claims}} claim{{plural}}: a user Zoho creates from this token gets no name{{nameNote}}.',
    hints: [ADD],
  },
  empty: { status: 'warn', text: '{{claims}} {{verb}} empty: a user Zoho creates from this token gets no name.', hints: [ADD] },
  'wrong-type': { status: 'warn', text: '{{claim}} is not a string ({{jsonType}}).', hints: [ADD] },
} satisfies Record<string, MessageSpec>

type MessageId = keyof typeof messages

export default defineCheck({
  id: 'name-claims',
  title: 'first_name and last_name present',
  severity: 'warning',
  scope: 'token',
  messages,
  run({ token }): Outcome<MessageId> {
    const payload = token?.payload
    if (payload === undefined) return { messageId: 'no-payload' }
    const claims = ['first_name', 'last_name'] as const
    const wrongType = claims.find((claim) => Object.hasOwn(payload, claim) && typeof payload[claim] !== 'string')
    if (wrongType !== undefined) {
      const value = payload[wrongType]
      return { messageId: 'wrong-type', data: { claim: wrongType, jsonType: value === null ? 'null' : typeof value } }
    }
    const missing = claims.filter((claim) => !Object.hasOwn(payload, claim))
    if (missing.length > 0) {
      const alternatives = ['name', 'firstName', 'lastName', 'given_name', 'family_name'].filter((name) => Object.hasOwn(payload, name))
      return {
        messageId: 'missing',
        data: {
          claims: missing,
          plural: missing.length > 1 ? 's' : '',
          nameNote: alternatives.length > 0 ? ` (the token has ${alternatives.join(', ')}, which the ASAP flow does not document)` : '',
        },
      }
    }
    const empty = claims.filter((claim) => String(payload[claim]).trim() === '')
    if (empty.length > 0) return { messageId: 'empty', data: { claims: empty, verb: empty.length > 1 ? 'are' : 'is' } }
    return { messageId: 'ok' }
  },
})
