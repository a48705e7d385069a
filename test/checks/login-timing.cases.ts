import type { TimingFacts } from '../../src/core/types.js'
import { goodPayload, makeToken, NOW } from '../helpers/tokens.js'
import type { CheckCases } from './cases.js'

const base: TimingFacts = {
  attempted: true,
  attemptAt: NOW,
  widgetLoaded: true,
  widgetFinishedAt: NOW - 40,
  attemptsOnPage: 1,
  sameTokenAttempts: 0,
  pageErrors: [],
  loginOutsideReady: false,
  tokenEndpointSeen: true,
}
const timing = (facts: Partial<TimingFacts>) => ({ timing: { ...base, ...facts } })
const fresh = makeToken({ payload: goodPayload({ not_before: NOW - 20, not_after: NOW + 299_980 }) })
const noAttempt = { attempted: false, attemptAt: undefined, widgetFinishedAt: undefined, attemptsOnPage: 0, tokenEndpointSeen: false }

export default {
  valid: [
    { name: 'after the widget, once, freshly minted', input: fresh, context: timing({}), messageId: 'ok' },
    { name: 'no recording', input: fresh, messageId: 'not-recorded', status: 'skip' },
  ],
  invalid: [
    { name: 'the page reported ZohoDeskAsap is not defined (login-before-ready HAR)', context: timing({ ...noAttempt, pageErrors: ['Uncaught ReferenceError: ZohoDeskAsap is not defined'] }), messageId: 'before-widget-ready' },
    { name: "HTML calls invoke('login') outside ZohoDeskAsapReady", context: timing({ ...noAttempt, loginOutsideReady: true }), messageId: 'before-widget-ready' },
    { name: 'auth call started before the widget script finished', input: fresh, context: timing({ widgetFinishedAt: NOW + 500 }), messageId: 'before-widget-ready' },
    { name: 'widget loaded, login never invoked', context: timing({ ...noAttempt }), messageId: 'never-invoked' },
    { name: 'widget never loaded', context: timing({ ...noAttempt, widgetLoaded: false }), messageId: 'widget-not-loaded' },
    { name: 'the same token in three attempts', input: fresh, context: timing({ sameTokenAttempts: 2 }), messageId: 'token-reused', status: 'warn', data: { count: 3 } },
    { name: 'widget script answered 404', context: timing({ ...noAttempt, widgetLoaded: false, widgetStatus: 404 }), messageId: 'widget-failed', data: { status: 404 } },
    { name: 'ZohoDeskAsapReady is not defined: snippet missing', context: timing({ ...noAttempt, pageErrors: ['Uncaught ReferenceError: ZohoDeskAsapReady is not defined'] }), messageId: 'snippet-missing' },
    { name: 'minted 9 minutes before use', input: makeToken({ payload: goodPayload({ not_before: NOW - 540_000, not_after: NOW + 60_000 }) }), context: timing({}), messageId: 'minted-early', status: 'warn', data: { age: '9 min' } },
    { name: 'three logins on one page', input: fresh, context: timing({ attemptsOnPage: 3 }), messageId: 'several-logins', status: 'warn' },
  ],
} satisfies CheckCases
