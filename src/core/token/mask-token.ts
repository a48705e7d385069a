import { safeDecode } from '../url-decode.js'

/**
 * Hides the signature of a token (the part that makes it a credential) and keeps header and
 * payload, which are only base64 of readable JSON. A five-part JWE keeps only its header.
 */
export function maskToken(raw: string): string {
  const parts = raw.split('.')
  if (parts.length < 2) return raw.length <= 12 ? raw : `${raw.slice(0, 12)}…`
  if (parts.length >= 5) return `${parts[0] ?? ''}.***`
  const [header = '', payload = '', ...rest] = parts
  // A token that lost a part: a second part that is not JSON (`eyJ…`) may be the signature.
  if (rest.length === 0) return /^e[wy]/.test(payload) || payload.length < 16 ? `${header}.${payload}` : `${header}.***`
  const signature = rest.join('.')
  return `${header}.${payload}.${signature.length === 0 ? '' : '***'}`
}

/** Replaces every occurrence of each token's signature in a text, for outputs that echo input. */
export function maskSignaturesIn(text: string, tokens: readonly string[]): string {
  let result = text
  for (const token of tokens) {
    const parts = token.split('.')
    const signature = parts[2]
    if (parts.length === 3 && signature !== undefined && signature.length >= 8) {
      result = result.replaceAll(signature, '***')
    }
  }
  return result
}

/** A JWT-shaped run inside text: `eyJ….eyJ….<signature>` (base64url or plain base64). */
const JWT_SHAPE = /(?<![A-Za-z0-9_+/=-])(eyJ[A-Za-z0-9_+/-]*={0,2}\.[A-Za-z0-9_+/-]+={0,2}\.)([A-Za-z0-9_+/-]+={0,2})/g

/**
 * Masks the signature of every JWT-shaped string in a text, known or not: for messages that quote
 * what a page sent or what a URL carried.
 */
export function maskSignaturesInText(text: string): string {
  return text.replace(JWT_SHAPE, (_whole, head: string, signature: string) => `${head}${signature.length === 0 ? '' : '***'}`)
}

/** Query parameters whose values are credentials whatever they look like. */
const SECRET_PARAMS = /^(access_token|refresh_token|id_token|code|client_secret|password|passwd|secret|api_key|apikey|session|sid|jwt|jwt_token|token)$/i

/**
 * A URL fit to print: every JWT signature masked, and the values of credential parameters
 * (`access_token`, `refresh_token`, `client_secret`, `code`…) replaced. JWT-valued parameters keep
 * their header and payload, which the diagnosis needs.
 */
export function maskUrl(href: string): string {
  const start = href.indexOf('?')
  if (start < 0) return maskSignaturesInText(href)
  const end = href.indexOf('#', start)
  const query = href.slice(start + 1, end < 0 ? undefined : end)
  const masked = query
    .split('&')
    .map((pair) => {
      const equals = pair.indexOf('=')
      if (equals < 0) return pair
      const key = pair.slice(0, equals)
      const value = pair.slice(equals + 1)
      if (!SECRET_PARAMS.test(safeDecode(key))) return pair
      const decoded = safeDecode(value)
      // A JWT keeps what the diagnosis shows anyway; any other credential is replaced whole.
      return /eyJ[\w-]*\.[\w-]*\./.test(decoded)
        ? `${key}=${maskSignaturesInText(value.includes('%2E') || value.includes('%2e') ? decoded : value)}`
        : `${key}=***`
    })
    .join('&')
  return maskSignaturesInText(`${href.slice(0, start + 1)}${masked}${end < 0 ? '' : href.slice(end)}`)
}
