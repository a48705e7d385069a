/**
 * Hides the signature of a token (the part that makes it a credential) and keeps header and
 * payload, which are only base64 of readable JSON. A five-part JWE keeps only its header.
 */
export function maskToken(raw: string): string {
  const parts = raw.split('.')
  if (parts.length < 2) return raw.length <= 12 ? raw : `${raw.slice(0, 12)}…`
  if (parts.length >= 5) return `${parts[0] ?? ''}.***`
  const [header = '', payload = '', ...rest] = parts
  if (rest.length === 0) return `${header}.${payload}`
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
