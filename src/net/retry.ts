import { NetworkError } from '../core/errors.js'
import { HttpNetworkError } from './http-client.js'
import type { HttpClient, HttpRequest, HttpResponse } from './http-client.js'

/** Longest `Retry-After` the tool waits out by default; beyond it the lookup reports the rate limit. */
export const DEFAULT_MAX_RETRY_AFTER_MS = 30_000

/** Pause before the single retry of a 5xx or a dropped connection. */
export const DEFAULT_RETRY_DELAY_MS = 250

/** Wait used for a 429 that carries no (or an unreadable) `Retry-After`. */
export const DEFAULT_RATE_LIMIT_WAIT_MS = 1000

/** How {@link requestWithRetry} waits and how long it is willing to. */
export interface RetryPolicy {
  /** Injected so unit tests record the requested waits instead of waiting. */
  readonly sleep?: (ms: number) => Promise<void>
  readonly maxRetryAfterMs?: number
  readonly retryDelayMs?: number
  /** Clock for `Retry-After` given as an HTTP date. */
  readonly now?: () => number
}

/** What came back: a response to interpret, or a rate limit the policy refused to wait out. */
export type RetryOutcome =
  | { readonly kind: 'response'; readonly response: HttpResponse; readonly attempts: number }
  | {
      readonly kind: 'rate-limited'
      readonly response: HttpResponse
      /** The wait the server asked for, when it said. */
      readonly retryAfterMs: number | undefined
      readonly attempts: number
      /** True when the wait exceeded the ceiling, false when the retry was rate-limited again. */
      readonly overCeiling: boolean
    }

/** `setTimeout` as a promise; the default `sleep`. */
export function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/**
 * Sends a request with at most one retry: after a 5xx, after a connection that failed for a reason
 * other than a timeout, or after a 429 whose `Retry-After` is within `maxRetryAfterMs` (the wait is
 * honoured). A longer `Retry-After` returns `rate-limited` at once instead of blocking the CLI.
 * A second failure is returned (or, for network errors, thrown) as is.
 *
 * @throws NetworkError when both attempts got no response, or the first timed out.
 * @example
 * const outcome = await requestWithRetry(http, { method: 'GET', url }, { sleep: async () => {} })
 */
export async function requestWithRetry(http: HttpClient, request: HttpRequest, policy: RetryPolicy = {}): Promise<RetryOutcome> {
  const sleep = policy.sleep ?? defaultSleep
  const ceiling = policy.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS
  const now = policy.now ?? Date.now

  let first: HttpResponse
  try {
    first = await http.request(request)
  } catch (error) {
    if (!isRetryableNetworkError(error)) throw error
    await sleep(policy.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS)
    return { kind: 'response', response: await http.request(request), attempts: 2 }
  }

  if (first.status === 429) {
    const retryAfterMs = parseRetryAfter(first.headers['retry-after'], now())
    const wait = retryAfterMs ?? DEFAULT_RATE_LIMIT_WAIT_MS
    if (wait > ceiling) return { kind: 'rate-limited', response: first, retryAfterMs, attempts: 1, overCeiling: true }
    await sleep(wait)
    const second = await http.request(request)
    if (second.status === 429) {
      const again = parseRetryAfter(second.headers['retry-after'], now())
      return { kind: 'rate-limited', response: second, retryAfterMs: again, attempts: 2, overCeiling: false }
    }
    return { kind: 'response', response: second, attempts: 2 }
  }

  if (first.status >= 500) {
    await sleep(policy.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS)
    return { kind: 'response', response: await http.request(request), attempts: 2 }
  }
  return { kind: 'response', response: first, attempts: 1 }
}

/**
 * Reads `Retry-After` as delay-seconds or an HTTP date (RFC 9110 §10.2.3) into milliseconds from
 * `now`; a date in the past is 0. Returns `undefined` when absent or unreadable.
 *
 * @example
 * parseRetryAfter('120', Date.now()) // 120000
 */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined
  const text = value.trim()
  if (/^\d+$/.test(text)) return Number(text) * 1000
  if (!/[a-z]/i.test(text)) return undefined
  const at = Date.parse(text)
  if (Number.isNaN(at)) return undefined
  return Math.max(0, at - now)
}

function isRetryableNetworkError(error: unknown): boolean {
  if (error instanceof HttpNetworkError) return error.failure !== 'timeout' && error.failure !== 'too-large'
  return error instanceof NetworkError
}
