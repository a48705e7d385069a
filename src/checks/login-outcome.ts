import { defineCheck } from '../core/define-check.js'
import type { MessageSpec, Outcome } from '../core/types.js'

const NEXT = '{{next}}'
const SUSPECTS = 'The causes a recording cannot prove are ranked under "Remaining suspects", each with how to confirm it.'

const messages = {
  accepted: { status: 'pass', text: 'Zoho accepted the login: HTTP {{status}} with an access token.' },
  'no-attempt': { status: 'skip', text: 'No login attempt to judge.' },
  'general-error': {
    status: 'fail',
    verdict: 'Zoho answered general_error',
    text: 'Zoho refused the login: HTTP {{status}} {"error":"general_error"}. Zoho gives this one answer for nearly every cause; the failing checks above name the cause when the recording proves one.',
    hints: [NEXT],
  },
  blocked: {
    status: 'fail',
    verdict: 'the login request got no response',
    text: 'The login request got no response ({{error}}): the browser blocked or cancelled it (CORS, a Content-Security-Policy connect-src, an extension).',
    hints: [
      "Allow the accounts host in the page's Content-Security-Policy connect-src (e.g. https://accounts.zohoportal.com) and check the console for CORS errors.",
      NEXT,
    ],
  },
  empty: {
    status: 'fail',
    verdict: 'Zoho answered with an empty body (HTTP {{status}})',
    text: 'Zoho answered HTTP {{status}} with an empty body: no access token was issued.',
    hints: [NEXT],
  },
  other: {
    status: 'fail',
    verdict: 'Zoho did not accept the login (HTTP {{status}}: {{error}})',
    text: 'Zoho did not issue an access token: HTTP {{status}}, {{error}}.',
    hints: [NEXT],
  },
} satisfies Record<string, MessageSpec>

type MessageId = keyof typeof messages

/**
 * What Zoho answered the recorded login: the observation every other check tries to explain. A
 * rejection fails this check even when no other check can prove why, so the exit code tells the
 * truth; the verdict never names it as the cause (see src/verdict/causal-order.ts).
 */
export default defineCheck({
  id: 'login-outcome',
  title: 'Zoho accepted the recorded login',
  severity: 'error',
  scope: 'session',
  messages,
  run({ integration, earlier }): Outcome<MessageId> {
    const call = integration?.authCall
    if (call === undefined) return { messageId: 'no-attempt' }
    // Runs last: when another check already failed, that is where to act; otherwise the suspects are.
    const failed = [...earlier.values()].filter((result) => result.status === 'fail').map((result) => result.id)
    const next =
      failed.length > 0
        ? `Fix what ${failed.join(', ')} report${failed.length === 1 ? 's' : ''} above; Zoho's answer changes once the cause is gone.`
        : SUSPECTS
    switch (call.outcome) {
      case 'accepted':
        return { messageId: 'accepted', data: { status: call.status } }
      case 'general_error':
        return { messageId: 'general-error', data: { status: call.status, next } }
      case 'blocked':
        return { messageId: 'blocked', data: { error: call.responseError ?? 'status 0', next } }
      case 'empty':
        return { messageId: 'empty', data: { status: call.status, next } }
      case 'other':
        return { messageId: 'other', data: { status: call.status, error: call.responseError ?? 'no access token', next } }
    }
  },
})
