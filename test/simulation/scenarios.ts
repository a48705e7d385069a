import { ASAP_SECRET } from './facts.js'
import type { Encoding } from './jwt.js'
import type { SimulationOptions } from './simulation.js'

/**
 * The scenario corpus as data: what a customer's backend mints and what its page's
 * getJwtTokenCallback does, written the way real integrations write them (not derived from the
 * checks), plus what a correct diagnosis of the recording says. Ids are stable: fixtures,
 * `asap-doctor record` tests and the eval refer to them.
 */

export interface MintContext {
  /** The backend's clock when it signs, ms since the epoch. */
  now: number
  email: string
  name: string
}

export interface MintedToken {
  header?: Record<string, unknown>
  payload: Record<string, unknown>
  /** What the backend hands out instead of a signed token (a signing step that failed quietly). */
  raw?: string
  /** The HMAC key the backend uses (default: the ASAP secret as a UTF-8 string). */
  key?: string | Buffer
  encoding?: Encoding
}

export interface Expectation {
  description: string
  /** Pass `--users fixtures/scenarios/end-users.txt` (the org's end-user list). */
  users: boolean
  /** remote/auth calls in the recording. */
  attempts: number
  /** `diagnosis.outcome` of each subject, in order. */
  outcomes: string[]
  /** Check ids a correct diagnosis reports as failed (union over the attempts). */
  fail: string[]
  /** Acceptable extra failures (an effect of the cause, e.g. time-validity next to time-units). */
  mayFail: string[]
  /** The check id the final verdict must blame (null: nothing to blame). */
  rootCause: string | null
  /** Another check that states the very same fact and may be blamed instead. */
  rootCauseAlternatives?: string[]
  /** Per subject, when attempts differ (the replay: the first is fine, the second is the replay). */
  rootCauseByAttempt?: Array<string | null>
  /** With no proven cause: the suspect that must rank first. */
  topSuspect?: string
  /** Words the verdict (or the root cause's message and hints) must contain, case-insensitive. */
  verdictIncludes: string[]
  /** Words a check's own message must contain (check id → words), case-insensitive. */
  messageIncludes?: Record<string, string[]>
}

export interface Scenario {
  id: string
  /** Page host the user opens (default app.example.com). */
  host?: string
  /** The app user who signs in (and whose email the backend puts in the token). */
  user: string
  userName: string
  backend: {
    mint: (ctx: MintContext) => MintedToken
    /** The token is minted this long before the backend's clock (a sign-in earlier on). */
    mintedAgoMs?: number
    /** The address the app's user database holds (default: what the user typed at sign-in). */
    storedEmail?: string
    /** Where the backend hands the token out: its token endpoint (default) or the sign-in response. */
    deliver?: 'token-endpoint' | 'login-response'
  }
  page: {
    /** The page's getJwtTokenCallback (its own inline JavaScript). */
    callback: string
    /** How the page invokes login. */
    invoke: string
    /** Content-Security-Policy header of the dashboard. */
    csp?: string
    widgetHost?: string
    /** The app id in the snippet (default: the org's ASAP app). */
    appId?: string
  }
  /** After the dashboard's login, the user opens the Projects page (#nav-projects): a second page load. */
  nextPage?: boolean
  /** A returning visitor: signed in earlier in another visit, the recording starts at the dashboard. */
  returningVisit?: boolean
  /** Simulation options the recording needs (network latency). */
  simulation?: SimulationOptions
  expected: Expectation
}

const MINUTE = 60_000
const nowS = (ms: number) => Math.floor(ms / 1000)

/** The claims an integration that follows Zoho's ASAP page signs: a 5-minute window in ms. */
export function standardClaims({ now, email, name }: MintContext): Record<string, unknown> {
  return { email, email_verified: true, not_before: now, not_after: now + 5 * MINUTE, ...names(name) }
}

/** first_name/last_name in snake case, as integrations in the wild send them next to the ASAP claims. */
function names(name: string): Record<string, string> {
  const [first = name, ...rest] = name.split(' ')
  return { first_name: first, last_name: rest.join(' ') }
}

const standard = (ctx: MintContext): MintedToken => ({ payload: standardClaims(ctx) })

/** A getJwtTokenCallback that fetches a token from the backend and passes `expr` to successCallback. */
export function fetchingCallback(expr: string): string {
  return `function getJwtTokenCallback(successCallback, failureCallback) {
  fetch('/api/get-jwt-token', { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
    .then(function (res) {
      if (!res.ok) throw new Error('token endpoint answered HTTP ' + res.status);
      return res.json();
    })
    .then(function (data) { successCallback(${expr}); })
    .catch(function (err) { failureCallback(err); });
}`
}

const STANDARD_CALLBACK = fetchingCallback('data.token')

export const INVOKE_WHEN_READY = `window.ZohoDeskAsapReady(function () {
  ZohoDeskAsap.invoke('login', getJwtTokenCallback);
});`

/** The app signs the widget in again when it refreshes its own session (shortened for the recording). */
const INVOKE_TWICE = `${INVOKE_WHEN_READY}
// Our session refresh runs every few minutes; after it, sign the help widget in again.
setTimeout(function () {
  window.ZohoDeskAsapReady(function () { ZohoDeskAsap.invoke('login', getJwtTokenCallback); });
}, 1500);`

const MEMOIZED_CALLBACK = `var asapToken = null; // fetched once per page load, then reused
function getJwtTokenCallback(successCallback, failureCallback) {
  if (asapToken) { successCallback(asapToken); return; }
  fetch('/api/get-jwt-token', { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
    .then(function (res) { return res.json(); })
    .then(function (data) { asapToken = data.token; successCallback(asapToken); })
    .catch(function (err) { failureCallback(err); });
}`

const LOCAL_STORAGE_CALLBACK = `function getJwtTokenCallback(successCallback, failureCallback) {
  // Minted at sign-in and kept in localStorage: no extra request for the widget.
  var token = localStorage.getItem('asapToken');
  if (token) { successCallback(token); return; }
  fetch('/api/get-jwt-token', { credentials: 'same-origin' })
    .then(function (res) { return res.json(); })
    .then(function (data) { localStorage.setItem('asapToken', data.token); successCallback(data.token); })
    .catch(function (err) { failureCallback(err); });
}`

const SESSION_STORAGE_CALLBACK = `function getJwtTokenCallback(successCallback, failureCallback) {
  // Fetched once per tab and kept in sessionStorage, so moving between pages needs no extra request.
  var cached = sessionStorage.getItem('asapToken');
  if (cached) { successCallback(cached); return; }
  fetch('/api/get-jwt-token', { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
    .then(function (res) { return res.json(); })
    .then(function (data) { sessionStorage.setItem('asapToken', data.token); successCallback(data.token); })
    .catch(function (err) { failureCallback(err); });
}`

const JANE = { user: 'jane.doe@example.com', userName: 'Jane Doe' }
/** The Desk TLS handshake is slow (a distant edge): Playwright counts it twice in the entry's `time`. */
const SLOW_DESK: SimulationOptions = { tlsHandshakeDelayMs: { 'desk.zoho.com': 300, 'accounts.zohoportal.com': 150 } }

const page = (callback = STANDARD_CALLBACK, invoke = INVOKE_WHEN_READY) => ({ callback, invoke })
const pass = (description: string, extra: Partial<Expectation> = {}): Expectation => ({
  description,
  users: true,
  attempts: 1,
  outcomes: ['accepted'],
  fail: [],
  mayFail: [],
  rootCause: null,
  verdictIncludes: [],
  ...extra,
})
const rejected = (description: string, rootCause: string, extra: Partial<Expectation> = {}): Expectation => ({
  description,
  users: true,
  attempts: 1,
  outcomes: ['general_error'],
  fail: [rootCause],
  mayFail: [],
  rootCause,
  verdictIncludes: [],
  ...extra,
})

export const SCENARIOS: readonly Scenario[] = [
  {
    id: 'ok',
    ...JANE,
    backend: { mint: standard },
    page: page(),
    expected: pass('The working integration: a fresh token in ms with a 5-minute window, passed as it is. Accepted; nothing to fix.'),
  },
  {
    id: 'seconds',
    ...JANE,
    backend: { mint: (ctx) => ({ payload: { ...standardClaims(ctx), not_before: nowS(ctx.now), not_after: nowS(ctx.now) + 300 } }) },
    page: page(),
    expected: rejected(
      'The backend writes not_before/not_after with Math.floor(Date.now()/1000): seconds, which Zoho reads as ms in January 1970.',
      'time-units',
      {
        mayFail: ['time-validity'],
      },
    ),
  },
  {
    id: 'bearer-prefix',
    ...JANE,
    backend: { mint: standard },
    page: page(fetchingCallback("'Bearer ' + data.token")),
    expected: rejected('The page calls successCallback("Bearer " + data.token): jwt_token=Bearer%20eyJ… is not a bare JWT.', 'token-format', {
      verdictIncludes: ['Bearer', 'successCallback(data.token)'],
    }),
  },
  {
    id: 'data-object',
    ...JANE,
    backend: { mint: standard },
    page: page(fetchingCallback('data')),
    expected: rejected('The page passes the whole response object: the widget String()s it, jwt_token=%5Bobject%20Object%5D.', 'token-format', {
      verdictIncludes: ['[object Object]', 'successCallback(data.token)'],
    }),
  },
  {
    id: 'json-stringified',
    ...JANE,
    backend: { mint: standard },
    page: page(fetchingCallback('JSON.stringify(data.token)')),
    expected: rejected('The page passes JSON.stringify(data.token): the token arrives wrapped in double quotes.', 'token-format', {
      verdictIncludes: ['successCallback(data.token)'],
    }),
  },
  {
    id: 'wrong-field',
    ...JANE,
    backend: { mint: standard },
    page: page(fetchingCallback('data.jwt')),
    expected: rejected('The page reads data.jwt, but the endpoint answers {"token": …}: the widget sends jwt_token=undefined.', 'token-format', {
      verdictIncludes: ['undefined'],
    }),
  },
  {
    id: 'json-text',
    ...JANE,
    backend: { mint: standard },
    page: page(fetchingCallback('JSON.stringify(data)')),
    expected: rejected('The page passes JSON.stringify(data): jwt_token={"token":"eyJ…"}, JSON text around the token.', 'token-format', {
      verdictIncludes: ['successCallback(data.token)'],
    }),
  },
  {
    id: 'text-with-newline',
    ...JANE,
    backend: { mint: standard },
    page: page(`function getJwtTokenCallback(successCallback, failureCallback) {
  // Our token endpoint can answer plain text; pass it straight on.
  fetch('/api/get-jwt-token?format=text', { credentials: 'same-origin' })
    .then(function (res) { return res.text(); })
    .then(successCallback)
    .catch(failureCallback);
}`),
    expected: rejected('The endpoint answers the token as text with a trailing newline and the page passes res.text() on: jwt_token=eyJ…%0A.', 'token-format', {
      verdictIncludes: ['whitespace'],
    }),
  },
  {
    id: 'empty-token',
    ...JANE,
    backend: { mint: (ctx) => ({ payload: standardClaims(ctx), raw: '' }) },
    page: page(),
    expected: rejected(
      'The backend\'s signing step fails quietly and the endpoint answers {"token": ""}: the widget still calls remote/auth, with jwt_token= empty.',
      'token-format',
      {
        mayFail: ['endpoint-response'],
        rootCauseAlternatives: ['endpoint-response'],
        verdictIncludes: ['empty'],
      },
    ),
  },
  {
    id: 'login-outside-ready',
    ...JANE,
    backend: { mint: standard },
    page: page(STANDARD_CALLBACK, "ZohoDeskAsap.invoke('login', getJwtTokenCallback);"),
    expected: {
      description:
        'invoke("login") runs inline, not inside ZohoDeskAsapReady: the deferred widget is not there yet, the page reports "Uncaught ReferenceError: ZohoDeskAsap is not defined", no attempt follows.',
      users: true,
      attempts: 0,
      outcomes: ['never-attempted'],
      fail: ['login-timing'],
      mayFail: ['page-runtime'],
      rootCause: 'login-timing',
      verdictIncludes: ['ZohoDeskAsapReady'],
    },
  },
  {
    id: 'cached-localstorage',
    ...JANE,
    returningVisit: true,
    backend: { mint: standard, mintedAgoMs: 20 * MINUTE, deliver: 'login-response' },
    page: page(LOCAL_STORAGE_CALLBACK),
    expected: rejected(
      'The app minted the ASAP token at sign-in 20 minutes earlier and keeps it in localStorage; the callback hands it over without a request, so it has expired. The caching is the cause, the expiry its effect.',
      'login-timing',
      { fail: ['login-timing', 'time-validity'], verdictIncludes: ['cache'] },
    ),
  },
  {
    id: 'replay',
    ...JANE,
    backend: { mint: standard },
    page: page(MEMOIZED_CALLBACK, INVOKE_TWICE),
    expected: {
      description:
        'The callback fetches one token per page and reuses it; the app signs the widget in again 1.5 s later with the same token. The first attempt is accepted, the replay refused.',
      users: true,
      attempts: 2,
      outcomes: ['accepted', 'general_error'],
      fail: ['login-timing'],
      mayFail: [],
      rootCause: 'login-timing',
      rootCauseByAttempt: [null, 'login-timing'],
      verdictIncludes: [],
    },
  },
  {
    id: 'replay-next-page',
    ...JANE,
    nextPage: true,
    backend: { mint: standard },
    page: page(SESSION_STORAGE_CALLBACK),
    expected: {
      description:
        'The callback keeps the token in sessionStorage; on the next page (Projects) it hands the same token over again. The dashboard login is accepted, the one on the next page refused as a replay.',
      users: true,
      attempts: 2,
      outcomes: ['accepted', 'general_error'],
      fail: ['login-timing'],
      mayFail: [],
      rootCause: 'login-timing',
      rootCauseByAttempt: [null, 'login-timing'],
      verdictIncludes: [],
    },
  },
  {
    id: 'two-fresh-tokens',
    ...JANE,
    backend: { mint: standard },
    page: page(STANDARD_CALLBACK, INVOKE_TWICE),
    // Slow Desk handshake too: entry times overlap, and still nothing may be blamed.
    simulation: SLOW_DESK,
    expected: pass('Two logins on one page, each with a freshly fetched token: both accepted, no alarm.', {
      attempts: 2,
      outcomes: ['accepted', 'accepted'],
      rootCauseByAttempt: [null, null],
    }),
  },
  {
    id: 'domain-not-allowed',
    ...JANE,
    host: 'www.example.com',
    backend: { mint: standard },
    page: page(),
    simulation: SLOW_DESK,
    expected: rejected(
      'The same app opened at www.example.com: Origin https://www.example.com is not an allowed domain (exact host names).',
      'allowed-domain',
      {
        verdictIncludes: ['www.example.com'],
      },
    ),
  },
  {
    id: 'user-missing',
    user: 'alex.kim@example.com',
    userName: 'Alex Kim',
    backend: { mint: standard },
    page: page(),
    simulation: SLOW_DESK,
    expected: rejected(
      'A valid token for alex.kim@example.com, who is not an end user of the org; the end-user list proves it. The slow Desk TLS handshake makes HAR entry times overlap the auth call.',
      'help-center-user',
      {
        verdictIncludes: ['alex.kim@example.com'],
      },
    ),
  },
  {
    id: 'user-missing-no-list',
    user: 'alex.kim@example.com',
    userName: 'Alex Kim',
    backend: { mint: standard },
    page: page(),
    simulation: SLOW_DESK,
    expected: {
      description: 'The same unknown user without an end-user list: nothing in the recording proves the cause, so no root cause; the user is the top suspect.',
      users: false,
      attempts: 1,
      outcomes: ['general_error'],
      fail: [],
      mayFail: [],
      rootCause: null,
      topSuspect: 'help-center-user',
      verdictIncludes: [],
    },
  },
  {
    id: 'user-case-mismatch',
    user: 'Jane.Doe@example.com',
    userName: 'Jane Doe',
    backend: { mint: standard },
    page: page(),
    expected: rejected(
      'The app stores the address as Jane.Doe@example.com; the end user is jane.doe@example.com, and Zoho compares exactly.',
      'help-center-user',
      {
        fail: ['help-center-user', 'email-normalization'],
        verdictIncludes: ['Jane.Doe@example.com'],
      },
    ),
  },
  {
    id: 'user-whitespace',
    ...JANE,
    backend: { mint: standard, storedEmail: 'jane.doe@example.com ' },
    page: page(),
    expected: rejected(
      'The app stored the address with a trailing space ("jane.doe@example.com ") and signs it untrimmed; Zoho compares exactly.',
      'help-center-user',
      {
        fail: ['help-center-user', 'email-normalization'],
        // The same fact (surrounding whitespace) is what email-format reports: it may say so and be blamed.
        mayFail: ['email-format'],
        rootCauseAlternatives: ['email-format'],
        verdictIncludes: ['whitespace'],
      },
    ),
  },
  {
    id: 'hs512',
    ...JANE,
    backend: { mint: (ctx) => ({ header: { alg: 'HS512', typ: 'JWT' }, payload: standardClaims(ctx) }) },
    page: page(),
    expected: rejected("The backend's JWT library is configured for HS512 (HMAC-SHA512) with the right secret: Zoho takes HS256 only.", 'algorithm', {
      mayFail: ['signature'],
    }),
  },
  {
    id: 'missing-email-verified',
    ...JANE,
    backend: { mint: (ctx) => ({ payload: { ...standardClaims(ctx), email_verified: undefined } }) },
    page: page(),
    expected: rejected('The backend leaves out email_verified.', 'required-claims', {
      mayFail: ['email-verified'],
      rootCauseAlternatives: ['email-verified'],
    }),
  },
  {
    id: 'clock-ahead',
    ...JANE,
    backend: { mint: standard, mintedAgoMs: -3 * MINUTE },
    page: page(),
    expected: rejected("The signing server's clock runs 3 minutes ahead: not_before lies in the future when Zoho sees the token.", 'time-validity'),
  },
  {
    id: 'secret-with-newline',
    ...JANE,
    backend: { mint: (ctx) => ({ payload: standardClaims(ctx), key: `${ASAP_SECRET}\n` }) },
    page: page(),
    expected: rejected('The backend reads the secret from a file with its trailing newline and signs with it.', 'signature', {
      verdictIncludes: ['newline'],
    }),
  },
  {
    id: 'wrong-secret',
    ...JANE,
    backend: { mint: (ctx) => ({ payload: standardClaims(ctx), key: 'staging-asap-secret-9c1e4b7a2d8f6e30' }) },
    page: page(),
    expected: rejected('The backend signs with another secret (a staging one).', 'signature'),
  },
  {
    id: 'base64-decoded-secret',
    ...JANE,
    backend: { mint: (ctx) => ({ payload: standardClaims(ctx), key: Buffer.from(ASAP_SECRET, 'base64') }) },
    page: page(),
    expected: rejected('The signer base64-decodes the secret before using it as the HMAC key; Zoho uses its raw UTF-8 bytes.', 'signature'),
  },
  {
    id: 'window-one-hour',
    ...JANE,
    backend: { mint: (ctx) => ({ payload: { ...standardClaims(ctx), not_after: ctx.now + 60 * MINUTE } }) },
    page: page(),
    expected: rejected('not_after is one hour after not_before: more than the 600000 ms Zoho allows.', 'validity-window'),
  },
  {
    id: 'exp-in-seconds',
    ...JANE,
    backend: {
      // jsonwebtoken's expiresIn: 300 adds iat and exp in seconds next to the ms claims.
      mint: (ctx) => ({ payload: { ...standardClaims(ctx), iat: nowS(ctx.now), exp: nowS(ctx.now) + 300 } }),
    },
    page: page(),
    expected: rejected(
      'A library expiresIn adds exp in seconds next to not_before/not_after in ms; Zoho reads exp as ms (January 1970), so the window ends before it starts.',
      'time-units',
      {
        mayFail: ['time-validity', 'validity-window'],
      },
    ),
  },
  {
    id: 'iat-exp-only',
    ...JANE,
    backend: { mint: ({ now, email, name }) => ({ payload: { email, email_verified: true, iat: nowS(now), exp: now + 5 * MINUTE, ...names(name) } }) },
    page: page(),
    expected: pass('iat in seconds and exp in ms, no not_before/not_after: a documented alternative, accepted (required-claims may only warn).'),
  },
  {
    id: 'standard-base64',
    ...JANE,
    backend: { mint: (ctx) => ({ payload: standardClaims(ctx), encoding: 'base64' }) },
    page: page(),
    expected: rejected('PHP base64_encode-style parts (+, /, = padding) instead of base64url: not a JWT Zoho can read.', 'token-format', {
      verdictIncludes: ['base64url'],
    }),
  },
  {
    id: 'email-verified-string',
    ...JANE,
    backend: { mint: (ctx) => ({ payload: { ...standardClaims(ctx), email_verified: 'true' } }) },
    page: page(),
    expected: rejected('email_verified is the string "true", not the boolean true.', 'email-verified', {
      mayFail: ['required-claims'],
      rootCauseAlternatives: ['required-claims'],
    }),
  },
  {
    id: 'widget-404',
    ...JANE,
    backend: { mint: standard },
    page: { ...page(), appId: '4213000000108070' },
    expected: {
      description: 'The snippet names app id 4213000000108070 (two digits swapped): the widget script answers HTTP 404, the widget never starts, no login.',
      users: true,
      attempts: 0,
      outcomes: ['widget-not-loaded'],
      fail: ['login-timing'],
      mayFail: [],
      rootCause: 'login-timing',
      verdictIncludes: ['404'],
    },
  },
  {
    id: 'csp-blocks-widget',
    ...JANE,
    backend: { mint: standard },
    page: {
      ...page(),
      csp: "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; connect-src 'self'; report-uri /api/csp-report",
    },
    expected: {
      description:
        "The page's Content-Security-Policy script-src lacks desk.zoho.com: the browser blocks the widget script (the HAR shows no widget request, only the CSP report), no login.",
      users: true,
      attempts: 0,
      outcomes: ['widget-not-loaded'],
      // The HAR proves the block (the widget entry's _failureText "csp", the CSP report): the
      // widget never loaded (login-timing); page-runtime, which reads browser observations, may say it too.
      fail: ['login-timing'],
      mayFail: ['page-runtime'],
      rootCause: 'login-timing',
      rootCauseAlternatives: ['page-runtime'],
      verdictIncludes: ['Content-Security-Policy', 'desk.zoho.com'],
    },
  },
  {
    id: 'wrong-data-center',
    ...JANE,
    backend: { mint: standard },
    page: { ...page(), widgetHost: 'desk.zoho.eu' },
    expected: rejected(
      'The snippet loads the widget from desk.zoho.eu, but the org lives in the US data centre: the EU accounts host does not know it.',
      'data-center',
    ),
  },
]

export function scenarioById(id: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.id === id)
}
