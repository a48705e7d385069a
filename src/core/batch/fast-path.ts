import { Buffer, isUtf8 } from 'node:buffer'
import { createHmac, type KeyObject } from 'node:crypto'
import { looksSanitized } from '../../checks/signature.js'
import { isPlainObject } from '../token/parse-token.js'
import { MILLISECONDS_CEILING, SECONDS_CEILING } from '../token/time-claims.js'

/**
 * The batch hot path: decides, without running the checks or building a sentence, that a token is
 * one the full pipeline would pass on every check. It answers only "certainly clean" or "don't know"
 * (undefined); everything it does not recognise goes to the real checks, so it can make batch mode
 * faster but never change a result. Its conditions are deliberately stricter than the checks'
 * (lower-case ASCII addresses only, no extra time-claim shapes), and `test/batch/fast-path.test.ts`
 * holds it against the full pipeline on generated tokens; the batch diagnoser also re-runs the
 * first token it accepts through the checks and turns the fast path off if they disagree.
 */
export interface FastPathContext {
  readonly now: number
  readonly leewayMs: number
  /** The primary secret as a node:crypto key; undefined when no secret was given (signature skipped). */
  readonly key?: KeyObject
}

const BASE64URL = /^[\w-]+$/
const SIGNATURE = /^[\w-]{43}$/
/** Lower-case ASCII addresses that email-format and email-normalization certainly pass. */
const SIMPLE_EMAIL = /^[a-z0-9_%+-]{1,64}(?:\.[a-z0-9_%+-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z][a-z0-9-]*[a-z0-9]$/
const MIN_WINDOW_MS = 10_000
const MAX_WINDOW_MS = 600_000

/** Headers repeat across a batch (one signer, one header): judge each distinct one once. */
const headerVerdicts = new Map<string, boolean>()

export function isCleanToken(token: string, context: FastPathContext): boolean {
  const firstDot = token.indexOf('.')
  const secondDot = token.indexOf('.', firstDot + 1)
  if (firstDot <= 0 || secondDot < 0) return false
  const signature = token.slice(secondDot + 1)
  if (!SIGNATURE.test(signature) || looksSanitized(signature)) return false
  if (!headerIsClean(token.slice(0, firstDot))) return false
  const claims = decodeObject(token.slice(firstDot + 1, secondDot))
  if (claims === undefined || !claimsAreClean(claims, context)) return false
  if (context.key === undefined) return true
  // Both parts passed the alphabet checks, so the input is ASCII and latin1 is its exact encoding (and
  // cheaper than UTF-8). A string comparison of the canonical encoding: any other spelling of the
  // same bytes goes to the checks.
  return createHmac('sha256', context.key).update(token.slice(0, secondDot), 'latin1').digest('base64url') === signature
}

function headerIsClean(part: string): boolean {
  let verdict = headerVerdicts.get(part)
  if (verdict === undefined) {
    const header = BASE64URL.test(part) ? decodeObject(part) : undefined
    verdict = header !== undefined && header.alg === 'HS256' && (header.typ === undefined || header.typ === 'JWT')
    if (headerVerdicts.size > 256) headerVerdicts.clear()
    headerVerdicts.set(part, verdict)
  }
  return verdict
}

/**
 * A base64url part decoded to a JSON object, or undefined. Node's decoder skips characters outside
 * the alphabet and accepts "+" and "/", so instead of a regex over the whole part (the payload is
 * most of the token) the decoded length must be exactly what a clean part of that length gives.
 */
function decodeObject(part: string): Record<string, unknown> | undefined {
  const length = part.length
  if (length === 0 || length % 4 === 1 || part.includes('+') || part.includes('/')) return undefined
  const bytes = Buffer.from(part, 'base64url')
  if (bytes.length !== Math.floor((length * 3) / 4) || !isUtf8(bytes)) return undefined
  let value: unknown
  try {
    value = JSON.parse(bytes.toString('utf8'))
  } catch {
    return undefined
  }
  return isPlainObject(value) ? value : undefined
}

function claimsAreClean(claims: Record<string, unknown>, { now, leewayMs }: FastPathContext): boolean {
  const { email, first_name: first, last_name: last } = claims
  if (claims.email_verified !== true) return false
  if (typeof email !== 'string' || !SIMPLE_EMAIL.test(email) || email.indexOf('@') > 64) return false
  if (typeof first !== 'string' || typeof last !== 'string' || first.trim() === '' || last.trim() === '') return false
  const notBefore = claims.not_before
  const notAfter = claims.not_after
  if (!isMs(notBefore) || !isMs(notAfter)) return false
  let start = notBefore
  let end = notAfter
  // Optional claims: absent, or in the unit Zoho reads them in; anything else goes to the checks.
  if (claims.exp !== undefined) {
    if (!isMs(claims.exp)) return false
    end = Math.min(end, claims.exp)
  }
  for (const name of ['nbf', 'iat'] as const) {
    const value = claims[name]
    if (value === undefined) continue
    if (typeof value !== 'number' || !Number.isFinite(value) || Math.abs(value) >= SECONDS_CEILING) return false
    start = Math.max(start, value * 1000)
  }
  const length = end - start
  return length >= MIN_WINDOW_MS && length <= MAX_WINDOW_MS && now - leewayMs <= end && start <= now + leewayMs
}

function isMs(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) >= SECONDS_CEILING && Math.abs(value) < MILLISECONDS_CEILING
}
