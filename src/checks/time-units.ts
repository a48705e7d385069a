import { defineCheck } from '../core/define-check.js'
import { formatInstant } from '../core/time.js'
import { guessUnit, readTimeClaims, type ReadTimeClaim } from '../core/token/time-claims.js'
import type { MessageSpec, Outcome } from '../core/types.js'

const UNITS_RULE = "Zoho reads not_before, not_after and exp as milliseconds, and nbf and iat as seconds (Zoho's JWT debugging page)."

const messages = {
  ok: { status: 'pass', text: "Time claims use Zoho's units ({{claims}})." },
  'no-time-claims': { status: 'skip', text: 'The token has no numeric time claim (see required-claims).' },
  'seconds-in-ms-claim': {
    status: 'fail',
    verdict: '{{subjectLower}} in seconds, not milliseconds',
    text: '{{subject}} in seconds ({{claims}}), but Zoho reads {{pronoun}} as milliseconds: {{claim}} means {{zohoDate}}, not {{intendedDate}}.',
    hints: [
      UNITS_RULE,
      'Use milliseconds: not_before: Date.now(), not_after: Date.now() + 300000 (Java: System.currentTimeMillis()). Not Math.floor(Date.now() / 1000).',
      "A library's expiresIn option writes exp in seconds: drop it, or write exp yourself in milliseconds.",
      'asap-doctor sign --code python prints a signer that writes milliseconds and no exp (also node, php, java, csharp, go, ruby).',
    ],
  },
  'ms-in-seconds-claim': {
    status: 'fail',
    verdict: '{{claim}} is in milliseconds, not seconds',
    text: 'Time claim(s) in milliseconds where Zoho expects seconds ({{claims}}). Zoho reads {{claim}} as seconds: {{zohoDate}}, not {{intendedDate}}.',
    hints: [UNITS_RULE, 'Write nbf and iat in seconds (Math.floor(Date.now() / 1000)), or use not_before (milliseconds) instead.'],
  },
  'too-large': {
    status: 'fail',
    verdict: 'the time claims are not in milliseconds',
    text: 'Time claim(s) too large for milliseconds (microseconds or nanoseconds?): {{claims}}; Zoho would read {{claim}} as {{zohoDate}}.',
    hints: [UNITS_RULE, 'Divide by 1000 (from microseconds) or 1000000 (from nanoseconds).'],
  },
} satisfies Record<string, MessageSpec>

type MessageId = keyof typeof messages

export default defineCheck({
  id: 'time-units',
  title: "Time claims in Zoho's units (ms for not_before/not_after/exp, s for nbf/iat)",
  severity: 'error',
  scope: 'token',
  messages,
  run({ token }): Outcome<MessageId> {
    const payload = token?.payload
    const claims = readTimeClaims(payload)
    if (claims.length === 0) return { messageId: 'no-time-claims' }

    const inSeconds = claims.filter((c) => c.unit === 'ms' && guessUnit(c.value) === 's')
    if (inSeconds.length > 0) {
      const all = inSeconds.length === claims.filter((c) => c.unit === 'ms').length && inSeconds.length > 1
      const outcome = wrongUnit('seconds-in-ms-claim', inSeconds, (c) => c.value * 1000)
      const subject = all ? 'the time claims are' : `${inSeconds.map((c) => c.claim).join(' and ')} ${inSeconds.length > 1 ? 'are' : 'is'}`
      return {
        ...outcome,
        data: {
          ...outcome.data,
          subject: subject.charAt(0).toUpperCase() + subject.slice(1),
          subjectLower: subject,
          pronoun: inSeconds.length > 1 ? 'them' : 'it',
        },
      }
    }
    const inMs = claims.filter((c) => c.unit === 's' && guessUnit(c.value) !== 's')
    if (inMs.length > 0) return wrongUnit('ms-in-seconds-claim', inMs, (c) => c.value)
    const tooLarge = claims.filter((c) => c.unit === 'ms' && guessUnit(c.value) === 'µs')
    if (tooLarge.length > 0) return wrongUnit('too-large', tooLarge, (c) => c.value / 1000)
    return { messageId: 'ok', data: { claims: claims.map((c) => `${c.claim} in ${c.unit === 'ms' ? 'milliseconds' : 'seconds'}`) } }
  },
})

function wrongUnit(
  messageId: 'seconds-in-ms-claim' | 'ms-in-seconds-claim' | 'too-large',
  offenders: readonly ReadTimeClaim[],
  intendedMs: (claim: ReadTimeClaim) => number,
): Outcome<MessageId> {
  const first = offenders[0]
  if (first === undefined) throw new Error('wrongUnit needs at least one claim')
  return {
    messageId,
    data: {
      claims: offenders.map((c) => `${c.claim} = ${c.value}`),
      claim: first.claim,
      value: first.value,
      zohoDate: formatInstant(first.zohoMs),
      intendedDate: formatInstant(intendedMs(first)),
      zohoMs: first.zohoMs,
    },
  }
}
