import { defineCheck } from '../core/define-check.js'
import { formatDuration } from '../core/time.js'
import { readTimeClaims, validityWindow } from '../core/token/time-claims.js'
import type { MessageSpec, Outcome } from '../core/types.js'

/** Zoho: "make sure that the duration of validity does not exceed 10 minutes". */
export const MAX_WINDOW_MS = 600_000
/** Shorter than this, ordinary clock skew or a slow page makes the token expire before Zoho sees it. */
const FRAGILE_WINDOW_MS = 10_000

const MINT = "Mint the token inside getJwtTokenCallback with not_before = Date.now() and not_after = not_before + 300000 (5 minutes, as in Zoho's sample)."

const messages = {
  ok: { status: 'pass', text: 'Validity window {{length}} ({{lengthMs}} ms, from {{startClaim}} to {{endClaim}}), within the 10-minute limit.' },
  'no-time-claims': { status: 'skip', text: 'The token has no numeric time claim (see required-claims).' },
  incomplete: { status: 'skip', text: 'No {{missing}} claim, so there is no window to measure (see required-claims).' },
  'not-positive': {
    status: 'fail',
    verdict: 'its validity window is empty',
    text: 'The window is empty or negative: {{endClaim}} is {{length}} {{relation}} {{startClaim}} as Zoho reads them.',
    hints: ['not_after must be later than not_before, both in milliseconds.', MINT],
  },
  'too-long': {
    status: 'fail',
    verdict: 'its validity window is {{length}}, over 10 minutes',
    text: 'The validity window is {{length}} ({{lengthMs}} ms, {{startClaim}} → {{endClaim}}); Zoho allows at most 10 minutes (600000 ms).',
    hints: [
      MINT,
      'A long-lived token is usually minted once at app login and cached: mint a fresh one each time the widget asks.',
      'asap-doctor sign --code python prints a signer with a fresh 5-minute window (also node, php, java, csharp, go, ruby).',
    ],
  },
  fragile: {
    status: 'warn',
    text: 'The validity window is only {{length}} as Zoho reads the claims{{unitNote}}.',
    hints: ['A window this short expires before Zoho sees the token if clocks differ by a few seconds.', MINT],
  },
} satisfies Record<string, MessageSpec>

type MessageId = keyof typeof messages

export default defineCheck({
  id: 'validity-window',
  title: 'Validity window positive and at most 10 minutes',
  severity: 'error',
  scope: 'token',
  messages,
  run({ token, earlier }): Outcome<MessageId> {
    const claims = readTimeClaims(token?.payload)
    if (claims.length === 0) return { messageId: 'no-time-claims' }
    const { start, end } = validityWindow(claims)
    if (start === undefined) return { messageId: 'incomplete', data: { missing: 'start (not_before, nbf or iat)' } }
    if (end === undefined) return { messageId: 'incomplete', data: { missing: 'end (not_after or exp)' } }
    const lengthMs = end.zohoMs - start.zohoMs
    const data = { lengthMs, length: formatDuration(lengthMs), startClaim: start.claim, endClaim: end.claim }
    if (lengthMs <= 0) return { messageId: 'not-positive', data: { ...data, relation: lengthMs === 0 ? 'equal to' : 'before' } }
    if (lengthMs > MAX_WINDOW_MS) return { messageId: 'too-long', data }
    if (lengthMs < FRAGILE_WINDOW_MS) {
      const unitsFailed = earlier.get('time-units')?.status === 'fail'
      return { messageId: 'fragile', data: { ...data, unitNote: unitsFailed ? ' (the claims are in the wrong unit, see time-units)' : '' } }
    }
    return { messageId: 'ok', data }
  },
})
