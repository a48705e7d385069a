import { Buffer, isUtf8 } from 'node:buffer'
import { createHash } from 'node:crypto'

/** What {@link redactHar} changed, counted per kind of redaction (each replaced value counts once). */
export interface RedactionStats {
  /** Entries written. */
  entries: number
  /** JWT signatures replaced by `REDACTED` (wherever the JWT was: URL, header, cookie, body…). */
  jwtSignatures: number
  /** Cookie values (in `Cookie`/`Set-Cookie` headers and `cookies[]`) that were not JWTs. */
  cookies: number
  /** `Authorization`/`Proxy-Authorization` credentials that were not JWTs. */
  authorization: number
  /** Other secret-looking header values (`X-Api-Key`, `X-CSRF-Token`, …). */
  sensitiveHeaders: number
  /** Values of secret-looking parameters and fields (`access_token`, `password`, `code`, …). */
  secretParams: number
  /** Zoho OAuth tokens (`1000.<hex>.<hex>`) found outside the cases above. */
  zohoTokens: number
  /** Email addresses replaced by pseudonyms (occurrences; with `redactEmails` only). */
  emails: number
  /** Distinct email addresses replaced. */
  distinctEmails: number
  /** Strings too long to parse that were streamed through textual redaction. */
  oversizedStrings: number
  /** The input ended early; the output was closed so that it is still valid JSON. */
  truncated: boolean
  truncatedReason?: string
  /** The input had a UTF-8 BOM (not copied to the output). */
  bom: boolean
  bytesIn: number
  bytesOut: number
}

export function emptyStats(): RedactionStats {
  return {
    entries: 0,
    jwtSignatures: 0,
    cookies: 0,
    authorization: 0,
    sensitiveHeaders: 0,
    secretParams: 0,
    zohoTokens: 0,
    emails: 0,
    distinctEmails: 0,
    oversizedStrings: 0,
    truncated: false,
    bom: false,
    bytesIn: 0,
    bytesOut: 0,
  }
}

/** The marker that replaces secrets and JWT signatures. */
export const REDACTED = 'REDACTED'

type SecretKind = 'cookies' | 'authorization' | 'sensitiveHeaders' | 'secretParams'
type CounterKey = SecretKind | 'jwtSignatures' | 'zohoTokens' | 'emails'
type Tally = Partial<Record<CounterKey, number>>

/** Where a key/value pair was found: URL/form syntax, or a JSON/JS object. */
export type KeyContext = 'query' | 'json'

/**
 * A JWT as it may appear in a HAR: base64url, or standard base64 with `+`, `/` and `=` padding (PHP
 * `base64_encode`), percent-encoded in URLs (`%2B`, `%2F`, `%3D`). Each class excludes `.`, `=` and
 * `%`, so a failed attempt backtracks at most over one run.
 */
const JWT_SOURCE = 'eyJ[A-Za-z0-9_+/-]*(?:=|%3[dD]){0,2}\\.eyJ[A-Za-z0-9_+/-]*(?:=|%3[dD]){0,2}\\.(?:[A-Za-z0-9_+/-]|%2[bBfF])*(?:=|%3[dD]){0,2}'
const JWT_FULL = new RegExp(`^${JWT_SOURCE}$`)
/** Values a page passes by mistake (`successCallback(obj)`): evidence of the failure, not credentials. */
const NOT_A_CREDENTIAL = /^(?:\[object [A-Za-z]*\]|undefined|null|true|false|NaN|\{\}|\[\]|""|'')$/

const SENSITIVE_EXACT = new Set([
  'password',
  'passwd',
  'pwd',
  'pass',
  'passphrase',
  'secret',
  'token',
  'apikey',
  'auth',
  'authorization',
  'accesstoken',
  'refreshtoken',
  'idtoken',
  'clientsecret',
  'session',
  'sessionid',
  'sid',
  'jwt',
  'otp',
  'assertion',
  'clientassertion',
  'samlresponse',
  'samlrequest',
  'codeverifier',
  'privatekey',
  'secretkey',
  'credential',
  'credentials',
  'signature',
  'sig',
])
const SENSITIVE_SUFFIX = [
  'token',
  'secret',
  'password',
  'passwd',
  'apikey',
  'sessionid',
  'sessid',
  'session',
  'sid',
  'csrf',
  'xsrf',
  'csr',
  'privatekey',
  'secretkey',
  'accesskey',
  'credential',
  'credentials',
  'signature',
  'subscriptionkey',
]

function normalizeKey(key: string): string {
  const lower = key.toLowerCase()
  const cut = Math.max(lower.lastIndexOf('.'), lower.lastIndexOf('['))
  const last = cut >= 0 && cut < lower.length - 2 ? lower.slice(cut + 1) : lower
  return last.replace(/[^a-z0-9]/g, '')
}

/** A value that {@link looksOpaque}: asks "could this key ever hold a secret?" before reading its value. */
const OPAQUE_PROBE = 'a1'.repeat(8)

/** Percent-decoding that never throws (a stray `%` stays as it is). */
function decodeLoosely(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '))
  } catch {
    return value
  }
}

/** An OAuth `code` is opaque; an error `code` is a word or a number. */
function looksOpaque(value: string): boolean {
  return value.length >= 16 && /[0-9]/.test(value) && /[A-Za-z]/.test(value) && !/\s/.test(value)
}

/**
 * Whether a parameter/field named `key` holds a secret: OAuth tokens and codes, passwords, API keys,
 * session and CSRF identifiers (case-, `_`- and `-`-insensitive, camelCase and snake_case alike).
 */
export function isSecretField(key: string, value: string, ctx: KeyContext): boolean {
  const k = normalizeKey(key)
  if (k === 'code') return ctx === 'query' || looksOpaque(value)
  if (k === 'key') return ctx === 'query'
  if (SENSITIVE_EXACT.has(k)) return true
  for (const suffix of SENSITIVE_SUFFIX) if (k.endsWith(suffix)) return true
  return false
}

/** Whether a header (other than Cookie/Set-Cookie/Authorization) carries a credential. */
export function isSecretHeader(name: string): boolean {
  const n = name.toLowerCase()
  if (n.startsWith(':') || n.startsWith('sec-') || n.startsWith('access-control-')) return false
  if (n.endsWith('-key')) return true
  return isSecretField(n.startsWith('x-') ? n.slice(2) : n, '', 'json')
}

/** One replacement in a string, with what it counts for once it is kept. */
interface Edit {
  /** Where the match begins (the key of a key/value pair); `start` is where the replacement begins. */
  from: number
  start: number
  end: number
  text: string
  tally: Tally | undefined
}

// Each rule is anchored on a literal found with indexOf ("eyJ", "1000.", "=", "%3D", ":"), so long
// runs of base64 or code cost a few indexOf calls instead of a regex attempt at every position.
const JWT_AT = new RegExp(JWT_SOURCE, 'y')
const BASE64URL_CHAR = /[A-Za-z0-9_+/-]/
const ZOHO_AT = /1000\.[0-9a-fA-F]{8,}\.[0-9a-fA-F]{8,}(?![A-Za-z0-9_-])/y
const QUERY_VALUE_AT = /(?:[^&\s"'#;<>\\%]|%(?!26))*/y
const JSON_VALUE_AT = /[ \t]{0,16}(\\*["'])((?:(?!\1)(?:\\.|[^\\\r\n]))*)\1/y
const MAX_KEY = 64

const QUERY_KEY = new Uint8Array(128)
for (const ch of 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-[]') QUERY_KEY[ch.charCodeAt(0)] = 1
const QUERY_DELIM = new Uint8Array(128)
for (const ch of '?&;#"\'{( \t\r\n') QUERY_DELIM[ch.charCodeAt(0)] = 1
const ENCODED_DELIM = new Set(['%26', '%3F', '%3f', '%23', '%3B', '%3b', '%20'])
const JSON_KEY = new Uint8Array(128)
for (const ch of 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_$.-') JSON_KEY[ch.charCodeAt(0)] = 1

/** Whether a key=value key may start at `ks`: at the start or after a delimiter (also percent-encoded). */
function queryKeyStart(s: string, ks: number): boolean {
  if (ks === 0) return true
  if (QUERY_DELIM[s.charCodeAt(ks - 1)] === 1) return true
  return ks >= 3 && ENCODED_DELIM.has(s.slice(ks - 3, ks))
}

const QUICK_RE = /[=@%:"']|eyJ|1000\./

const LOCAL = new Uint8Array(128)
for (const ch of 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._+-') LOCAL[ch.charCodeAt(0)] = 1
const DOMAIN = new Uint8Array(128)
for (const ch of 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-') DOMAIN[ch.charCodeAt(0)] = 1
const HEX = /^[0-9A-Fa-f]{2}/
const TLD = /^[A-Za-z]{2,63}$/
const PSEUDONYM_DOMAIN = 'redacted.invalid'

/** Options of {@link TextRules}. */
export interface TextRulesOptions {
  redactEmails: boolean
  /** Mixed into the email hashes so pseudonyms cannot be reversed by hashing guessed addresses. */
  emailSalt: string
}

/**
 * The textual redaction rules shared by the structural redactor (decoded strings) and the streaming
 * one (raw JSON-escaped bytes of long strings).
 */
export class TextRules {
  private readonly pseudonyms = new Map<string, string>()
  /** While finding edits, counts go here (per edit) instead of straight into the stats. */
  private scratch: Tally | undefined

  constructor(
    private readonly opts: TextRulesOptions,
    readonly stats: RedactionStats,
  ) {}

  /** Keeps a JWT's header and payload (emails in the payload pseudonymised) and redacts the signature. */
  jwt(token: string): string {
    const first = token.indexOf('.')
    const second = token.indexOf('.', first + 1)
    const header = token.slice(0, first)
    let payload = token.slice(first + 1, second)
    const sig = token.slice(second + 1)
    if (this.opts.redactEmails) payload = this.jwtPayload(payload)
    if (sig !== '' && sig !== REDACTED) this.tally('jwtSignatures')
    return `${header}.${payload}.${sig === '' ? '' : REDACTED}`
  }

  /** A secret value: JWTs lose their signature, anything else becomes `REDACTED`. */
  secret(value: string, kind: SecretKind): string {
    if (value === '' || value === REDACTED) return value
    const trimmed = value.trim()
    if (JWT_FULL.test(trimmed)) return this.jwt(trimmed)
    // A token wrapped on the wire (`Bearer%20eyJ…`, quotes, a JSON text) keeps its wrapping, header
    // and payload: the copy must show the same attempt and the same token-format failure (issue 7).
    if (trimmed.includes('eyJ')) {
      const masked = this.jwtsIn(value)
      if (masked !== value) return masked
    }
    if (NOT_A_CREDENTIAL.test(decodeLoosely(trimmed).trim())) return value
    this.tally(kind)
    return REDACTED
  }

  /** `s` with the signature of every JWT in it redacted, nothing else changed. */
  private jwtsIn(s: string): string {
    const found: Edit[] = []
    this.jwtEdits(s, found)
    if (found.length === 0) return s
    for (const edit of found) for (const [k, n] of Object.entries(edit.tally ?? {})) if (isCounterKey(k) && n !== undefined) this.tally(k, n)
    return applyEdits(s, found, 0, s.length)
  }

  /**
   * Generic redaction of a decoded string: JSON text is parsed and redacted field by field;
   * anything else gets the textual rules (JWTs, Zoho tokens, secret key=value pairs, emails).
   */
  text(s: string, depth = 0): string {
    if (s.length < 3 || !QUICK_RE.test(s)) return s
    if (depth < 4 && s.length <= 64 * 1024 * 1024) {
      const t = s.trimStart()
      const first = t.charCodeAt(0)
      if (first === 0x7b || first === 0x5b) {
        let parsed: unknown
        let ok = true
        try {
          parsed = JSON.parse(s)
        } catch {
          ok = false
        }
        if (ok && typeof parsed === 'object' && parsed !== null) {
          const before = this.changes()
          const redacted = this.json(parsed, depth + 1)
          return this.changes() === before ? s : JSON.stringify(redacted)
        }
      }
    }
    return this.textual(s, false)
  }

  /** Redacts a parsed JSON value in place: secret fields by name, every string by {@link text}. */
  json(value: unknown, depth: number): unknown {
    if (typeof value === 'string') return this.text(value, depth)
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) value[i] = this.json(value[i], depth)
      return value
    }
    if (typeof value === 'object' && value !== null) {
      for (const [k, v] of Object.entries(value)) {
        if (typeof v === 'string' && isSecretField(k, v, 'json')) Reflect.set(value, k, this.secret(v, 'secretParams'))
        else if (typeof v === 'object' && v !== null) this.json(v, depth)
        else if (typeof v === 'string') Reflect.set(value, k, this.text(v, depth))
      }
    }
    return value
  }

  /** The textual rules on `s`; `raw` means `s` is JSON-escaped string content (latin1-decoded bytes). */
  textual(s: string, raw: boolean): string {
    const edits = this.edits(s, raw, s.length).edits
    if (edits.length === 0) return s
    this.commit(edits, s.length)
    return applyEdits(s, edits, 0, s.length)
  }

  /** Adds the counts of the edits that end at or before `upTo` to the stats. */
  commit(edits: readonly Edit[], upTo: number): void {
    for (const e of edits) {
      if (e.end > upTo || e.tally === undefined) continue
      for (const [k, n] of Object.entries(e.tally)) {
        if (isCounterKey(k) && n !== undefined) this.stats[k] += n
      }
    }
  }

  private tally(key: CounterKey, n = 1): void {
    if (this.scratch !== undefined) this.scratch[key] = (this.scratch[key] ?? 0) + n
    else this.stats[key] += n
  }

  /** Runs `f` with counts collected into a fresh tally, returned with its result. */
  private counted<T>(f: () => T): [T, Tally | undefined] {
    const outer = this.scratch
    const tally: Tally = {}
    this.scratch = tally
    try {
      return [f(), Object.keys(tally).length > 0 ? tally : undefined]
    } finally {
      this.scratch = outer
    }
  }

  /**
   * Finds the replacements in `s`. `boundary` is where the caller wants to cut (streaming);
   * `cut` is a safe cut position at or before it that no match straddles incompletely.
   */
  edits(s: string, raw: boolean, boundary: number): { edits: Edit[]; cut: number } {
    const found: Edit[] = []
    if (QUICK_RE.test(s)) {
      this.jwtEdits(s, found)
      this.zohoEdits(s, found)
      this.queryEdits(s, '=', found)
      this.queryEdits(s, '%3D', found)
      this.queryEdits(s, '%3d', found)
      this.jsonEdits(s, ':', found)
      this.jsonEdits(s, '=', found)
    }
    if (this.opts.redactEmails) this.emailEdits(s, found, raw)
    found.sort((x, y) => x.start - y.start || y.end - x.end)
    const edits: Edit[] = []
    let last = -1
    for (const e of found) {
      if (e.start < last) continue
      edits.push(e)
      last = e.end
    }
    let cut = boundary
    for (const e of edits) {
      if (e.from < cut && e.end > cut) {
        // A match that ends before the end of the text is complete; one that reaches it may go on.
        cut = e.end < s.length ? e.end : e.from
        break
      }
    }
    return { edits, cut }
  }

  private jwtEdits(s: string, out: Edit[]): void {
    let i = s.indexOf('eyJ')
    while (i >= 0) {
      JWT_AT.lastIndex = i
      const m = JWT_AT.exec(s)
      if (m === null) {
        // No JWT can start later in the same base64url run either (it would stop where this one
        // did): skip the run, so a megabyte of "eyJeyJ…" costs one pass, not one per "eyJ".
        let end = i + 3
        while (end < s.length && BASE64URL_CHAR.test(s.charAt(end))) end++
        i = s.indexOf('eyJ', end)
        continue
      }
      const token = m[0]
      const [r, tally] = this.counted(() => this.jwt(token))
      if (r !== token) out.push({ from: i, start: i, end: i + token.length, text: r, tally })
      i = s.indexOf('eyJ', i + Math.max(token.length, 3))
    }
  }

  private zohoEdits(s: string, out: Edit[]): void {
    let i = s.indexOf('1000.')
    while (i >= 0) {
      const before = i > 0 ? s.charCodeAt(i - 1) : 0
      ZOHO_AT.lastIndex = i
      const m = before < 128 && JSON_KEY[before] === 1 ? null : ZOHO_AT.exec(s)
      if (m !== null) {
        out.push({ from: i, start: i, end: i + m[0].length, text: '1000.REDACTED', tally: { zohoTokens: 1 } })
        i = s.indexOf('1000.', i + m[0].length)
      } else i = s.indexOf('1000.', i + 5)
    }
  }

  /** `key=value` (URL, form, cookie syntax) at every `sep`. */
  private queryEdits(s: string, sep: string, out: Edit[]): void {
    let e = s.indexOf(sep)
    while (e >= 0) {
      let ks = e
      while (ks > 0 && e - ks < MAX_KEY + 3 && QUERY_KEY[s.charCodeAt(ks - 1)] === 1) ks--
      let keyStart = -1
      for (let k = ks; k < e; k++) {
        if (e - k <= MAX_KEY && queryKeyStart(s, k)) {
          keyStart = k
          break
        }
      }
      const vStart = e + sep.length
      let next = vStart
      // The key decides first: reading the value of every `=` would make "?a=b?a=b…" quadratic.
      if (keyStart >= 0 && isSecretField(s.slice(keyStart, e), OPAQUE_PROBE, 'query')) {
        QUERY_VALUE_AT.lastIndex = vStart
        const value = QUERY_VALUE_AT.exec(s)?.[0] ?? ''
        const key = s.slice(keyStart, e)
        if (value !== '' && isSecretField(key, value, 'query')) {
          const [r, tally] = this.counted(() => this.secret(value, 'secretParams'))
          if (r !== value) out.push({ from: keyStart, start: vStart, end: vStart + value.length, text: r, tally })
          next = vStart + value.length
        }
      }
      e = s.indexOf(sep, next)
    }
  }

  /** `"key": "value"` (JSON, JS; also JSON-escaped) at every `sep`. */
  private jsonEdits(s: string, sep: string, out: Edit[]): void {
    let c = s.indexOf(sep)
    while (c >= 0) {
      const next = c + 1
      let q = c - 1
      while (q >= 0 && c - q <= 16 && (s.charCodeAt(q) === 0x20 || s.charCodeAt(q) === 0x09)) q--
      const quote = s.charCodeAt(q)
      if (q > 0 && (quote === 0x22 || quote === 0x27)) {
        let qs = q
        while (qs > 0 && s.charCodeAt(qs - 1) === 0x5c) qs--
        const quoteSeq = s.slice(qs, q + 1)
        let ks = qs
        while (ks > 0 && qs - ks < MAX_KEY && JSON_KEY[s.charCodeAt(ks - 1)] === 1) ks--
        const first = s.charCodeAt(ks)
        const validFirst = first === 0x24 || first === 0x5f || ((first | 0x20) >= 0x61 && (first | 0x20) <= 0x7a)
        if (ks < qs && validFirst && s.slice(ks - quoteSeq.length, ks) === quoteSeq && isSecretField(s.slice(ks, qs), OPAQUE_PROBE, 'json')) {
          JSON_VALUE_AT.lastIndex = next
          const m = JSON_VALUE_AT.exec(s)
          const value = m?.[2]
          if (m !== null && value !== undefined && value !== '') {
            const key = s.slice(ks, qs)
            if (isSecretField(key, value, 'json')) {
              const vStart = next + m[0].length - (m[1] ?? '').length - value.length
              const [r, tally] = this.counted(() => this.secret(value, 'secretParams'))
              if (r !== value) {
                out.push({ from: ks - quoteSeq.length, start: vStart, end: vStart + value.length, text: r, tally })
              }
            }
          }
        }
      }
      c = s.indexOf(sep, next)
    }
  }

  /** The pseudonym of an email address: stable within this run, `user-<8 hex>@redacted.invalid`. */
  pseudonym(email: string): string {
    let p = this.pseudonyms.get(email)
    if (p === undefined) {
      const hash = createHash('sha256').update(this.opts.emailSalt).update(email).digest('hex').slice(0, 8)
      p = `user-${hash}@${PSEUDONYM_DOMAIN}`
      this.pseudonyms.set(email, p)
      this.stats.distinctEmails = this.pseudonyms.size
    }
    return p
  }

  private changes(): number {
    const s = this.stats
    return s.jwtSignatures + s.cookies + s.authorization + s.sensitiveHeaders + s.secretParams + s.zohoTokens + s.emails
  }

  private jwtPayload(payload: string): string {
    const bytes = Buffer.from(payload, 'base64url')
    if (!isUtf8(bytes)) return payload
    const json = bytes.toString('utf8')
    const edits = this.emailEdits(json, [], false)
    if (edits.length === 0) return payload
    this.tally('emails', edits.length)
    return Buffer.from(applyEdits(json, edits, 0, json.length), 'utf8').toString('base64url')
  }

  /** Email addresses (`@` or percent-encoded `%40`) outside the ranges of `taken`. */
  private emailEdits(s: string, out: Edit[], raw: boolean): Edit[] {
    let at = s.indexOf('@')
    let pct = s.indexOf('%40')
    let lastEnd = 0
    while (at >= 0 || pct >= 0) {
      const usePct = at < 0 || (pct >= 0 && pct < at)
      const sep = usePct ? pct : at
      const sepLen = usePct ? 3 : 1
      let l = sep
      while (l > 0 && sep - l < 64 && LOCAL[s.charCodeAt(l - 1)] === 1) l--
      if (l >= 1 && s.charCodeAt(l - 1) === 0x25 && HEX.test(s.slice(l, l + 2))) l += 2
      if (raw) l = afterEscape(s, l)
      if (l < lastEnd) l = lastEnd
      while (l < sep && s.charCodeAt(l) === 0x2e) l++
      let r = sep + sepLen
      while (r < s.length && r - sep < 256 && DOMAIN[s.charCodeAt(r)] === 1) r++
      let domain = s.slice(sep + sepLen, r)
      for (;;) {
        domain = domain.replace(/[.-]+$/, '')
        const dot = domain.lastIndexOf('.')
        if (dot <= 0) {
          domain = ''
          break
        }
        if (TLD.test(domain.slice(dot + 1))) break
        domain = domain.slice(0, dot)
      }
      const next = sep + sepLen
      if (l < sep && domain !== '' && domain.toLowerCase() !== PSEUDONYM_DOMAIN) {
        const end = sep + sepLen + domain.length
        const email = `${s.slice(l, sep)}@${domain}`
        const p = this.pseudonym(email)
        out.push({ from: l, start: l, end, text: usePct ? p.replace('@', '%40') : p, tally: { emails: 1 } })
        lastEnd = end
      }
      if (usePct) pct = s.indexOf('%40', next)
      else at = s.indexOf('@', next)
    }
    return out
  }
}

function isCounterKey(k: string): k is CounterKey {
  return (
    k === 'cookies' ||
    k === 'authorization' ||
    k === 'sensitiveHeaders' ||
    k === 'secretParams' ||
    k === 'jwtSignatures' ||
    k === 'zohoTokens' ||
    k === 'emails'
  )
}

/**
 * In JSON-escaped text, a run of letters may begin inside an escape (`\n`, `\u00e9`): move `l` past
 * it so a replacement never splits an escape sequence.
 */
function afterEscape(s: string, l: number): number {
  let k = 0
  while (l - 1 - k >= 0 && s.charCodeAt(l - 1 - k) === 0x5c) k++
  if (k % 2 === 0) return l
  return s.charCodeAt(l) === 0x75 ? l + 5 : l + 1
}

/** `s` from `from` to `to` with `edits` (sorted, inside the range) applied. */
export function applyEdits(s: string, edits: readonly Edit[], from: number, to: number): string {
  let out = ''
  let pos = from
  for (const e of edits) {
    if (e.start < from || e.end > to) continue
    out += s.slice(pos, e.start) + e.text
    pos = e.end
  }
  return out + s.slice(pos, to)
}

const WINDOW = 1 << 20
const KEEP = 64 * 1024

/**
 * Textual redaction of a long JSON string's raw content, fed in pieces: keeps a window of at most
 * ~1 MiB and never cuts through a match. Works on latin1-decoded bytes so non-ASCII bytes pass
 * through untouched. A secret value longer than the window may be only partly redacted.
 */
export class StreamTextRedactor {
  private pending = ''

  constructor(private readonly rules: TextRules) {}

  /** Adds raw bytes; returns redacted bytes ready to be written (possibly empty). */
  push(bytes: Buffer): Buffer {
    this.pending += bytes.toString('latin1')
    if (this.pending.length < WINDOW + KEEP) return EMPTY
    return this.process(false)
  }

  /** The rest, redacted. */
  end(): Buffer {
    return this.process(true)
  }

  private process(final: boolean): Buffer {
    const s = this.pending
    const boundary = final ? s.length : s.length - KEEP
    const { edits, cut } = this.rules.edits(s, true, boundary)
    // A single match as long as the whole window: apply it and move on rather than grow forever.
    const commit = cut > 0 || final ? cut : s.length
    this.rules.commit(edits, commit)
    this.pending = s.slice(commit)
    return Buffer.from(applyEdits(s, edits, 0, commit), 'latin1')
  }
}

const EMPTY = Buffer.alloc(0)
