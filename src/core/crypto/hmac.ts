import { createHmac, timingSafeEqual } from 'node:crypto'
import { Buffer } from 'node:buffer'

export type HmacAlgorithm = 'HS256' | 'HS384' | 'HS512'

const DIGEST: Record<HmacAlgorithm, string> = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' }

/**
 * Whether `signature` (base64url text) is the HMAC of `signingInput` with `key`. Plain node:crypto
 * rather than jose: it is all the signature check needs, and it keeps `verify`'s cold start short.
 */
export function hmacMatches(alg: HmacAlgorithm, key: Uint8Array, signingInput: string, signature: string): boolean {
  const expected = createHmac(DIGEST[alg], key).update(signingInput, 'utf8').digest()
  const actual = Buffer.from(signature.replace(/=+$/, '').replaceAll('+', '-').replaceAll('/', '_'), 'base64url')
  return actual.length === expected.length && timingSafeEqual(actual, expected)
}
