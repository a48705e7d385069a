/** Time as asap-doctor reasons about it: epoch milliseconds, rendered as ISO UTC and relative text. */

export const SECOND = 1000
export const MINUTE = 60 * SECOND
export const HOUR = 60 * MINUTE
export const DAY = 24 * HOUR
const YEAR = 365.25 * DAY

/** ISO-8601 UTC, or a plain description when the instant is outside what `Date` can show. */
export function formatInstant(ms: number): string {
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return `${ms} (not a representable date)`
  return new Date(ms).toISOString()
}

/**
 * A duration in the largest unit that keeps it readable: "350 ms", "45 s", "4 min", "3 h 5 min",
 * "12 days", "55 years".
 */
export function formatDuration(ms: number): string {
  const abs = Math.abs(ms)
  if (abs < SECOND) return `${Math.round(abs)} ms`
  if (abs < MINUTE) return `${trim(abs / SECOND)} s`
  // Round once, then split, so 299.6 s reads "5 min" and never "4 min 60 s".
  if (abs < HOUR - SECOND / 2) {
    const totalSeconds = Math.round(abs / SECOND)
    const minutes = Math.floor(totalSeconds / 60)
    const seconds = totalSeconds % 60
    return seconds === 0 ? `${minutes} min` : `${minutes} min ${seconds} s`
  }
  if (abs < DAY - MINUTE / 2) {
    const totalMinutes = Math.round(abs / MINUTE)
    const hours = Math.floor(totalMinutes / 60)
    const minutes = totalMinutes % 60
    return minutes === 0 ? `${hours} h` : `${hours} h ${minutes} min`
  }
  if (abs < 2 * YEAR) {
    const days = trim(abs / DAY, 0)
    return days === '1' ? '1 day' : `${days} days`
  }
  return `${trim(abs / YEAR, 0)} years`
}

/** "in 4 min" / "3 h ago" / "now". */
export function formatRelative(target: number, now: number): string {
  const delta = target - now
  if (Math.abs(delta) < SECOND) return 'now'
  return delta > 0 ? `in ${formatDuration(delta)}` : `${formatDuration(delta)} ago`
}

function trim(value: number, digits = 1): string {
  return Number(value.toFixed(digits)).toString()
}

/**
 * Parses `--now`: an ISO-8601 date-time or epoch milliseconds. Returns undefined when neither.
 * A 10-digit number is refused rather than guessed: `--now` is documented as milliseconds.
 */
export function parseInstant(text: string): number | undefined {
  const trimmed = text.trim()
  if (/^-?\d+$/.test(trimmed)) {
    const value = Number(trimmed)
    return Number.isSafeInteger(value) && trimmed.replace('-', '').length >= 12 ? value : undefined
  }
  if (!/^\d{4}-\d{2}-\d{2}/.test(trimmed)) return undefined
  const value = Date.parse(trimmed)
  return Number.isNaN(value) ? undefined : value
}

/**
 * Parses a duration flag: whole milliseconds (`10000`) or a number with a unit (`500ms`, `30s`,
 * `2m`). Returns undefined for anything else, including zero and negative values.
 */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|min)?$/i.exec(text.trim())
  if (match === null || match[1] === undefined) return undefined
  const unit = (match[2] ?? 'ms').toLowerCase()
  const value = Number(match[1]) * (unit === 'ms' ? 1 : unit === 's' ? SECOND : MINUTE)
  return Number.isFinite(value) && value >= 1 ? Math.round(value) : undefined
}
