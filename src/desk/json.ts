/** A non-null, non-array object. */
export function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Parses a JSON object body; anything else (HTML error pages, arrays, empty) is `undefined`. */
export function parseJsonObject(body: string): Readonly<Record<string, unknown>> | undefined {
  if (body.trim() === '') return undefined
  try {
    const value: unknown = JSON.parse(body)
    return isRecord(value) ? value : undefined
  } catch {
    return undefined
  }
}

/**
 * Whether a parsed JSON value nests deeper than `max` levels. Iterative, so a 100,000-level body
 * (which JSON.parse accepts) is measured without overflowing the stack.
 */
export function isDeeperThan(value: unknown, max: number): boolean {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }]
  while (stack.length > 0) {
    const item = stack.pop()
    if (item === undefined || typeof item.value !== 'object' || item.value === null) continue
    if (item.depth >= max) return true
    for (const child of Object.values(item.value)) stack.push({ value: child, depth: item.depth + 1 })
  }
  return false
}

/**
 * Reads a yes/no value as exported by Desk or typed by a person: booleans, `true`/`false`, `yes`/`no`,
 * `1`/`0`, `y`/`n`, `checked`/`unchecked`, `enabled`/`disabled`. Empty is `undefined`; anything else is
 * `null` (present but unreadable), so callers can report it instead of guessing.
 */
export function readBoolean(value: unknown): boolean | undefined | null {
  if (typeof value === 'boolean') return value
  if (value === undefined || value === null) return undefined
  if (typeof value === 'number') return value === 1 ? true : value === 0 ? false : null
  if (typeof value !== 'string') return null
  const text = value.trim().toLowerCase()
  if (text === '') return undefined
  if (['true', 'yes', 'y', '1', 'checked', 'enabled', 'on', 'x'].includes(text)) return true
  if (['false', 'no', 'n', '0', 'unchecked', 'disabled', 'off', '-'].includes(text)) return false
  return null
}
