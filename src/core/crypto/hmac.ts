import { Buffer } from 'node:buffer'
import { createHmac, timingSafeEqual } from 'node:crypto'

export type HmacAlgorithm = 'HS256' | 'HS384' | 'HS512'

const HASHES: Readonly<Record<HmacAlgorithm, string>> = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' }

/** The raw HMAC of `signingInput` (UTF-8) with `key`, as node:crypto (OpenSSL) computes it. */
export function hmacDigest(alg: HmacAlgorithm, key: Uint8Array, signingInput: string): Buffer {
  return createHmac(HASHES[alg], key).update(signingInput, 'utf8').digest()
}

/**
 * Whether `signature` (base64url text; `+`, `/` and padding tolerated so that a malformed token
 * still gets its signature judged) is the HMAC of `signingInput` with `key`. node:crypto, not a
 * hand-written SHA-256: the wrong-secret path tries a dozen secret variants per token, and batch
 * mode verifies hundreds of thousands of tokens, where OpenSSL is an order of magnitude faster.
 */
export function hmacMatches(alg: HmacAlgorithm, key: Uint8Array, signingInput: string, signature: string): boolean {
  const actual = Buffer.from(signature.replace(/=+$/, '').replaceAll('+', '-').replaceAll('/', '_'), 'base64url')
  const expected = hmacDigest(alg, key, signingInput)
  // timingSafeEqual throws on different lengths; a wrong length is simply no match.
  return actual.length === expected.length && timingSafeEqual(actual, expected)
}
