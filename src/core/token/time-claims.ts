import { isPlainObject } from './parse-token.js'

/**
 * Zoho's units (debugging page): `not_before`, `not_after` and `exp` are milliseconds; `nbf` and `iat`
 * are seconds. `exp` in milliseconds breaks RFC 7519 and every library default, which is the point.
 */
export type TimeUnit = 'ms' | 's'
export type TimeClaim = 'not_before' | 'not_after' | 'exp' | 'nbf' | 'iat'

export interface TimeClaimSpec {
  readonly claim: TimeClaim
  readonly unit: TimeUnit
  /** Whether it opens or closes the validity window. */
  readonly role: 'start' | 'end'
}

export const TIME_CLAIMS: readonly TimeClaimSpec[] = [
  { claim: 'not_before', unit: 'ms', role: 'start' },
  { claim: 'not_after', unit: 'ms', role: 'end' },
  { claim: 'exp', unit: 'ms', role: 'end' },
  { claim: 'nbf', unit: 's', role: 'start' },
  { claim: 'iat', unit: 's', role: 'start' },
]

/** Below this a millisecond value is before 1973: almost surely seconds. */
export const SECONDS_CEILING = 1e11
/** Above this a millisecond value is after the year 5138: microseconds or nanoseconds. */
export const MILLISECONDS_CEILING = 1e14

/** The unit a numeric timestamp was most likely written in, judged by its size. */
export function guessUnit(value: number): 's' | 'ms' | 'µs' {
  const abs = Math.abs(value)
  if (abs < SECONDS_CEILING) return 's'
  if (abs < MILLISECONDS_CEILING) return 'ms'
  return 'µs'
}

/** A time claim as Zoho reads it: its value converted to epoch ms in the claim's documented unit. */
export interface ReadTimeClaim extends TimeClaimSpec {
  readonly value: number
  readonly zohoMs: number
}

/** The numeric time claims present in a payload, each read in its documented unit. */
export function readTimeClaims(payload: unknown): ReadTimeClaim[] {
  if (!isPlainObject(payload)) return []
  const claims: ReadTimeClaim[] = []
  for (const spec of TIME_CLAIMS) {
    const value = payload[spec.claim]
    if (typeof value !== 'number' || !Number.isFinite(value)) continue
    claims.push({ ...spec, value, zohoMs: spec.unit === 'ms' ? value : value * 1000 })
  }
  return claims
}

/**
 * The window Zoho would enforce: the latest start and the earliest end among the claims present.
 * Either bound is undefined when no claim gives it.
 */
export function validityWindow(claims: readonly ReadTimeClaim[]): {
  start?: ReadTimeClaim
  end?: ReadTimeClaim
} {
  let start: ReadTimeClaim | undefined
  let end: ReadTimeClaim | undefined
  for (const claim of claims) {
    if (claim.role === 'start' && (start === undefined || claim.zohoMs > start.zohoMs)) start = claim
    if (claim.role === 'end' && (end === undefined || claim.zohoMs < end.zohoMs)) end = claim
  }
  return { ...(start === undefined ? {} : { start }), ...(end === undefined ? {} : { end }) }
}
