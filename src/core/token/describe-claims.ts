import { formatInstant, formatRelative } from '../time.js'
import { guessUnit, TIME_CLAIMS } from './time-claims.js'

/** One time claim as a person needs to see it: raw value, the unit Zoho uses, and the date it means. */
export interface TimeClaimView {
  readonly claim: string
  readonly value: number
  readonly unit: 'ms' | 's'
  readonly iso: string
  readonly relative: string
  /** Set when the value's size suggests another unit than the one Zoho reads. */
  readonly looksLike?: 's' | 'ms' | 'µs'
}

/** Time claims of a payload read in Zoho's units, relative to `now`. Non-numeric ones are left out. */
export function describeTimeClaims(payload: Readonly<Record<string, unknown>> | undefined, now: number): TimeClaimView[] {
  if (payload === undefined) return []
  const views: TimeClaimView[] = []
  for (const spec of TIME_CLAIMS) {
    const value = payload[spec.claim]
    if (typeof value !== 'number' || !Number.isFinite(value)) continue
    const ms = spec.unit === 'ms' ? value : value * 1000
    const guessed = guessUnit(value)
    views.push({
      claim: spec.claim,
      value,
      unit: spec.unit,
      iso: formatInstant(ms),
      relative: formatRelative(ms, now),
      ...(guessed === spec.unit ? {} : { looksLike: guessed }),
    })
  }
  return views
}
