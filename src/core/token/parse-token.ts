import { Buffer, isUtf8 } from 'node:buffer'

/** A structural problem of the compact JWT string, reported by `token-format`. */
export type TokenProblem =
  | { readonly kind: 'empty' }
  | { readonly kind: 'jwe'; readonly parts: number }
  | { readonly kind: 'part-count'; readonly parts: number }
  | { readonly kind: 'whitespace-inside' }
  | { readonly kind: 'empty-part'; readonly part: PartName }
  | { readonly kind: 'padding'; readonly part: PartName }
  | { readonly kind: 'not-url-safe'; readonly part: PartName }
  | { readonly kind: 'invalid-base64'; readonly part: PartName; readonly character: string }
  | { readonly kind: 'not-utf8'; readonly part: PartName }
  | { readonly kind: 'not-json'; readonly part: PartName; readonly detail: string }
  | { readonly kind: 'not-object'; readonly part: PartName; readonly jsonType: string }

export type PartName = 'header' | 'payload' | 'signature'

/**
 * The token split and decoded as far as possible. Decoding is lenient (padding and `+`/`/` are
 * tolerated) so that claim checks still run on a token whose format is wrong; the format problems
 * are listed in `problems` for `token-format` to report.
 */
export interface ParsedToken {
  readonly raw: string
  readonly parts: readonly string[]
  readonly header?: Readonly<Record<string, unknown>>
  readonly payload?: Readonly<Record<string, unknown>>
  /** The third part as written (base64url text), when there are exactly three parts. */
  readonly signature?: string
  readonly problems: readonly TokenProblem[]
}

const PART_NAMES: readonly PartName[] = ['header', 'payload', 'signature']
const BASE64URL = /^[A-Za-z0-9_-]*$/

/**
 * Splits and decodes a compact JWS without verifying anything.
 *
 * @example
 * const token = parseToken('eyJhbGciOiJIUzI1NiJ9.eyJlbWFpbCI6ImFAYi5jIn0.sig')
 * token.header?.alg // 'HS256'
 */
export function parseToken(raw: string): ParsedToken {
  const problems: TokenProblem[] = []
  if (raw.length === 0) return { raw, parts: [], problems: [{ kind: 'empty' }] }
  if (/\s/.test(raw)) problems.push({ kind: 'whitespace-inside' })
  const parts = raw.split('.')
  if (parts.length === 5) problems.push({ kind: 'jwe', parts: 5 })
  else if (parts.length !== 3) problems.push({ kind: 'part-count', parts: parts.length })

  const decoded: Partial<Record<'header' | 'payload', Record<string, unknown>>> = {}
  if (parts.length !== 5) {
    parts.slice(0, 3).forEach((text, index) => {
      const part = PART_NAMES[index]
      if (part === undefined) return
      const bytes = decodePart(text, part, problems)
      if (part === 'signature' || bytes === undefined) return
      const object = decodeJsonObject(bytes, part, problems)
      if (object !== undefined) decoded[part] = object
    })
  }
  return {
    raw,
    parts,
    ...(decoded.header === undefined ? {} : { header: decoded.header }),
    ...(decoded.payload === undefined ? {} : { payload: decoded.payload }),
    ...(parts.length === 3 && parts[2] !== undefined ? { signature: parts[2] } : {}),
    problems,
  }
}

function decodePart(text: string, part: PartName, problems: TokenProblem[]): Uint8Array | undefined {
  // A sanitized copy (Chrome, Cloudflare, Okta, `har --redact`) keeps the token's shape; `signature` says why it skips.
  if (part === 'signature' && looksSanitized(text)) return new Uint8Array()
  if (text.length === 0) {
    // An empty signature is an unsecured JWT; `algorithm`/`signature` explain that better.
    if (part !== 'signature') problems.push({ kind: 'empty-part', part })
    return part === 'signature' ? new Uint8Array() : undefined
  }
  let normalized = text.trim()
  if (/=+$/.test(normalized)) {
    problems.push({ kind: 'padding', part })
    normalized = normalized.replace(/=+$/, '')
  }
  if (/[+/]/.test(normalized)) {
    problems.push({ kind: 'not-url-safe', part })
    normalized = normalized.replaceAll('+', '-').replaceAll('/', '_')
  }
  if (!BASE64URL.test(normalized)) {
    const character = [...normalized].find((c) => !/[A-Za-z0-9_-]/.test(c)) ?? '?'
    problems.push({ kind: 'invalid-base64', part, character: describeCharacter(character) })
    return undefined
  }
  return Buffer.from(normalized, 'base64url')
}

function decodeJsonObject(bytes: Uint8Array, part: 'header' | 'payload', problems: TokenProblem[]): Record<string, unknown> | undefined {
  const buffer = Buffer.from(bytes)
  if (!isUtf8(buffer)) {
    problems.push({ kind: 'not-utf8', part })
    return undefined
  }
  let value: unknown
  try {
    value = JSON.parse(buffer.toString('utf8'))
  } catch (error) {
    problems.push({ kind: 'not-json', part, detail: error instanceof Error ? error.message : String(error) })
    return undefined
  }
  if (!isPlainObject(value)) {
    problems.push({ kind: 'not-object', part, jsonType: jsonTypeOf(value) })
    return undefined
  }
  return value
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** JSON type names as a JavaScript developer would say them. */
export function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  return typeof value
}

/** Names invisible or ambiguous characters so a message can show them. */
export function describeCharacter(character: string): string {
  const code = character.codePointAt(0) ?? 0
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`
  if (code > 0x20 && code < 0x7f) return `'${character}'`
  return hex
}

/** Sanitizers (Chrome, Cloudflare, Okta, asap-doctor --redact) replace the signature with a marker. */
export function looksSanitized(signature: string): boolean {
  return /redact|remov|hidden|sanitiz|censor|\*{3}|^x{4,}$|^\[.*\]$|^<.*>$/i.test(signature)
}
