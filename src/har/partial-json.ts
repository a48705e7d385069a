import { KIND_OBJECT } from './har-scanner.js'

/** Stands in for an oversized string when a cut-off piece of JSON is parsed. */
export const PLACEHOLDER = '\u0000asap-doctor:oversized\u0000'
const PLACEHOLDER_JSON = JSON.stringify(PLACEHOLDER)

/** Key of the dummy member that re-opens an object continued from an earlier segment. */
export const DUMMY_KEY = '\u0000asap-doctor:continued\u0000'
const DUMMY_KEY_JSON = JSON.stringify(DUMMY_KEY)

/** A parsed piece of JSON and the chain of containers that leads to the placeholder. */
export interface PathParse {
  root: unknown
  /** Containers holding the placeholder, directly or below. */
  onPath: WeakSet<object>
  /** For each container on the path, the key (array index as a string) of the child on the path. */
  endKey: WeakMap<object, string>
}

/**
 * Text that re-opens `kinds` (outermost first) so that JSON continuing after a value can be parsed:
 * objects get a dummy member, arrays a dummy first element.
 */
export function reopen(kinds: ArrayLike<number>): string {
  let text = ''
  for (let i = 0; i < kinds.length; i++) {
    const last = i === kinds.length - 1
    if (kinds[i] === KIND_OBJECT) text += last ? `{${DUMMY_KEY_JSON}:0` : `{${DUMMY_KEY_JSON}:`
    else text += last ? '[0' : '['
  }
  return text
}

/** The placeholder string followed by the brackets that close `kinds` (outermost first). */
export function closeWithPlaceholder(kinds: ArrayLike<number>): string {
  let text = PLACEHOLDER_JSON
  for (let i = kinds.length - 1; i >= 0; i--) text += kinds[i] === KIND_OBJECT ? '}' : ']'
  return text
}

function isContainer(v: unknown): v is object {
  return typeof v === 'object' && v !== null
}

/** `JSON.parse` that also records the path to the placeholder (keys may be integer-like, so order can't be trusted). */
export function parseWithPath(text: string): PathParse {
  const onPath = new WeakSet<object>()
  const endKey = new WeakMap<object, string>()
  const root: unknown = JSON.parse(text, function (this: unknown, key: string, value: unknown) {
    if (value === PLACEHOLDER || (isContainer(value) && onPath.has(value))) {
      if (isContainer(this)) {
        onPath.add(this)
        endKey.set(this, key)
      }
    }
    return value
  })
  return { root, onPath, endKey }
}

/**
 * The path (`request.headers[3].value` style) of the string that starts right after `prefix`, where
 * `kinds` are the containers open at that point. Returns `'?'` if the prefix does not parse.
 */
export function pathAfterPrefix(prefix: string, kinds: ArrayLike<number>): string {
  if (kinds.length === 0) return ''
  let parsed: PathParse
  try {
    parsed = parseWithPath(prefix + closeWithPlaceholder(kinds))
  } catch {
    return '?'
  }
  let node: unknown = parsed.root
  let path = ''
  while (isContainer(node) && parsed.onPath.has(node)) {
    const key = parsed.endKey.get(node) ?? '?'
    if (Array.isArray(node)) path += `[${key}]`
    else path += path === '' ? key : `.${key}`
    node = Reflect.get(node, key)
  }
  return path
}
