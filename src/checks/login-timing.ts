import { defineCheck } from '../core/define-check.js'
import { formatDuration, formatInstant } from '../core/time.js'
import { readTimeClaims, SECONDS_CEILING, validityWindow } from '../core/token/time-claims.js'
import type { MessageSpec, Outcome } from '../core/types.js'

const WRAP = "Wrap the call: window.ZohoDeskAsapReady(function () { ZohoDeskAsap.invoke('login', getJwtTokenCallback) })."
const MINT_FRESH =
  'Mint a new token inside getJwtTokenCallback each time the widget calls it: fetch your token endpoint there (with Cache-Control: no-store), do not reuse a token kept since app login (localStorage, a cookie, a page variable).'
/** A token minted this long before it reaches Zoho was not minted in getJwtTokenCallback. */
const MINTED_EARLY_MS = 120_000

const messages = {
  ok: { status: 'pass', text: 'Login reached Zoho with a token {{freshness}}.' },
  'not-recorded': { status: 'skip', text: 'No recorded session: login timing can only be read from a HAR or a browser recording.' },
  'before-widget-ready': {
    status: 'fail',
    verdict: 'login was invoked before the widget was ready',
    text: 'The page invoked login before the widget was ready, and no login attempt followed: {{evidence}}.',
    hints: [WRAP, 'The snippet loads the widget script with defer, so ZohoDeskAsap does not exist while inline scripts run.'],
  },
  'snippet-missing': {
    status: 'fail',
    verdict: 'the ASAP bootstrap snippet that defines ZohoDeskAsapReady is missing',
    text: 'The page reported "{{error}}": the bootstrap snippet that defines window.ZohoDeskAsapReady is not on the page, only the call to it.',
    hints: [
      'Paste the whole snippet from Zoho Desk (it creates the script tag and defines window.ZohoDeskAsapReady) before the code that calls ZohoDeskAsapReady.',
    ],
  },
  'never-invoked': {
    status: 'fail',
    verdict: 'the widget loaded but login was never invoked',
    text: 'The widget script loaded, but no login was attempted{{endpointNote}}.',
    hints: [
      WRAP,
      'If the page does call invoke(\'login\'), check that JWT is chosen under "Secure your help widget" in the ASAP settings; with Anonymous the widget stays a guest by design.',
    ],
  },
  'widget-not-loaded': {
    status: 'fail',
    verdict: 'the ASAP widget script was never loaded',
    text: 'The ASAP widget script (/portal/api/web/asapApp/… or /inapp/…) was never requested in this recording.',
    hints: [
      'Check that the page includes the ASAP snippet, that a Content-Security-Policy allows the widget host (a blocked script never appears in a HAR), and that the recording started before the page loaded (keep DevTools open, then reload).',
    ],
  },
  'widget-blocked': {
    status: 'fail',
    verdict: 'the browser blocked the widget script from {{host}} ({{reason}})',
    text: 'The browser never fetched the widget script from {{host}}: it was blocked ({{failure}}){{cspNote}}.',
    hints: [
      "Allow the widget in the page's Content-Security-Policy: add https://{{host}} to script-src (and pass the page's nonce to the snippet's s.nonce), plus the Zoho hosts the widget talks to in connect-src (e.g. https://accounts.zohoportal.com).",
      'If the reason is a client block (ERR_BLOCKED_BY_CLIENT), an ad or privacy blocker stopped it: test without extensions.',
    ],
  },
  'widget-failed': {
    status: 'fail',
    verdict: 'the widget script answered HTTP {{status}}',
    text: 'The widget script request answered HTTP {{status}}; the widget never started.',
    hints: ['Check the app id and orgId in the snippet src; copy the snippet again from Zoho Desk.'],
  },
  replayed: {
    status: 'fail',
    verdict: 'the token was sent again after Zoho had already accepted it (entry #{{firstEntry}}, {{ago}} earlier): a replayed token',
    text: 'Zoho accepted this very token {{ago}} earlier (entry #{{firstEntry}}, {{firstAt}}) and refused it when it was sent again: the page replays a token instead of minting one per login.',
    hints: [MINT_FRESH],
  },
  'cached-token': {
    status: 'fail',
    verdict: 'the page sent a cached token, minted {{age}} before use{{seenNote}}',
    text: 'The token was minted {{age}} before it reached Zoho, and no request on this page fetched it{{seenNote}}: getJwtTokenCallback hands over a token kept since earlier (e.g. in localStorage since app sign-in).',
    hints: [MINT_FRESH],
  },
  'token-reused': {
    status: 'warn',
    text: 'The same token was sent in {{count}} login attempts in this session: it is cached, not minted per call (fine only while it is inside its window).',
    hints: [MINT_FRESH],
  },
  'minted-early': {
    status: 'warn',
    text: 'The page fetched this token, but it was minted {{age}} before Zoho saw it: the token endpoint caches tokens, or its clock is behind.',
    hints: [MINT_FRESH, "Compare the signing server's clock with UTC (timedatectl); send Cache-Control: no-store from the endpoint."],
  },
  'several-logins': {
    status: 'warn',
    text: 'The page invoked login {{count}} times in one page load.',
    hints: ['Invoke login once per page load (guard it with a flag); the widget asks getJwtTokenCallback again by itself when it needs a new token.'],
  },
} satisfies Record<string, MessageSpec>

type MessageId = keyof typeof messages

const READINESS_ERROR =
  /\bZohoDeskAsap is not defined|\bZohoDeskAsap is undefined|Cannot read propert\w* of undefined \(reading 'invoke'\)|ZohoDeskAsap\.invoke is not a function/i
const SNIPPET_ERROR = /ZohoDeskAsapReady is not (defined|a function)/i

/**
 * Facts only: a `remote/auth` request is made by the widget's own code, so an attempt proves the
 * widget was running. HAR durations are not a causal order (recorders count TLS twice, clocks
 * differ per entry), so they are never evidence here.
 */
export default defineCheck({
  id: 'login-timing',
  title: 'Login invoked once, after the widget is ready, with a fresh token',
  severity: 'error',
  scope: 'session',
  messages,
  run({ timing, token, now, runtime }): Outcome<MessageId> {
    if (timing === undefined) return { messageId: 'not-recorded' }
    const pageErrors = [...timing.pageErrors, ...(runtime?.pageErrors.map((error) => error.message) ?? [])]
    const snippetError = pageErrors.find((message) => SNIPPET_ERROR.test(message))
    if (!timing.attempted) {
      if (snippetError !== undefined) return { messageId: 'snippet-missing', data: { error: snippetError } }
      const readinessError = pageErrors.find((message) => READINESS_ERROR.test(message))
      const earlyInvoke = runtime?.invokes.find((invoke) => invoke.name === 'login' && invoke.beforeReady)
      if (readinessError !== undefined || earlyInvoke !== undefined || (timing.widgetLoaded && timing.loginOutsideReady)) {
        const evidence =
          readinessError !== undefined
            ? `the page reported "${readinessError}"`
            : earlyInvoke !== undefined
              ? `the browser saw invoke('login') called at ${formatInstant(earlyInvoke.at)}, before the widget was ready`
              : "the page's HTML calls invoke('login') outside ZohoDeskAsapReady"
        return { messageId: 'before-widget-ready', data: { evidence } }
      }
      const blocked = timing.widgetFailure
      if (blocked !== undefined && !timing.widgetLoaded) {
        const csp = /csp|content.security/i.test(blocked.failure)
        return {
          messageId: 'widget-blocked',
          data: {
            host: blocked.host,
            failure: blocked.failure,
            reason: csp ? 'Content-Security-Policy' : blocked.failure,
            cspNote: csp ? ": the page's Content-Security-Policy does not allow it" : '',
          },
        }
      }
      if (timing.widgetStatus !== undefined && timing.widgetStatus > 0 && !timing.widgetLoaded)
        return { messageId: 'widget-failed', data: { status: timing.widgetStatus } }
      if (!timing.widgetLoaded) return { messageId: 'widget-not-loaded' }
      return {
        messageId: 'never-invoked',
        data: { endpointNote: timing.tokenEndpointSeen ? ' (a token was fetched, but never sent to Zoho)' : ' and no token was fetched' },
      }
    }

    const usedAt = timing.attemptAt ?? now
    if (timing.acceptedBefore !== undefined && timing.outcome !== undefined && timing.outcome !== 'accepted') {
      const { entryIndex, at } = timing.acceptedBefore
      return { messageId: 'replayed', data: { firstEntry: entryIndex, firstAt: formatInstant(at), ago: formatDuration(usedAt - at) } }
    }
    const { start } = validityWindow(readTimeClaims(token?.payload))
    // A start claim in seconds is time-units' finding; read as ms it would look 56 years old.
    const startMs = start !== undefined && start.zohoMs >= SECONDS_CEILING ? start.zohoMs : undefined
    const age = startMs === undefined ? undefined : usedAt - startMs
    if (age !== undefined && age > MINTED_EARLY_MS) {
      if (!timing.tokenEndpointSeen) {
        const seen = timing.tokenSeenEarlier
        const seenNote = seen === undefined ? '' : ` (first seen in the response of ${seen.url}, entry #${seen.entryIndex}, on an earlier page)`
        return { messageId: 'cached-token', data: { age: formatDuration(age), ageMs: age, seenNote } }
      }
      return { messageId: 'minted-early', data: { age: formatDuration(age), ageMs: age } }
    }
    if (timing.sameTokenAttempts > 0) return { messageId: 'token-reused', data: { count: timing.sameTokenAttempts + 1 } }
    // A HAR cannot tell the page's second invoke from the widget asking for a new token; a browser can.
    const logins = runtime?.invokes.filter((invoke) => invoke.name === 'login').length ?? 0
    if (logins > 1) return { messageId: 'several-logins', data: { count: logins } }
    const freshness = [
      timing.tokenEndpointSeen ? 'fetched on this page' : 'not fetched by a recorded request',
      ...(age === undefined ? [] : [`minted ${formatDuration(Math.max(age, 0))} before use`]),
    ].join(', ')
    return { messageId: 'ok', data: { freshness } }
  },
})
