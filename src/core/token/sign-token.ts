import { Buffer } from 'node:buffer'
import { hmacDigest } from '../crypto/hmac.js'
import { InputError } from '../errors.js'

/** Zoho's sample window (5 minutes) and its documented limit ("does not exceed 10 minutes"). */
export const DEFAULT_WINDOW_MS = 300_000
export const MAX_SIGN_WINDOW_MS = 600_000

export interface SignInput {
  readonly email: string
  readonly firstName?: string
  readonly lastName?: string
  /** Length of the validity window in milliseconds (default 300000, at most 600000). */
  readonly windowMs?: number
  /** Start of the window in epoch ms; default `now`. */
  readonly notBefore?: number
  /** Write the email as given instead of trimmed and lower-cased. */
  readonly keepEmailAsIs?: boolean
}

/** The ASAP claims `signToken` writes, in the order it writes them. */
export interface AsapClaims {
  readonly email: string
  readonly email_verified: true
  readonly not_before: number
  readonly not_after: number
  readonly first_name?: string
  readonly last_name?: string
}

/**
 * The claims of a known-good ASAP token: email (trimmed, lower-case), `email_verified: true`, and
 * `not_before`/`not_after` in milliseconds, the units Zoho reads. No `exp`, `iat` or `nbf`: every
 * library writes those in seconds, and Zoho reads `exp` as milliseconds.
 *
 * @throws InputError `ERR_USAGE` for an empty email or a window that is not 1…600000 ms.
 */
export function asapClaims(input: SignInput, now: number): AsapClaims {
  const email = input.keepEmailAsIs === true ? input.email : input.email.trim().toLowerCase()
  if (email.trim() === '') throw new InputError('ERR_USAGE', 'the email is empty: pass --email ADDRESS')
  const windowMs = input.windowMs ?? DEFAULT_WINDOW_MS
  if (!Number.isSafeInteger(windowMs) || windowMs <= 0)
    throw new InputError('ERR_USAGE', `the window must be a positive whole number of milliseconds, not ${windowMs}`)
  if (windowMs > MAX_SIGN_WINDOW_MS) {
    throw new InputError('ERR_USAGE', `a window of ${windowMs} ms is over Zoho's 10-minute limit (600000 ms); Zoho would reject the token`)
  }
  const notBefore = input.notBefore ?? now
  if (!Number.isSafeInteger(notBefore)) throw new InputError('ERR_USAGE', `not_before must be whole epoch milliseconds, not ${notBefore}`)
  return {
    email,
    email_verified: true,
    not_before: notBefore,
    not_after: notBefore + windowMs,
    ...(input.firstName === undefined ? {} : { first_name: input.firstName }),
    ...(input.lastName === undefined ? {} : { last_name: input.lastName }),
  }
}

const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url')

/**
 * A compact HS256 JWS over `claims` with the secret's raw bytes, as Zoho verifies it. Pure: the
 * key, the claims and the clock are all arguments.
 *
 * @example
 * signToken(Buffer.from(secret, 'utf8'), { email: 'Jane@Example.com ' }, Date.now())
 * // 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJlbWFpbCI6ImphbmVAZXhhbXBsZS5jb20i….<signature>'
 */
export function signToken(key: Uint8Array, input: SignInput, now: number): string {
  if (key.length === 0) throw new InputError('ERR_SECRET', 'the secret is empty')
  const payload = Buffer.from(JSON.stringify(asapClaims(input, now)), 'utf8').toString('base64url')
  const signingInput = `${HEADER}.${payload}`
  return `${signingInput}.${hmacDigest('HS256', key, signingInput).toString('base64url')}`
}
