import { defineCheck } from '../core/define-check.js'
import { formatDuration, formatInstant } from '../core/time.js'
import { readTimeClaims, SECONDS_CEILING, validityWindow } from '../core/token/time-claims.js'
import type { MessageSpec, Outcome } from '../core/types.js'

const CACHED =
  'If the token was minted at app login and cached (localStorage, a session, a page variable), it goes stale: mint a fresh token in getJwtTokenCallback every time the widget calls it.'

const messages = {
  ok: { status: 'pass', text: 'Valid at {{at}}: {{position}}.' },
  'no-time-claims': { status: 'skip', text: 'The token has no numeric time claim (see required-claims).' },
  'not-yet-valid': {
    status: 'fail',
    verdict: 'it is not valid yet ({{startClaim}} is {{by}} ahead)',
    text: 'Not yet valid at {{at}}: {{startClaim}} is {{by}} later ({{startsAt}}).',
    hints: [
      "The signing server's clock is probably ahead: sync it with NTP (timedatectl set-ntp true) and compare it with a UTC clock.",
      'Do not set not_before in the future; use the current time, Date.now().',
    ],
  },
  expired: {
    status: 'fail',
    verdict: 'it expired {{ago}} before it was used',
    text: 'Expired at {{at}}: {{endClaim}} passed {{ago}} earlier ({{endedAt}}).{{mintedNote}}',
    hints: [CACHED, "If the token is fresh, the signing server's clock is behind: sync it with NTP."],
  },
  'not-yet-valid-wrong-unit': {
    status: 'fail',
    verdict: '{{startClaim}} is in milliseconds, so it reads as the far future',
    text: 'Not valid yet as Zoho reads it: {{startClaim}} = {{value}} is in milliseconds, but Zoho reads it as seconds, i.e. {{startsAt}} (see time-units).',
    hints: ['Write nbf and iat in seconds (Math.floor(Date.now() / 1000)), or use not_before in milliseconds instead.'],
  },
  'expired-wrong-unit': {
    status: 'fail',
    verdict: 'its time claims read as 1970',
    text: 'Expired as Zoho reads it: {{endClaim}} = {{value}} is {{endedAt}} in milliseconds, so Zoho sees a token that expired decades ago (see time-units).',
    hints: ['Write not_before/not_after/exp in milliseconds (Date.now()), as time-units explains.'],
  },
} satisfies Record<string, MessageSpec>

type MessageId = keyof typeof messages

export default defineCheck({
  id: 'time-validity',
  title: 'Token valid at the evaluation instant',
  severity: 'error',
  scope: 'token',
  messages,
  run({ token, now, leewayMs }): Outcome<MessageId> {
    const claims = readTimeClaims(token?.payload)
    if (claims.length === 0) return { messageId: 'no-time-claims' }
    const { start, end } = validityWindow(claims)
    const at = formatInstant(now)
    if (end !== undefined && now - leewayMs > end.zohoMs) {
      if (end.unit === 'ms' && end.value < SECONDS_CEILING) {
        return { messageId: 'expired-wrong-unit', data: { at, endClaim: end.claim, value: end.value, endedAt: formatInstant(end.zohoMs) } }
      }
      const mintedNote =
        start !== undefined && now - start.zohoMs > 2 * (end.zohoMs - start.zohoMs) && now - start.zohoMs > 15 * 60_000
          ? ` It was minted ${formatDuration(now - start.zohoMs)} before use, which points to a cached token.`
          : ''
      return {
        messageId: 'expired',
        data: { at, endClaim: end.claim, ago: formatDuration(now - end.zohoMs), agoMs: now - end.zohoMs, endedAt: formatInstant(end.zohoMs), mintedNote },
      }
    }
    if (start !== undefined && start.zohoMs > now + leewayMs) {
      if (start.unit === 's' && start.value >= SECONDS_CEILING) {
        return { messageId: 'not-yet-valid-wrong-unit', data: { at, startClaim: start.claim, value: start.value, startsAt: formatInstant(start.zohoMs) } }
      }
      return {
        messageId: 'not-yet-valid',
        data: { at, startClaim: start.claim, by: formatDuration(start.zohoMs - now), byMs: start.zohoMs - now, startsAt: formatInstant(start.zohoMs) },
      }
    }
    const position = [
      start === undefined ? 'no start claim' : `${start.claim} ${formatDuration(now - start.zohoMs)} before`,
      end === undefined ? 'no end claim' : `${end.claim} ${formatDuration(end.zohoMs - now)} after`,
    ]
    return { messageId: 'ok', data: { at, position: position.join(', ') } }
  },
})
