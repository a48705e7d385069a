import { Buffer } from 'node:buffer'
import { InputError } from '../core/errors.js'
import { parseInstant } from '../core/time.js'
import type { SecretCandidate } from '../core/types.js'

/** A secret as callers hold it: the text from Zoho's ASAP settings (used as raw UTF-8 bytes), or bytes. */
export type SecretInput = string | Uint8Array

/** An instant: epoch milliseconds, a Date, or an ISO-8601 date-time string. */
export type InstantInput = number | Date | string

/** The evaluation instant in epoch ms; the clock when absent. Bad values are usage errors (ERR_USAGE). */
export function resolveInstant(value: InstantInput | undefined): number {
  if (value === undefined) return Date.now()
  const ms = typeof value === 'number' ? value : value instanceof Date ? value.getTime() : parseInstant(value)
  if (ms === undefined || !Number.isFinite(ms)) {
    throw new InputError('ERR_USAGE', `now ${JSON.stringify(String(value))} is neither epoch milliseconds, a valid Date nor an ISO-8601 date-time`)
  }
  return ms
}

/**
 * The secrets as the checks take them. The value is never copied into a message: the origin names
 * only the option it came from.
 */
export function secretCandidates(secret: SecretInput | undefined, altSecret: SecretInput | undefined): SecretCandidate[] {
  const candidates: SecretCandidate[] = []
  if (secret !== undefined) candidates.push({ label: 'primary', bytes: toBytes(secret, 'secret'), origin: 'the secret option' })
  if (altSecret !== undefined) {
    if (secret === undefined) throw new InputError('ERR_USAGE', 'altSecret needs a primary secret')
    candidates.push({ label: 'alternative', bytes: toBytes(altSecret, 'altSecret'), origin: 'the altSecret option' })
  }
  return candidates
}

function toBytes(secret: SecretInput, name: string): Uint8Array {
  const bytes = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : secret
  if (bytes.length === 0) throw new InputError('ERR_SECRET', `the ${name} option is empty`)
  return bytes
}

export function resolveLeewayMs(value: number | undefined): number {
  if (value === undefined) return 0
  if (!Number.isSafeInteger(value) || value < 0) throw new InputError('ERR_USAGE', `leewayMs ${value} must be a whole number of milliseconds, 0 or more`)
  return value
}
