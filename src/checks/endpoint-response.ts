import { defineCheck } from '../core/define-check.js'
import { formatDuration } from '../core/time.js'
import type { MessageSpec, Outcome } from '../core/types.js'

/** Beyond this, the server's clock is off enough to push not_before/not_after out of Zoho's view. */
const SKEW_LIMIT_MS = 30_000

const CALLBACK =
  'getJwtTokenCallback = (successCallback, failureCallback) => fetch(URL, { credentials: "include" }).then(r => r.json()).then(data => successCallback(data.token)).catch(failureCallback)'

const messages = {
  ok: { status: 'pass', text: 'HTTP {{status}}, {{shape}}; {{freshness}}; {{cache}}.' },
  'ok-json': {
    status: 'pass',
    text: 'HTTP {{status}}, JSON {"token": …} (the page must pass data.token to successCallback, as Zoho\'s sample does); {{freshness}}; {{cache}}.',
  },
  'not-probed': { status: 'skip', text: 'No token endpoint was called (use asap-doctor endpoint URL, or tokenEndpoint in the config).' },
  unreachable: {
    status: 'fail',
    verdict: 'the token endpoint could not be reached ({{error}})',
    text: 'No HTTP response from the token endpoint: {{error}}. getJwtTokenCallback would get no token, so the widget stays a guest.',
    hints: [
      'Check that the URL is the one the page fetches and that the service is up and reachable from here (VPN, firewall, DNS).',
      'In the page, call failureCallback when the fetch fails, so the widget does not wait for a token that never comes.',
    ],
  },
  'http-error': {
    status: 'fail',
    verdict: 'the token endpoint answered HTTP {{status}}',
    text: 'The token endpoint answered HTTP {{status}}: {{excerpt}}',
    hints: [
      '{{statusHint}}',
      'Call it the way the page does: pass the session with --cookie "name=value" or --header "Authorization: Bearer …" (or tokenEndpoint.headers with { "env": … } in the config).',
    ],
  },
  redirect: {
    status: 'fail',
    verdict: 'the token endpoint redirects ({{status}} → {{location}}) instead of answering',
    text: 'The token endpoint redirects (HTTP {{status}} → {{location}}); fetch() in the page would follow it and get HTML, not a token.',
    hints: [
      'A redirect to a login page means the request carried no session: pass --cookie/--header as the browser sends them.',
      'Make the endpoint answer 401 with JSON instead of redirecting, so the page can call failureCallback.',
    ],
  },
  'no-token': {
    status: 'fail',
    verdict: 'the token endpoint response carries no JWT',
    text: 'The response ({{contentType}}) carries no JWT: {{excerpt}}',
    hints: ['Return the token as the body (text/plain) or as {"token": "<jwt>"} (application/json).', CALLBACK],
  },
  'same-token': {
    status: 'fail',
    verdict: 'the token endpoint returns the same token on every call (cached)',
    text: 'Two calls returned the same token: the endpoint serves a cached token, which goes stale within 10 minutes.',
    hints: [
      'Mint a new token on every request (not_before = Date.now()); do not store it in the session or a cache.',
      'Send Cache-Control: no-store so no proxy or browser cache replays it.',
    ],
  },
  'clock-skew': {
    status: 'fail',
    verdict: "the token server's clock is {{skew}} {{direction}}",
    text: "The server's clock is {{skew}} {{direction}} (its Date header against this machine's clock); tokens it mints are {{effect}}.",
    hints: ['Sync the server clock with NTP (timedatectl set-ntp true; chrony).', "Check this machine's clock too: asap-doctor compares with it."],
  },
  'json-body': {
    status: 'warn',
    text: 'The body is JSON with the token in "{{field}}"{{also}}; the page must pass data.{{field}}, not the whole object, to successCallback.',
    hints: [CALLBACK],
  },
  'json-string': {
    status: 'warn',
    text: 'The body is a JSON string (the token in quotes){{also}}; response.text() would hand the quotes to the widget.',
    hints: ['Use response.json() in the page, or return the token as text/plain without quotes.', CALLBACK],
  },
  cacheable: {
    status: 'warn',
    text: 'The response may be cached ({{cache}}){{also}}; a cached token goes stale.',
    hints: ['Send Cache-Control: no-store on the token endpoint.'],
  },
} satisfies Record<string, MessageSpec>

type MessageId = keyof typeof messages

export default defineCheck({
  id: 'endpoint-response',
  title: 'The token endpoint answers a fresh, bare token the widget can use',
  severity: 'error',
  scope: 'endpoint',
  messages,
  run({ endpoint }): Outcome<MessageId> {
    const first = endpoint?.calls[0]
    if (endpoint === undefined || first === undefined) return { messageId: 'not-probed' }
    if (first.networkError !== undefined) return { messageId: 'unreachable', data: { error: first.networkError } }
    const excerpt = JSON.stringify(first.bodyExcerpt.slice(0, 120))
    if (first.status >= 300 && first.status < 400)
      return { messageId: 'redirect', data: { status: first.status, location: first.location ?? '(no Location header)' } }
    if (first.status < 200 || first.status >= 300)
      return { messageId: 'http-error', data: { status: first.status, excerpt, statusHint: statusHint(first.status) } }
    if (first.token === undefined) return { messageId: 'no-token', data: { contentType: first.contentType ?? 'no Content-Type', excerpt } }
    const second = endpoint.calls[1]
    if (second?.token !== undefined && second.token === first.token) return { messageId: 'same-token' }
    const skew = first.serverDate === undefined ? undefined : first.serverDate - first.receivedAt
    // Date has one-second resolution and the response takes time to arrive: allow for both.
    if (skew !== undefined && Math.abs(skew) > SKEW_LIMIT_MS) {
      return {
        messageId: 'clock-skew',
        data: {
          skew: formatDuration(skew),
          skewMs: skew,
          direction: skew > 0 ? 'ahead' : 'behind',
          effect: skew > 0 ? 'not valid yet when Zoho sees them' : 'already old, or expired, when Zoho sees them',
        },
      }
    }
    const cacheable = !/no-store/i.test(first.cacheControl ?? '')
    const warnings: string[] = []
    if (cacheable) warnings.push(`no Cache-Control: no-store (${first.cacheControl ?? 'no Cache-Control header'})`)
    const freshness = second === undefined ? 'called once' : 'two calls gave two different tokens'
    if (first.bodyShape === 'json-field' && first.field === 'token' && !cacheable) {
      return { messageId: 'ok-json', data: { status: first.status, freshness, cache: `Cache-Control: ${first.cacheControl ?? ''}` } }
    }
    if (first.bodyShape === 'json-field') {
      return { messageId: 'json-body', data: { field: first.field ?? 'token', also: warnings.length === 0 ? '' : `; also ${warnings.join('; ')}` } }
    }
    if (first.bodyShape === 'json-string') return { messageId: 'json-string', data: { also: warnings.length === 0 ? '' : `; also ${warnings.join('; ')}` } }
    if (cacheable) return { messageId: 'cacheable', data: { cache: first.cacheControl ?? 'no Cache-Control header', also: '' } }
    return {
      messageId: 'ok',
      data: {
        status: first.status,
        shape: 'a bare token',
        freshness,
        cache: `Cache-Control: ${first.cacheControl ?? ''}`,
      },
    }
  },
})

function statusHint(status: number): string {
  if (status === 401 || status === 403) return "The endpoint needs the signed-in user's session; without it there is no user to mint a token for."
  if (status === 404) return 'Check the URL: the page fetches another path, or the route is not deployed.'
  if (status === 405) return 'Check the method: the page may POST where this call used GET (--method, tokenEndpoint.method).'
  if (status >= 500) return 'The endpoint crashed: check its logs; a missing secret environment variable is a common cause.'
  return 'Check what the page sends to this endpoint (method, headers, cookies).'
}
