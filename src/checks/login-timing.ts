import { defineCheck } from '../core/define-check.js'
import { formatDuration } from '../core/time.js'
import { readTimeClaims, validityWindow } from '../core/token/time-claims.js'
import type { MessageSpec, Outcome } from '../core/types.js'

const WRAP = "Wrap the call: window.ZohoDeskAsapReady(function () { ZohoDeskAsap.invoke('login', getJwtTokenCallback) })."
const MINT_FRESH = 'Mint a new token inside getJwtTokenCallback each time the widget calls it: fetch your token endpoint there, do not reuse a token kept since app login.'
/** A token minted this long before it reaches Zoho was not minted in getJwtTokenCallback. */
const MINTED_EARLY_MS = 120_000

const messages = {
  ok: { status: 'pass', text: 'Login ran after the widget loaded ({{after}} later), once on this page, with a freshly minted token.' },
  'not-recorded': { status: 'skip', text: 'No recorded session: login timing can only be read from a HAR.' },
  'before-widget-ready': {
    status: 'fail',
    verdict: "login was invoked before the widget script had loaded",
    text: 'The page invoked login before the widget was ready: {{evidence}}.',
    hints: [WRAP, 'The snippet loads the widget script with defer, so ZohoDeskAsap does not exist while inline scripts run.'],
  },
  'snippet-missing': {
    status: 'fail',
    verdict: 'the ASAP bootstrap snippet that defines ZohoDeskAsapReady is missing',
    text: 'The page reported "{{error}}": the bootstrap snippet that defines window.ZohoDeskAsapReady is not on the page, only the call to it.',
    hints: ['Paste the whole snippet from Zoho Desk (it creates the script tag and defines window.ZohoDeskAsapReady) before the code that calls ZohoDeskAsapReady.'],
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
    hints: ['Check that the page includes the ASAP snippet and that the recording started before the page loaded (keep DevTools open, then reload).'],
  },
  'widget-failed': {
    status: 'fail',
    verdict: 'the widget script answered HTTP {{status}}',
    text: 'The widget script request answered HTTP {{status}}; the widget never started.',
    hints: ['Check the app id and orgId in the snippet src; copy the snippet again from Zoho Desk.'],
  },
  'token-reused': {
    status: 'warn',
    text: 'The same token was sent in {{count}} login attempts in this session: it is cached, not minted per call (fine only while it is inside its window).',
    hints: [MINT_FRESH],
  },
  'minted-early': {
    status: 'warn',
    text: 'The token was minted {{age}} before Zoho saw it; a token minted in getJwtTokenCallback arrives within seconds.',
    hints: [MINT_FRESH],
  },
  'several-logins': {
    status: 'warn',
    text: 'Login was attempted {{count}} times in one page load.',
    hints: ['Invoke login once per page load (guard it with a flag); the widget asks getJwtTokenCallback again by itself when it needs a new token.'],
  },
} satisfies Record<string, MessageSpec>

type MessageId = keyof typeof messages

export default defineCheck({
  id: 'login-timing',
  title: 'Login invoked once, after the widget is ready, with a fresh token',
  severity: 'error',
  scope: 'session',
  messages,
  run({ timing, token, now }): Outcome<MessageId> {
    if (timing === undefined) return { messageId: 'not-recorded' }
    const snippetError = timing.pageErrors.find((message) => /ZohoDeskAsapReady is not (defined|a function)/i.test(message))
    const readinessError = timing.pageErrors.find((message) => /\bZohoDeskAsap is not defined|\bZohoDeskAsap is undefined|Cannot read propert\w* of undefined \(reading 'invoke'\)/i.test(message))
    if (snippetError !== undefined) return { messageId: 'snippet-missing', data: { error: snippetError } }
    if (!timing.attempted) {
      if (readinessError !== undefined || (timing.widgetLoaded && timing.loginOutsideReady)) {
        const evidence = readinessError !== undefined ? `the page reported "${readinessError}"` : "the page's HTML calls invoke('login') outside ZohoDeskAsapReady"
        return { messageId: 'before-widget-ready', data: { evidence } }
      }
      if (timing.widgetStatus !== undefined && !timing.widgetLoaded) return { messageId: 'widget-failed', data: { status: timing.widgetStatus } }
      if (!timing.widgetLoaded) return { messageId: 'widget-not-loaded' }
      return { messageId: 'never-invoked', data: { endpointNote: timing.tokenEndpointSeen ? ' (a token was fetched, but never sent to Zoho)' : ' and no token was fetched' } }
    }
    if (timing.widgetFinishedAt !== undefined && timing.attemptAt !== undefined && timing.attemptAt < timing.widgetFinishedAt) {
      return { messageId: 'before-widget-ready', data: { evidence: `the login call started ${formatDuration(timing.widgetFinishedAt - timing.attemptAt)} before the widget script finished loading` } }
    }
    if (timing.sameTokenAttempts > 0) return { messageId: 'token-reused', data: { count: timing.sameTokenAttempts + 1 } }
    const { start } = validityWindow(readTimeClaims(token?.payload))
    const usedAt = timing.attemptAt ?? now
    if (start !== undefined && usedAt - start.zohoMs > MINTED_EARLY_MS && start.zohoMs > 1e11) {
      return { messageId: 'minted-early', data: { age: formatDuration(usedAt - start.zohoMs) } }
    }
    if (timing.attemptsOnPage > 1) return { messageId: 'several-logins', data: { count: timing.attemptsOnPage } }
    const after = timing.widgetFinishedAt !== undefined && timing.attemptAt !== undefined ? formatDuration(timing.attemptAt - timing.widgetFinishedAt) : 'some time'
    return { messageId: 'ok', data: { after } }
  },
})
