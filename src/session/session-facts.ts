import type { WidgetScriptFacts } from '../core/types.js'

/** Where in a request or response a token was seen. */
export type TokenPlace = 'query' | 'request body' | 'request header' | 'request cookie' | 'response body' | 'response header' | 'response cookie' | 'url'

/** A `POST …/accounts/op/{id}/oauth/v2/remote/auth` call (or another JWT sent to a Zoho host). */
export interface LoginAttempt {
  readonly entryIndex: number
  /** `startedDateTime` as recorded, and in epoch ms. */
  readonly startedDateTime: string
  readonly startedAt: number
  readonly kind: 'remote-auth' | 'other-zoho'
  readonly method: string
  /** The URL with the token's signature masked. */
  readonly url: string
  readonly host: string
  readonly pathId?: string
  /**
   * What the widget sent as its token, exactly: only the URL-encoding the browser applied is undone.
   * It is what the page handed to successCallback (a `Bearer ` prefix, quotes, `[object Object]`…);
   * undefined when the call carried no token parameter at all.
   */
  readonly wire?: string
  /** The JWT inside `wire` (or `wire` itself), for matching the same token elsewhere in the session. */
  readonly token: string
  readonly tokenPlace: TokenPlace
  readonly status: number
  readonly outcome: 'accepted' | 'general_error' | 'empty' | 'blocked' | 'other'
  readonly responseError?: string
  /** The page that made the call: Origin, else Referer. */
  readonly pageOrigin?: string
  readonly pageHost?: string
  readonly pageLoad: number
  readonly pageref?: string
}

/** A JWT seen outside a login attempt: the customer's token endpoint, an Authorization header… */
export interface TokenSighting {
  /** The first entry where this token was seen in this place; `count` says how often it was seen. */
  readonly entryIndex: number
  /** Every entry where it was seen here, in order (capped: a token on every API call is one sighting). */
  readonly entryIndexes: readonly number[]
  readonly count: number
  readonly startedAt: number
  readonly startedDateTime: string
  readonly url: string
  readonly place: TokenPlace
  readonly detail?: string
  readonly token: string
}

/** A report of a JavaScript error the page sent somewhere (an error collector endpoint). */
export interface PageError {
  readonly entryIndex: number
  readonly startedAt: number
  readonly message: string
}

/** A top-level page navigation: the unit for "login invoked more than once per page load". */
export interface PageLoad {
  readonly index: number
  readonly entryIndex: number
  readonly url: string
  readonly host: string
  readonly startedAt: number
  /** Whether the page's HTML calls invoke('login') outside ZohoDeskAsapReady (a static hint). */
  readonly loginOutsideReady: boolean
  readonly hasAsapSnippet: boolean
}

export interface WidgetScriptSeen extends WidgetScriptFacts {
  readonly entryIndex: number
  readonly pageLoad: number
  readonly pageHost?: string
}

/** Everything the session analysis keeps: small facts, never whole entries. */
export interface SessionFacts {
  readonly creator?: string
  /** `log.pages`: page id → title (Chrome puts the URL there, Playwright the document title). */
  readonly pageTitles: ReadonlyMap<string, string>
  readonly entries: number
  readonly pageLoads: readonly PageLoad[]
  readonly widgetScripts: readonly WidgetScriptSeen[]
  readonly attempts: readonly LoginAttempt[]
  readonly sightings: readonly TokenSighting[]
  readonly pageErrors: readonly PageError[]
}
