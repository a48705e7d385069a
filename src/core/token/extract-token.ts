import { InputError } from '../errors.js'
import { isPlainObject } from './parse-token.js'
import { safeDecode } from '../url-decode.js'

/** The token found in pasted input, and what was removed around it (each a short phrase). */
export interface ExtractedToken {
  readonly token: string
  readonly removed: readonly string[]
}

const TOKEN_FIELDS = ['token', 'jwt', 'jwt_token', 'jwtToken', 'id_token', 'idToken', 'access_token', 'accessToken']
const QUERY_KEYS = ['jwt_token', 'jwt', 'token', 'id_token', 'access_token']
/**
 * A JWT (base64url or standard base64) inside other text. The look-behind makes a match start only
 * at the start of a run of token characters, so the search stays linear in the input's length: a
 * long run without dots is tried once, not once per position.
 */
const JWT_IN_TEXT = /(?<![A-Za-z0-9_+/=-])[A-Za-z0-9_+/-]{2,}={0,2}\.[A-Za-z0-9_+/-]{2,}={0,2}\.[A-Za-z0-9_+/=-]*/g
/** A whole input that is a compact JWS, in base64url or in plain base64 (`+`, `/`, `=` padding). */
const WHOLE_TOKEN = /^[A-Za-z0-9_+/-]+={0,2}\.[A-Za-z0-9_+/-]+={0,2}\.[A-Za-z0-9_+/-]*={0,2}$/
/** Quote pairs people paste around tokens: straight, and the typographic ones chat and word processors add. */
const QUOTES = /^(?:(["'`])([\s\S]*)\1|\u201C([\s\S]*)\u201D|\u2018([\s\S]*)\u2019|\u201E([\s\S]*)\u201C)$/

/**
 * Cleans pasted input down to the token: surrounding whitespace, quotes, a `Bearer ` prefix, a JSON
 * object such as `{"token":"…"}`, a URL or query string carrying `jwt_token=…`, URL-encoding, or
 * other text around a JWT. Support staff paste from logs, HAR viewers and chat, so all of these happen.
 *
 * @throws InputError `ERR_NO_TOKEN` when nothing token-like is left.
 * @example
 * extractToken('Bearer "eyJh.eyJw.c2ln"\n') // { token: 'eyJh.eyJw.c2ln', removed: [...] }
 */
export function extractToken(input: string): ExtractedToken {
  const removed: string[] = []
  let text = input
  for (let round = 0; round < 12; round++) {
    const next = peelOnce(text, removed)
    if (next === text) break
    text = next
  }
  if (isTokenCandidate(text)) return { token: text, removed: unique(removed) }

  const matches = [...text.matchAll(JWT_IN_TEXT)].map((match) => match[0])
  // Prefer a window whose header and payload both look like JSON objects: any other window may
  // start inside a token, and would then show its signature as the "payload".
  const best = matches.find((match) => /^eyJ[^.]*\.eyJ/.test(match)) ?? matches.find((match) => match.startsWith('eyJ')) ?? matches[0]
  if (best !== undefined) {
    removed.push('surrounding text')
    return { token: best, removed: unique(removed) }
  }
  throw new InputError(
    'ERR_NO_TOKEN',
    text.trim() === '' ? 'no token found: the input is empty' : 'no token found in the input (expected a JWT such as xxxxx.yyyyy.zzzzz)',
  )
}

function peelOnce(text: string, removed: string[]): string {
  // A whole token (even in plain base64 with `=` padding) is never a "name=value" to cut.
  if (WHOLE_TOKEN.test(text)) return text
  const trimmed = text.trim()
  if (trimmed !== text) {
    removed.push(/[\r\n]/.test(text.replace(trimmed, '')) ? 'surrounding whitespace/newlines' : 'surrounding whitespace')
    return trimmed
  }
  const quote = QUOTES.exec(text)
  if (quote !== null) {
    const inner = quote[2] ?? quote[3] ?? quote[4] ?? quote[5] ?? ''
    removed.push(quote[1] === undefined ? 'surrounding typographic quotes' : 'surrounding quotes')
    return quote[1] === '"' ? unescapeJsonString(inner) : inner
  }
  if (text.startsWith('{') && text.endsWith('}')) {
    const field = tokenFromJson(text)
    if (field !== undefined) {
      removed.push(`a JSON object (took its "${field.key}" field)`)
      return field.value
    }
  }
  const header = /^(?:authorization|x-[\w-]*token)\s*:\s*/i.exec(text)
  if (header !== null) {
    removed.push('a header name')
    return text.slice(header[0].length)
  }
  const scheme = /^(?:bearer\s+|(?:jwt|token)\s+(?=eyJ))/i.exec(text)
  if (scheme !== null) {
    removed.push(`a '${scheme[0].trim()} ' prefix`)
    return text.slice(scheme[0].length)
  }
  const fromQuery = tokenFromQuery(text)
  if (fromQuery !== undefined) {
    removed.push(`a ${fromQuery.isUrl ? 'URL' : 'query string'} (took its ${fromQuery.key} parameter)`)
    return fromQuery.value
  }
  const assignment = /^[\w.-]+\s*[:=]\s*(?=\S)/.exec(text)
  if (
    assignment !== null &&
    isTokenCandidate(
      text
        .slice(assignment[0].length)
        .trim()
        .replace(/^["']|["'],?$/g, ''),
    )
  ) {
    removed.push('a name before the token')
    return text.slice(assignment[0].length)
  }
  if (/%[0-9A-Fa-f]{2}/.test(text)) {
    const decoded = safeDecode(text)
    if (decoded !== text) {
      removed.push('URL-encoding')
      return decoded
    }
  }
  // A token wrapped over several lines (e-mail, chat, terminal width): join the lines back.
  if (/\s/.test(text) && /^[\w+/=-]+\.[\w+/=-]+\.[\w+/=-]*$/.test(text.replace(/\s+/g, ''))) {
    removed.push('line breaks or spaces inside the token')
    return text.replace(/\s+/g, '')
  }
  if (/[;,]$/.test(text)) {
    removed.push('a trailing punctuation mark')
    return text.slice(0, -1)
  }
  return text
}

function isTokenCandidate(text: string): boolean {
  return text.length > 0 && !/\s/.test(text) && !/["'{}<>`?&\u2018\u2019\u201C\u201D\u201E]/.test(text) && (text.includes('.') || text.startsWith('eyJ'))
}

function tokenFromJson(text: string): { key: string; value: string } | undefined {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return undefined
  }
  return findTokenField(value, 0)
}

function findTokenField(value: unknown, depth: number): { key: string; value: string } | undefined {
  if (!isPlainObject(value) || depth > 3) return undefined
  for (const key of TOKEN_FIELDS) {
    const field = value[key]
    if (typeof field === 'string' && field.length > 0) return { key, value: field }
  }
  for (const [key, field] of Object.entries(value)) {
    if (typeof field === 'string' && /^eyJ[\w-]*\.[\w-]*\./.test(field)) return { key, value: field }
    const nested = findTokenField(field, depth + 1)
    if (nested !== undefined) return { key: `${key}.${nested.key}`, value: nested.value }
  }
  return undefined
}

function tokenFromQuery(text: string): { key: string; value: string; isUrl: boolean } | undefined {
  const isUrl = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) || text.startsWith('/')
  const queryStart = text.indexOf('?')
  const query = queryStart >= 0 ? text.slice(queryStart + 1) : isUrl ? '' : text
  if (!query.includes('=')) return undefined
  // Not URLSearchParams: it turns '+' into a space, and a non-url-safe token must reach token-format intact.
  const pairs = query.split('#')[0]?.split('&') ?? []
  for (const key of QUERY_KEYS) {
    for (const pair of pairs) {
      const equals = pair.indexOf('=')
      if (equals < 0 || safeDecode(pair.slice(0, equals)) !== key) continue
      return { key, value: safeDecode(pair.slice(equals + 1)), isUrl }
    }
  }
  return undefined
}

function unescapeJsonString(body: string): string {
  if (!body.includes('\\')) return body
  try {
    const value: unknown = JSON.parse(`"${body}"`)
    return typeof value === 'string' ? value : body
  } catch {
    return body
  }
}

function unique(items: readonly string[]): string[] {
  return [...new Set(items)]
}
