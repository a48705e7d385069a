import { createHmac } from 'node:crypto'

/** The simulation's ASAP secret (from shared/har-samples/README.md); a test credential only. */
export const TEST_SECRET = 'k3Xq9ZtR2vLm8WbN5cYp1HsD7fGj4Ua6'
/** A fixed instant for time checks: 2026-11-21T06:00:00Z. */
export const NOW = Date.parse('2026-11-21T06:00:00.000Z')

export const b64url = (value: unknown): string => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url')

export interface TokenSpec {
  readonly header?: Record<string, unknown>
  readonly payload?: Record<string, unknown>
  readonly secret?: string | Uint8Array
  readonly alg?: 'sha256' | 'sha384' | 'sha512'
}

/** A good ASAP payload at NOW: 5-minute window in milliseconds. */
export function goodPayload(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    email: 'jane.doe@example.com',
    email_verified: true,
    not_before: NOW - 30_000,
    not_after: NOW - 30_000 + 300_000,
    first_name: 'Jane',
    last_name: 'Doe',
    ...overrides,
  }
}

/** Builds a compact HS256 token by hand, so tests can make tokens no library would. */
export function makeToken(spec: TokenSpec = {}): string {
  const header = spec.header ?? { alg: 'HS256', typ: 'JWT' }
  const input = `${b64url(header)}.${b64url(spec.payload ?? goodPayload())}`
  const signature = createHmac(spec.alg ?? 'sha256', spec.secret ?? TEST_SECRET)
    .update(input)
    .digest('base64url')
  return `${input}.${signature}`
}

/** Removes keys from a payload. */
export function without(payload: Record<string, unknown>, ...keys: string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(payload).filter(([key]) => !keys.includes(key)))
}
