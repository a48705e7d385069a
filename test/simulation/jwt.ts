import { createHmac, timingSafeEqual } from 'node:crypto'

/**
 * JWT helpers for the simulation, written on node:crypto alone: the simulation must not share code
 * with the checks it is used to judge (src/core/token), or a bug there would hide itself.
 */

export type Encoding = 'base64url' | 'base64'

export interface SignInput {
  header: Record<string, unknown>
  payload: Record<string, unknown>
  /** The HMAC key exactly as the signer uses it (a string is taken as UTF-8 bytes). */
  key: string | Buffer
  /** base64url per RFC 7519, or plain base64 with `+`, `/` and `=` the way PHP's base64_encode writes it. */
  encoding?: Encoding
}

const HASH: Readonly<Record<string, string>> = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' }

/** Signs with the HMAC the header's `alg` names (HS256 unless it says HS384 or HS512). */
export function signHs256({ header, payload, key, encoding = 'base64url' }: SignInput): string {
  const enc = (buf: Buffer) => buf.toString(encoding)
  const head = enc(Buffer.from(JSON.stringify(header), 'utf8'))
  const body = enc(Buffer.from(JSON.stringify(payload), 'utf8'))
  const hash = HASH[String(header.alg)] ?? 'sha256'
  const sig = enc(createHmac(hash, key).update(`${head}.${body}`).digest())
  return `${head}.${body}.${sig}`
}

export type Decoded = { header: Record<string, unknown>; payload: Record<string, unknown>; signingInput: string; signature: string }

const PART = /^[A-Za-z0-9_-]+$/

/** A bare compact JWS (three base64url parts, nothing around them) decoded, or undefined. */
export function decodeCompact(token: string): Decoded | undefined {
  const parts = token.split('.')
  if (parts.length !== 3) return undefined
  const [h, p, s] = parts
  if (h === undefined || p === undefined || s === undefined) return undefined
  if (!PART.test(h) || !PART.test(p) || !PART.test(s)) return undefined
  const header = parseObject(h)
  const payload = parseObject(p)
  if (header === undefined || payload === undefined) return undefined
  return { header, payload, signingInput: `${h}.${p}`, signature: s }
}

export function hs256Matches(decoded: Decoded, key: string | Buffer): boolean {
  const expected = createHmac('sha256', key).update(decoded.signingInput).digest()
  const given = Buffer.from(decoded.signature, 'base64url')
  // Re-encoding rejects non-canonical base64url (trailing bits) the way a strict verifier does.
  if (given.toString('base64url') !== decoded.signature) return false
  return given.length === expected.length && timingSafeEqual(given, expected)
}

function parseObject(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'))
    return isRecord(value) ? value : undefined
  } catch {
    return undefined
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
