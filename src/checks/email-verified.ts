import { defineCheck } from '../core/define-check.js'
import { jsonTypeOf } from '../core/token/parse-token.js'
import type { MessageSpec, Outcome } from '../core/types.js'

const FIX = 'Set "email_verified": true (the JSON boolean) for every user you sign in; Zoho\'s sample always sends true.'

const messages = {
  ok: { status: 'pass', text: 'email_verified is true.' },
  'no-payload': { status: 'skip', text: 'The payload could not be decoded (see token-format).' },
  absent: { status: 'skip', text: 'email_verified is absent (see required-claims).' },
  false: {
    status: 'fail',
    verdict: 'email_verified is false',
    text: "email_verified is false; Zoho's sample always sends true, and a false value is believed to be rejected (inferred, not documented).",
    hints: [FIX, 'If your app really has unverified addresses, verify them before opening the widget as that user.'],
  },
  string: {
    status: 'fail',
    verdict: 'email_verified is a string, not true',
    text: 'email_verified is the string {{value}}, not the boolean true.',
    hints: [FIX],
  },
  'wrong-type': {
    status: 'fail',
    verdict: 'email_verified is not true',
    text: 'email_verified is {{value}} (a JSON {{jsonType}}), not the boolean true.',
    hints: [FIX],
  },
} satisfies Record<string, MessageSpec>

type MessageId = keyof typeof messages

export default defineCheck({
  id: 'email-verified',
  title: 'email_verified is the boolean true',
  severity: 'error',
  scope: 'token',
  messages,
  run({ token }): Outcome<MessageId> {
    const payload = token?.payload
    if (payload === undefined) return { messageId: 'no-payload' }
    if (!Object.hasOwn(payload, 'email_verified')) return { messageId: 'absent' }
    const value = payload.email_verified
    if (value === true) return { messageId: 'ok' }
    if (value === false) return { messageId: 'false' }
    if (typeof value === 'string') return { messageId: 'string', data: { value: JSON.stringify(value) } }
    return { messageId: 'wrong-type', data: { value: JSON.stringify(value) ?? 'undefined', jsonType: jsonTypeOf(value) } }
  },
})
