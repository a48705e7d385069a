import type { PageRuntimeFacts, TimingFacts } from '../../src/core/types.js'
import { goodPayload, makeToken, NOW } from '../helpers/tokens.js'
import type { CheckCases } from './cases.js'

const base: TimingFacts = {
  attempted: true,
  attemptAt: NOW,
  outcome: 'general_error',
  widgetLoaded: true,
  attemptsOnPage: 1,
  sameTokenAttempts: 0,
  pageErrors: [],
  loginOutsideReady: false,
  tokenEndpointSeen: true,
}
const timing = (facts: Partial<TimingFacts>) => ({ timing: { ...base, ...facts } })
const fresh = makeToken({ payload: goodPayload({ not_before: NOW - 20, not_after: NOW + 299_980 }) })
const twentyMinutesOld = makeToken({ payload: goodPayload({ not_before: NOW - 1_200_000, not_after: NOW - 900_000 }) })
const inSeconds = makeToken({ payload: goodPayload({ not_before: Math.floor(NOW / 1000) - 30, not_after: Math.floor(NOW / 1000) + 270 }) })
const noAttempt = { attempted: false, attemptAt: undefined, outcome: undefined, attemptsOnPage: 0, tokenEndpointSeen: false }
const runtime = (facts: Partial<PageRuntimeFacts>): PageRuntimeFacts => ({
  invokes: [],
  callbackValues: [],
  pageErrors: [],
  consoleErrors: [],
  cspViolations: [],
  blockedCookies: [],
  ...facts,
})

export default {
  valid: [
    { name: 'fetched on the page, minted moments before', input: fresh, context: timing({}), messageId: 'ok' },
    { name: 'no recording', input: fresh, messageId: 'not-recorded', status: 'skip' },
    // Defect 2 of issue 7: an attempt proves the widget ran; the HTML hint and durations are not evidence then.
    {
      name: "HTML calls invoke('login') outside ZohoDeskAsapReady, but an attempt followed",
      input: fresh,
      context: timing({ loginOutsideReady: true }),
      messageId: 'ok',
    },
    {
      name: 'a page error about the widget, but an attempt followed',
      input: fresh,
      context: timing({ pageErrors: ['Uncaught ReferenceError: ZohoDeskAsap is not defined'] }),
      messageId: 'ok',
    },
    { name: "a token in seconds is time-units' finding, not a cached token", input: inSeconds, context: timing({ tokenEndpointSeen: false }), messageId: 'ok' },
    {
      name: 'accepted twice with the same token is no replay',
      input: fresh,
      context: timing({ outcome: 'accepted', acceptedBefore: { entryIndex: 3, at: NOW - 60_000 }, sameTokenAttempts: 1 }),
      messageId: 'token-reused',
      status: 'warn',
    },
    { name: 'two attempts on the page, each with its own fresh token', input: fresh, context: timing({ attemptsOnPage: 2 }), messageId: 'ok' },
  ],
  invalid: [
    {
      name: 'the page reported ZohoDeskAsap is not defined and nothing followed',
      context: timing({ ...noAttempt, pageErrors: ['Uncaught ReferenceError: ZohoDeskAsap is not defined'] }),
      messageId: 'before-widget-ready',
    },
    {
      name: "HTML calls invoke('login') outside ZohoDeskAsapReady and nothing followed",
      context: timing({ ...noAttempt, loginOutsideReady: true }),
      messageId: 'before-widget-ready',
    },
    {
      name: 'the browser saw invoke(login) before ready and nothing followed',
      context: { ...timing({ ...noAttempt }), runtime: runtime({ invokes: [{ at: NOW - 5, name: 'login', beforeReady: true }] }) },
      messageId: 'before-widget-ready',
    },
    { name: 'widget loaded, login never invoked', context: timing({ ...noAttempt }), messageId: 'never-invoked' },
    { name: 'widget never loaded', context: timing({ ...noAttempt, widgetLoaded: false }), messageId: 'widget-not-loaded' },
    {
      name: 'the CSP blocked the widget script',
      context: timing({ ...noAttempt, widgetLoaded: false, widgetStatus: -1, widgetFailure: { host: 'desk.zoho.com', failure: 'csp' } }),
      messageId: 'widget-blocked',
      data: { host: 'desk.zoho.com', reason: 'Content-Security-Policy' },
    },
    {
      name: 'widget script answered 404',
      context: timing({ ...noAttempt, widgetLoaded: false, widgetStatus: 404 }),
      messageId: 'widget-failed',
      data: { status: 404 },
    },
    {
      name: 'ZohoDeskAsapReady is not defined: snippet missing',
      context: timing({ ...noAttempt, pageErrors: ['Uncaught ReferenceError: ZohoDeskAsapReady is not defined'] }),
      messageId: 'snippet-missing',
    },
    {
      name: 'accepted earlier with the identical token, refused now: replay',
      input: fresh,
      context: timing({ acceptedBefore: { entryIndex: 7, at: NOW - 90_000 }, sameTokenAttempts: 1 }),
      messageId: 'replayed',
      data: { firstEntry: 7, ago: '1 min 30 s' },
    },
    {
      name: 'minted 20 min before use and not fetched on the page: cached',
      input: twentyMinutesOld,
      context: timing({ tokenEndpointSeen: false }),
      messageId: 'cached-token',
      data: { age: '20 min', seenNote: '' },
    },
    {
      name: 'cached token first seen in the app login response on an earlier page',
      input: twentyMinutesOld,
      context: timing({ tokenEndpointSeen: false, tokenSeenEarlier: { entryIndex: 2, url: 'https://app.example.com/api/login' } }),
      messageId: 'cached-token',
      data: { seenNote: ' (first seen in the response of https://app.example.com/api/login, entry #2, on an earlier page)' },
    },
    {
      name: 'fetched on the page but minted 9 minutes before use',
      input: makeToken({ payload: goodPayload({ not_before: NOW - 540_000, not_after: NOW + 60_000 }) }),
      context: timing({}),
      messageId: 'minted-early',
      status: 'warn',
      data: { age: '9 min' },
    },
    {
      name: 'the same token in three attempts',
      input: fresh,
      context: timing({ sameTokenAttempts: 2, outcome: 'accepted' }),
      messageId: 'token-reused',
      status: 'warn',
      data: { count: 3 },
    },
    {
      name: 'the browser saw the page invoke login three times',
      input: fresh,
      context: {
        ...timing({ outcome: 'accepted' }),
        runtime: runtime({ invokes: [1, 2, 3].map((n) => ({ at: NOW + n, name: 'login', beforeReady: false })) }),
      },
      messageId: 'several-logins',
      status: 'warn',
      data: { count: 3 },
    },
  ],
} satisfies CheckCases
