import { Buffer } from 'node:buffer'
import { hmacSha256 } from './sha256.js'

export type HmacAlgorithm = 'HS256' | 'HS384' | 'HS512'

/**
 * Whether `signature` (base64url text) is the HMAC of `signingInput` with `key`. HS256, the only
 * algorithm Zoho accepts, runs in plain TypeScript (see sha256.ts for why); HS384/HS512 appear only
 * to explain a wrong-algorithm token, and load node:crypto on that rare path.
 */
export async function hmacMatches(alg: HmacAlgorithm, key: Uint8Array, signingInput: string, signature: string): Promise<boolean> {
  const actual = Buffer.from(signature.replace(/=+$/, '').replaceAll('+', '-').replaceAll('/', '_'), 'base64url')
  const input = Buffer.from(signingInput, 'utf8')
  let expected: Uint8Array
  if (alg === 'HS256') expected = hmacSha256(key, input)
  else {
    const { createHmac } = await import('node:crypto')
    expected = createHmac(alg === 'HS384' ? 'sha384' : 'sha512', key).update(input).digest()
  }
  return actual.length === expected.length && actual.every((byte, index) => byte === expected[index])
}
