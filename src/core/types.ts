import type { ParsedToken } from './token/parse-token.js'

/** How bad a failing check is. `info` checks never fail a run. */
export type Severity = 'error' | 'warning' | 'info'

/** The outcome of one check for one subject. `error` means the check itself crashed. */
export type CheckStatus = 'pass' | 'fail' | 'warn' | 'skip' | 'error'

/** Values a finding may carry. Renderers turn arrays into comma-separated lists. */
export type DataValue = string | number | boolean | null | readonly string[]
export type FindingData = Readonly<Record<string, DataValue>>

/**
 * A message template of a check. `{{name}}` placeholders are filled from the finding's data in one
 * place (`formatMessage`), so `run()` never builds sentences.
 */
export interface MessageSpec {
  /** `error` is for "could not tell" answers such as an API failure; a crash is recorded by the runner. */
  readonly status: CheckStatus
  readonly text: string
  /** How to fix it: concrete values or commands, same placeholders. */
  readonly hints?: readonly string[]
  /** For failures: the cause in a few words, for the one-sentence verdict ("the time claims are in seconds"). */
  readonly verdict?: string
}

/** What a check's `run` returns: which message, with which data. Data only, no sentences. */
export interface Outcome<MessageId extends string = string> {
  readonly messageId: MessageId
  readonly data?: FindingData
}

/** A secret to verify signatures with. `bytes` never leaves the process and is never rendered. */
export interface SecretCandidate {
  readonly label: 'primary' | 'alternative'
  readonly bytes: Uint8Array
  /** Where it came from (flag name, env var name, file path), for messages. Never the value. */
  readonly origin: string
}

/** The widget script request seen on a page: `/portal/api/web/asapApp/{appId}?orgId={orgId}`. */
export interface WidgetScriptFacts {
  readonly url: string
  readonly host: string
  readonly version: '2.0' | '1.0'
  readonly appId?: string
  readonly orgId?: string
  readonly status?: number
  readonly startedAt?: number
  readonly finishedAt?: number
  /** Why the browser never got a response, as the recorder wrote it (`csp`, `net::ERR_BLOCKED_BY_CLIENT`…). */
  readonly failure?: string
}

/** The `POST …/accounts/op/{id}/oauth/v2/remote/auth` call. */
export interface AuthCallFacts {
  readonly url: string
  readonly host: string
  readonly pathId?: string
  readonly startedAt: number
  readonly status: number
  readonly outcome: 'accepted' | 'general_error' | 'empty' | 'blocked' | 'other'
  readonly responseError?: string
}

/** Integration facts: what a HAR showed and what the user configured. Every field may be unknown. */
export interface IntegrationFacts {
  /** Host name of the page that embeds the widget (from the auth call's Origin, or the page URL). */
  readonly pageHost?: string
  /** Scheme, host and port of that page, when known. */
  readonly pageOrigin?: string
  readonly widgetScripts?: readonly WidgetScriptFacts[]
  readonly authCall?: AuthCallFacts
  /** The Desk API host the user lookup talks to (from --desk-base-url or the data centre). */
  readonly deskApiHost?: string
  readonly configured: {
    readonly orgId?: string
    readonly dataCenter?: string
    readonly allowedDomains?: readonly string[]
    readonly appId?: string
  }
}

/** When and how often login happened in a recorded page load: facts, never durations. */
export interface TimingFacts {
  /** False for a page load where login was never attempted. */
  readonly attempted: boolean
  readonly attemptAt?: number
  /** What Zoho answered this attempt. */
  readonly outcome?: AuthCallFacts['outcome']
  readonly widgetLoaded: boolean
  /** HTTP status of the widget script request, when there was one. */
  readonly widgetStatus?: number
  /** The widget script request the browser blocked (CSP, an extension): no status, a recorded reason. */
  readonly widgetFailure?: { readonly host: string; readonly failure: string }
  readonly attemptsOnPage: number
  /** Other attempts in the session that sent the very same token. */
  readonly sameTokenAttempts: number
  /** An earlier attempt that sent the identical token and was accepted: a later refusal is a replay. */
  readonly acceptedBefore?: { readonly entryIndex: number; readonly at: number }
  /** JavaScript errors about the widget that the page reported (to an error collector). */
  readonly pageErrors: readonly string[]
  /** The page's HTML calls invoke('login') outside ZohoDeskAsapReady (a static hint). */
  readonly loginOutsideReady: boolean
  /** A response on this page load, before the attempt, carried the token: the page fetched it. */
  readonly tokenEndpointSeen: boolean
  /** The first response that carried the token, when that was on an earlier page load (e.g. the app's login). */
  readonly tokenSeenEarlier?: { readonly entryIndex: number; readonly url: string }
}

/**
 * What a real browser showed while the page ran (`asap-doctor record`): facts a HAR cannot carry.
 * Times are epoch ms. Values handed to `successCallback` are described, never kept.
 */
export interface PageRuntimeFacts {
  /** When `window.ZohoDeskAsapReady` and `window.ZohoDeskAsap` first existed, if ever. */
  readonly readyDefinedAt?: number
  readonly asapDefinedAt?: number
  /** When the widget signalled ready (`ZohoDeskAsapReadyStatus` true, or a ZohoDeskAsapReady callback ran). */
  readonly readySignalledAt?: number
  /** How often the widget called the page's getJwtTokenCallback, and how often the page called its errorCallback. */
  readonly jwtCallbackCalls?: number
  readonly errorCallbackCalls?: number
  /** Every `ZohoDeskAsap.invoke` call in order; `beforeReady` when the widget had not signalled ready. */
  readonly invokes: ReadonlyArray<{ readonly at: number; readonly name: string; readonly beforeReady: boolean }>
  /** What `getJwtTokenCallback` passed to `successCallback`: JS type, length, and whether it is a bare a.b.c string. */
  readonly callbackValues: ReadonlyArray<{
    readonly at: number
    readonly type: string
    readonly length?: number
    readonly bareJwt: boolean
    readonly shape: string
    readonly keys?: readonly string[]
    readonly jwtField?: string
  }>
  readonly pageErrors: ReadonlyArray<{ readonly at: number; readonly message: string }>
  readonly consoleErrors: ReadonlyArray<{ readonly at: number; readonly message: string }>
  readonly cspViolations: ReadonlyArray<{ readonly at: number; readonly blockedUri: string; readonly directive: string }>
  /** Cookies the browser refused to store from a Zoho response (third-party cookie blocking). */
  readonly blockedCookies: ReadonlyArray<{ readonly at: number; readonly url: string; readonly name: string; readonly reason: string }>
}

/** One call to the customer's token endpoint, as `asap-doctor endpoint` saw it. */
export interface EndpointCall {
  readonly status: number
  readonly contentType?: string
  readonly cacheControl?: string
  readonly location?: string
  /** The server's `Date` header in epoch ms, and our clock when the response arrived. */
  readonly serverDate?: number
  readonly receivedAt: number
  /** How the body carries the token: a bare string, a JSON string, a JSON field, or not at all. */
  readonly bodyShape: 'bare' | 'json-string' | 'json-field' | 'empty' | 'other'
  readonly field?: string
  readonly token?: string
  /** The body's first characters with any token masked, for messages. */
  readonly bodyExcerpt: string
  /** Set when no HTTP response arrived (refused, DNS, timeout): one line naming the host. */
  readonly networkError?: string
}

/** The customer's token endpoint, fetched twice to see whether tokens are fresh. */
export interface EndpointFacts {
  readonly url: string
  readonly method: string
  readonly calls: readonly EndpointCall[]
}

/** What a user lookup (online Desk API or an exported contacts file) answered. */
export type UserLookupResult =
  | { readonly kind: 'active-end-user'; readonly email: string; readonly source: string }
  | { readonly kind: 'no-contact'; readonly source: string }
  | { readonly kind: 'not-end-user'; readonly email: string; readonly source: string }
  | { readonly kind: 'spam'; readonly email: string; readonly source: string }
  | { readonly kind: 'anonymous'; readonly email: string; readonly source: string }
  | { readonly kind: 'deactivated'; readonly email: string; readonly source: string }
  | { readonly kind: 'pending'; readonly email: string; readonly state: string; readonly source: string }
  | { readonly kind: 'case-mismatch'; readonly storedEmail: string; readonly source: string }
  | { readonly kind: 'org-mismatch'; readonly message: string; readonly source: string }
  | {
      readonly kind: 'api-error'
      readonly errorCode: string
      readonly message: string
      readonly httpStatus?: number
      readonly requiredScopes?: readonly string[]
      readonly source: string
    }

/** The port through which `help-center-user` asks whether an email is an active end user. */
export interface UserDirectory {
  readonly description: string
  lookup(email: string): Promise<UserLookupResult>
}

/** Everything a check may look at. Checks skip themselves when the facet they need is absent. */
export interface CheckContext {
  /** The evaluation instant in epoch milliseconds. */
  readonly now: number
  readonly leewayMs: number
  /** The token as found, after cleaning (absent for subjects without a token). */
  readonly token?: ParsedToken
  /** Wrapping that cleaning removed from the input (quotes, Bearer …). */
  readonly removedWrapping: readonly string[]
  /** The input must be the exact string handed to `successCallback`. */
  readonly exact: boolean
  /**
   * The exact value handed to `successCallback`, when known: what a recorded remote/auth call sent
   * (URL-decoding undone, nothing else), or the input with `--exact`. Set even when it holds no JWT.
   */
  readonly sent?: string
  readonly secrets: readonly SecretCandidate[]
  readonly expectEmail?: string
  readonly integration?: IntegrationFacts
  readonly timing?: TimingFacts
  readonly users?: UserDirectory
  readonly endpoint?: EndpointFacts
  /** Why the signature cannot be checked for this subject (e.g. a sanitized HAR). */
  readonly signatureUnavailable?: string
  /** What a real browser saw while the page ran (`record`), when the subject comes from one. */
  readonly runtime?: PageRuntimeFacts
  /** Results of checks that already ran for this subject, for checks that build on others. */
  readonly earlier: ReadonlyMap<string, CheckResult>
}

/** One check's verdict for one subject, rendered once into `message`/`hints`. */
export interface CheckResult {
  readonly id: string
  readonly status: CheckStatus
  readonly severity: Severity
  readonly title: string
  readonly messageId: string
  readonly message: string
  readonly hints: readonly string[]
  readonly data: FindingData
  /** The cause in a few words, when this result is a failure that explains a rejection. */
  readonly verdict?: string
}
