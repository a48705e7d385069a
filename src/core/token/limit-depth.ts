/**
 * How deep a decoded header or payload is shown and checked. A real ASAP payload is one level
 * deep; 64 leaves room for any honest custom claim while keeping every recursive walk (checks,
 * renderers, JSON.stringify) far from the engine's stack limit.
 */
export const MAX_JSON_DEPTH = 64

/**
 * A copy of `value` in which everything nested deeper than `maxDepth` is replaced by a marker
 * string naming its JSON path: `"[nested too deep: payload.a[0][0]…]"`. JSON.parse accepts any
 * depth (it is iterative), but JSON.stringify and every recursive walk overflow the stack near
 * 5,000 levels; this is the one place the report gets a bounded view. Returns `value` itself when
 * nothing is that deep. Pure; recursion is bounded by `maxDepth`.
 *
 * @example
 * limitDepth({ a: [[1]] }, 'payload', 2) // { a: ['[nested too deep: payload.a[0]]'] }
 */
export function limitDepth(value: unknown, path: string, maxDepth: number = MAX_JSON_DEPTH): unknown {
  return limit(value, path, maxDepth)
}

function limit(value: unknown, path: string, remaining: number): unknown {
  if (typeof value !== 'object' || value === null) return value
  if (remaining <= 0) return `[nested too deep: ${path}]`
  if (Array.isArray(value)) {
    let changed = false
    const items = value.map((item, index) => {
      const limited = limit(item, `${path}[${index}]`, remaining - 1)
      if (limited !== item) changed = true
      return limited
    })
    return changed ? items : value
  }
  let changed = false
  const entries = Object.entries(value).map(([key, child]): [string, unknown] => {
    const limited = limit(child, /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`, remaining - 1)
    if (limited !== child) changed = true
    return [key, limited]
  })
  // fromEntries defines own properties, so a "__proto__" claim stays a claim.
  return changed ? Object.fromEntries(entries) : value
}

/** `limitDepth` for a decoded header or payload: an object stays an object (the report's type). */
export function limitObjectDepth(value: Readonly<Record<string, unknown>> | undefined, path: string): Readonly<Record<string, unknown>> | undefined {
  if (value === undefined) return undefined
  const limited = limit(value, path, MAX_JSON_DEPTH)
  return isRecord(limited) ? limited : value
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
