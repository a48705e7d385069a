import type { Observation } from './observations.js'

/**
 * The port between `asap-doctor record` and a browser. The command builds a `RecordRequest` from
 * flags and config, an adapter (src/browser/playwright-recorder.ts) drives a real browser, and
 * what comes back is data: a HAR file on disk and the observations. Tests can pass another adapter.
 */
export interface RecordRequest {
  readonly url: string
  /** Per page load: how long to wait for the page and, with `waitForLogin`, for the remote/auth answer. */
  readonly timeoutMs: number
  readonly browserPath: string
  /** Passed to the browser as they are, after the defaults. */
  readonly browserArgs: readonly string[]
  readonly headed: boolean
  /** Cookies for the page's origin (values already read from the environment). */
  readonly cookies: ReadonlyArray<{ readonly name: string; readonly value: string }>
  /** Headers added to requests to the page's own origin only (never to Zoho hosts). */
  readonly headers: Readonly<Record<string, string>>
  /** A Playwright storage-state file (cookies and localStorage) to start from. */
  readonly storageStatePath?: string
  /** Sign in to the customer's app first, by filling its login form. */
  readonly login?: LoginStep
  /** Load the page this many times in the same browser session. */
  readonly repeat: number
  /** Wait for the remote/auth answer (up to the timeout) instead of for the network to go quiet. */
  readonly waitForLogin: boolean
  /** Keep recording this long after the page settled (a second login the page starts later). */
  readonly lingerMs: number
  /** Where the browser writes its HAR. */
  readonly harPath: string
}

export interface LoginStep {
  readonly url: string
  readonly userSelector: string
  readonly passwordSelector: string
  readonly submitSelector: string
  readonly user: string
  readonly password: string
}

/** One load of the page: when it started, how long until it settled, and whether Zoho answered. */
export interface RecordedLoad {
  readonly url: string
  /** Where the page was when the load settled (after redirects and the page's own navigation). */
  readonly finalUrl: string
  readonly startedAt: number
  readonly durationMs: number
  /** The remote/auth response arrived during this load. */
  readonly loginAnswered: boolean
  /** The load stopped at the timeout rather than settling. */
  readonly timedOut: boolean
}

export interface Recording {
  readonly harPath: string
  readonly observations: readonly Observation[]
  readonly loads: readonly RecordedLoad[]
  /** "Chromium 156.0.8078.114 (headless)". */
  readonly browser: string
}

export interface Recorder {
  record(request: RecordRequest): Promise<Recording>
}

/** Matches the ASAP login exchange, as the session analyser does. */
export const REMOTE_AUTH_PATH = /\/accounts\/op\/[^/?#]+\/oauth\/v2\/remote\/auth\b/
