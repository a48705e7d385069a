import { Buffer, isUtf8 } from 'node:buffer'
import { randomBytes } from 'node:crypto'
import { HarInputError } from './har-errors.js'
import type { InputInfo } from './har-input.js'
import { driveScanner, HarScanner, KIND_ARRAY, KIND_OBJECT, type ScannerSink, type UnitKind } from './har-scanner.js'
import { DUMMY_KEY, PLACEHOLDER, closeWithPlaceholder, parseWithPath, reopen, type PathParse } from './partial-json.js'
import { REDACTED, StreamTextRedactor, TextRules, emptyStats, isSecretField, isSecretHeader, type RedactionStats } from './redact-text.js'

export type { RedactionStats } from './redact-text.js'

/** Options of {@link redactHar}. */
export interface RedactOptions {
  /** Replace every email address (also inside JWT payloads) with a stable pseudonym. */
  redactEmails?: boolean
  /**
   * Salt of the email pseudonyms (`user-<8 hex of sha256(salt + email)>@redacted.invalid`). Default:
   * random per call, so pseudonyms are stable within one output but cannot be reversed by hashing
   * guessed addresses. Pass a fixed value for reproducible output.
   */
  emailSalt?: string
  /** Strings longer than this are streamed through textual redaction instead of parsed. Default 1 MiB. */
  maxStringBytes?: number
  /** Upper bound for one entry's bytes without its long strings. Default 64 MiB. */
  maxEntryBytes?: number
}

/** Receives the redacted output in order; the returned promise gives backpressure. */
export type WriteChunk = (chunk: Uint8Array | string) => Promise<void>

const DEFAULT_MAX_STRING = 1024 * 1024
const DEFAULT_MAX_ENTRY = 64 * 1024 * 1024

/**
 * Writes a copy of a HAR that is safe to attach to a support ticket, streaming with bounded memory
 * (works on files of any size; long bodies are passed through with textual redaction).
 *
 * - Every JWT keeps its header and payload; its signature becomes `REDACTED`.
 * - `Cookie`/`Set-Cookie` values become `REDACTED` (names and attributes kept), `cookies[].value` too;
 *   `Authorization` keeps its scheme; other credential headers (`X-Api-Key`, `X-CSRF-Token`, …) become
 *   `REDACTED`.
 * - Secret-looking parameters and fields (`access_token`, `refresh_token`, `id_token`, `client_secret`,
 *   `code`, `password`, `secret`, `api_key`, `accessToken`, session/CSRF ids, …) in URLs (also
 *   percent-encoded), `queryString`, form and multipart bodies, `postData.params` and JSON bodies at
 *   any depth become `REDACTED`; Zoho OAuth tokens `1000.<hex>.<hex>` anywhere become `1000.REDACTED`.
 * - With `redactEmails`, every email address (also inside JWT payloads, which are re-encoded) becomes
 *   `user-<8 hex>@redacted.invalid`, the same address always giving the same pseudonym.
 *
 * The output is compact JSON and still a HAR 1.2 (`log.version`, `log.creator` and `log.entries` are
 * always present); sizes (`content.size`, `bodySize`) are left as they were. Input errors throw
 * {@link HarInputError} as for `readHar`, possibly after some output was written: discard it then.
 * A truncated input gives a complete, valid document of the entries that could be read
 * (`stats.truncated`).
 *
 * @example
 * ```ts
 * const out = createWriteStream('safe.har')
 * const stats = await redactHar(createReadStream('in.har'), async (c) => {
 *   if (!out.write(c)) await once(out, 'drain')
 * }, { redactEmails: true })
 * ```
 */
export async function redactHar(chunks: AsyncIterable<Uint8Array>, write: WriteChunk, opts: RedactOptions = {}): Promise<RedactionStats> {
  const info: InputInfo = { bom: false, bytes: 0 }
  const stats = emptyStats()
  const text = new TextRules({ redactEmails: opts.redactEmails ?? false, emailSalt: opts.emailSalt ?? randomBytes(16).toString('hex') }, stats)
  const out = new Output()
  const sink = new RedactSink(out, new EntryRules(text), stats)
  const scanner = new HarScanner(sink, {
    maxStringBytes: opts.maxStringBytes ?? DEFAULT_MAX_STRING,
    maxUnitBytes: opts.maxEntryBytes ?? DEFAULT_MAX_ENTRY,
    split: true,
  })
  try {
    for await (const _step of driveScanner(scanner, chunks, info)) {
      if (out.size > 0) stats.bytesOut += await out.flush(write)
    }
    if (scanner.finish()) scanner.checkComplete()
    else {
      stats.truncated = true
      const reason = scanner.truncation()
      if (reason !== undefined) stats.truncatedReason = reason
      sink.closeTruncated(scanner)
    }
  } catch (err) {
    // The rules walk a unit recursively; thousands of levels are an input problem, not a crash.
    if (err instanceof RangeError) throw new HarInputError('ERR_HAR_NOT_JSON', 'the file is nested too deeply to redact', { cause: err })
    throw err
  }
  stats.bytesOut += await out.flush(write)
  stats.bytesIn = info.bytes
  stats.bom = info.bom
  return stats
}

/** Output pieces waiting to be written, in order. */
class Output {
  private parts: Buffer[] = []
  private text = ''
  size = 0

  str(s: string): void {
    this.text += s
    this.size += s.length
    if (this.text.length >= 1 << 16) this.cut()
  }

  bytes(b: Buffer): void {
    if (b.length === 0) return
    this.cut()
    this.parts.push(b)
    this.size += b.length
  }

  async flush(write: WriteChunk): Promise<number> {
    this.cut()
    const parts = this.parts
    this.parts = []
    this.size = 0
    let n = 0
    for (const p of parts) {
      n += p.length
      await write(p)
    }
    return n
  }

  private cut(): void {
    if (this.text === '') return
    this.parts.push(Buffer.from(this.text, 'utf8'))
    this.text = ''
  }
}

type PathSeg = string | number

/**
 * The rules look at most five levels into an entry (`request.postData.params[i].value`), so the
 * path stops growing there: copying the whole path at every level made 10,000-level nesting cost
 * 50 million copies (seconds for 20 KB).
 */
const MAX_RULE_PATH = 6

function extend(path: readonly PathSeg[], key: PathSeg): PathSeg[] {
  return path.length < MAX_RULE_PATH ? [...path, key] : [...path.slice(0, MAX_RULE_PATH - 1), '…']
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : ''
}

/** What to do with an oversized string: stream it through the textual rules, or replace it (counted as this kind). */
type StreamMode = 'text' | 'cookies' | 'authorization' | 'sensitiveHeaders' | 'secretParams'

/** The HAR-aware rules: which strings are headers, cookies, parameters, bodies. */
class EntryRules {
  constructor(readonly text: TextRules) {}

  /** Redacts a whole unit (an entry or a member of `log`/the root) in place. */
  unit(kind: UnitKind, value: unknown): unknown {
    if (typeof value === 'string') return this.text.text(value)
    if (typeof value === 'object' && value !== null) this.container(kind, [], value)
    return value
  }

  /** The redacted value of `parent[key]` (`parent` holds the siblings known so far). */
  child(kind: UnitKind, parentPath: readonly PathSeg[], parent: Readonly<Record<string, unknown>>, key: PathSeg, value: unknown): unknown {
    if (typeof value === 'string') return this.string(kind, parentPath, parent, key, value)
    if (typeof value === 'object' && value !== null) this.container(kind, extend(parentPath, key), value)
    return value
  }

  /** How to treat an oversized string at `parent[key]`. */
  streamMode(kind: UnitKind, parentPath: readonly PathSeg[], parent: Readonly<Record<string, unknown>>, key: PathSeg): StreamMode {
    if (kind !== 'entry' || key !== 'value') return 'text'
    const [p0, p1] = parentPath
    const name = str(parent.name)
    // `value` streamed before `name` (key order is free in JSON): the name is not known yet, so the
    // value is treated as the credential it may be.
    const unnamed = typeof parent.name !== 'string'
    if (parentPath.length === 3 && (p0 === 'request' || p0 === 'response')) {
      if (p1 === 'cookies') return 'cookies'
      if (unnamed && p1 === 'headers') return 'sensitiveHeaders'
      if (unnamed && p1 === 'queryString') return 'secretParams'
      if (p1 === 'headers') {
        const n = name.toLowerCase()
        if (n === 'cookie' || n === 'set-cookie') return 'cookies'
        if (n === 'authorization' || n === 'proxy-authorization') return 'authorization'
        if (isSecretHeader(n)) return 'sensitiveHeaders'
      }
      if (p1 === 'queryString' && isSecretField(name, '', 'query')) return 'secretParams'
    }
    if (parentPath.length === 4 && p1 === 'postData' && parentPath[2] === 'params' && (unnamed || isSecretField(name, '', 'query'))) {
      return 'secretParams'
    }
    return 'text'
  }

  private container(kind: UnitKind, path: readonly PathSeg[], node: object): void {
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) node[i] = this.child(kind, path, {}, i, node[i])
      return
    }
    if (!isRecord(node)) return
    for (const k of Object.keys(node)) node[k] = this.child(kind, path, node, k, node[k])
  }

  private string(kind: UnitKind, path: readonly PathSeg[], parent: Readonly<Record<string, unknown>>, key: PathSeg, value: string): string {
    if (kind === 'entry') {
      const [p0, p1] = path
      const n = path.length
      if (key === 'value' && n === 3 && (p0 === 'request' || p0 === 'response')) {
        // A header or parameter whose name is missing (or not yet seen) may be a credential.
        if ((p1 === 'headers' || p1 === 'queryString') && typeof parent.name !== 'string')
          return this.text.secret(value, p1 === 'headers' ? 'sensitiveHeaders' : 'secretParams')
        if (p1 === 'headers') return this.header(str(parent.name), value)
        if (p1 === 'cookies') return this.text.secret(value, 'cookies')
        if (p1 === 'queryString') return this.param(str(parent.name), value)
      }
      if (key === 'value' && n === 4 && p0 === 'request' && p1 === 'postData' && path[2] === 'params') {
        if (typeof parent.name !== 'string') return this.text.secret(value, 'secretParams')
        return this.param(str(parent.name), value)
      }
      if (key === 'text' && n === 2 && p0 === 'request' && p1 === 'postData') {
        return this.body(value, str(parent.mimeType), '')
      }
      if (key === 'text' && n === 2 && p0 === 'response' && p1 === 'content') {
        return this.body(value, str(parent.mimeType), str(parent.encoding))
      }
    }
    return this.text.text(value)
  }

  private param(name: string, value: string): string {
    if (isSecretField(name, value, 'query')) return this.text.secret(value, 'secretParams')
    return this.text.text(value)
  }

  private header(name: string, value: string): string {
    const n = name.toLowerCase()
    if (n === 'cookie') return this.cookieHeader(value)
    if (n === 'set-cookie') return this.setCookieHeader(value)
    if (n === 'authorization' || n === 'proxy-authorization') return this.authorization(value)
    if (isSecretHeader(n)) return this.text.secret(value, 'sensitiveHeaders')
    return this.text.text(value)
  }

  private cookieHeader(value: string): string {
    if (!value.includes('=')) return this.text.secret(value, 'cookies')
    return value.replace(/(^|;)(\s*)([^=;]*)=([^;]*)/g, (all: string, sep: string, ws: string, name: string, v: string) => {
      const r = this.text.secret(v.trim(), 'cookies')
      return r === v.trim() ? all : `${sep}${ws}${name}=${r}`
    })
  }

  /** Only the `name=value` pair is secret; attributes (Path, SameSite, …) stay for the diagnosis. */
  private setCookieHeader(value: string): string {
    return value
      .split('\n')
      .map((line) => {
        const m = /^(\s*[^=;]*=)([^;]*)(.*)$/s.exec(line)
        if (m === null) return this.text.secret(line, 'cookies')
        const v = m[2] ?? ''
        const r = this.text.secret(v.trim(), 'cookies')
        return r === v.trim() ? line : `${m[1] ?? ''}${r}${m[3] ?? ''}`
      })
      .join('\n')
  }

  private authorization(value: string): string {
    const m = /^(\s*[A-Za-z][\w.+-]*)(\s+)(.+)$/s.exec(value)
    if (m === null) return this.text.secret(value, 'authorization')
    const cred = m[3] ?? ''
    const r = this.text.secret(cred, 'authorization')
    return r === cred ? value : `${m[1] ?? ''}${m[2] ?? ''}${r}`
  }

  private body(text: string, mimeType: string, encoding: string): string {
    const mt = mimeType.toLowerCase()
    if (encoding === 'base64') return this.base64Body(text, mt)
    let t = text
    if (mt.includes('multipart/form-data')) t = this.multipart(t)
    return this.text.text(t)
  }

  /** Base64 bodies that decode to text get the text rules and are re-encoded; binary ones pass. */
  private base64Body(text: string, mt: string): string {
    if (/^(image|audio|video|font)\//.test(mt) || text.length > 64 * 1024 * 1024) return text
    const bytes = Buffer.from(text, 'base64')
    if (bytes.length === 0 || !isUtf8(bytes) || bytes.includes(0)) return text
    const decoded = bytes.toString('utf8')
    const redacted = this.body(decoded, mt, '')
    return redacted === decoded ? text : Buffer.from(redacted, 'utf8').toString('base64')
  }

  private multipart(text: string): string {
    return text.replace(/(name="([^"]*)"[^\r\n]*\r?\n(?:[^\r\n]+\r?\n)*\r?\n)([^\r\n]*)/g, (all: string, head: string, name: string, value: string) => {
      if (value === '' || !isSecretField(name, value, 'query')) return all
      return `${head}${this.text.secret(value, 'secretParams')}`
    })
  }
}

/** An open container of a unit whose output is already being written (around an oversized string). */
interface Frame {
  kind: number
  path: PathSeg[]
  /** Earlier siblings with primitive values (e.g. a header's `name`), for the rules. */
  known: Record<string, unknown>
  /** Children written so far. */
  count: number
}

/** Where an oversized string sits. */
interface StreamContext {
  path: PathSeg[]
  known: Record<string, unknown>
  key: PathSeg
}

interface Segment {
  start: number
  end: number
  minLevel: number
  parsed: PathParse
}

class RedactSink implements ScannerSink {
  private logSeen = false
  private rootMembers = 0
  private logMembers = 0
  private entriesOut = 0
  private logKeys = new Set<string>()
  private unitKind: UnitKind = 'entry'
  private unitKey = ''
  private unitIndex = -1
  private unitStarted = false
  private frames: Frame[] = []
  private segment: Segment | undefined
  private streamMode: StreamMode | undefined
  private stream: StreamTextRedactor | undefined

  constructor(
    private readonly out: Output,
    private readonly rules: EntryRules,
    private readonly stats: RedactionStats,
  ) {}

  rootStart(): void {
    this.out.str('{')
  }

  logStart(): void {
    // A second "log" would make the copy ambiguous JSON that no HAR viewer reads: refuse.
    if (this.logSeen) throw new HarInputError('ERR_HAR_NOT_HAR', 'the file has two "log" members; no redacted copy is written (it would not be a valid HAR)')
    this.logSeen = true
    this.out.str(`${this.rootMembers++ > 0 ? ',' : ''}"log":{`)
    this.logKeys = new Set()
  }

  entriesStart(): void {
    if (this.logKeys.has('entries'))
      throw new HarInputError('ERR_HAR_NOT_HAR', 'log has two "entries" members; no redacted copy is written (it would not be a valid HAR)')
    this.out.str(`${this.logMembers++ > 0 ? ',' : ''}"entries":[`)
    this.logKeys.add('entries')
  }

  entriesEnd(): void {
    this.out.str(']')
  }

  logEnd(): void {
    this.completeLog()
    this.out.str('}')
  }

  rootEnd(): void {
    this.out.str('}\n')
  }

  wantUnit(kind: UnitKind, key: string, index: number): boolean {
    this.unitKind = kind
    this.unitKey = key
    this.unitIndex = index
    this.unitStarted = false
    this.frames = []
    return true
  }

  unitEnd(kind: UnitKind, key: string, _index: number, bytes: Buffer): void {
    this.checkUtf8(bytes)
    if (!this.unitStarted) {
      const value = this.parse(bytes)
      this.checkShape(kind, key, value)
      const redacted = this.rules.unit(kind, value)
      const shaped = kind === 'log-member' ? harLogMember(key, redacted) : redacted
      if (shaped === undefined) return
      this.startOutput()
      this.out.str(stringifyUnit(shaped, this.what()))
    } else {
      this.emitSegment(bytes, null, 0)
    }
    if (kind === 'entry') this.stats.entries++
    if (kind === 'log-member') this.logKeys.add(key)
    this.unitStarted = false
  }

  oversizedBegin(prefix: Buffer, kinds: Uint8Array, minLevel: number): void {
    this.checkUtf8(prefix)
    // The unit's shape, known from its first container (or its being a string), before any output.
    if (!this.unitStarted) {
      this.checkShape(this.unitKind, this.unitKey, kinds.length === 0 ? '' : kinds[0] === KIND_OBJECT ? {} : [])
      // A small creator of the wrong type is rebuilt (harLogMember); one being streamed cannot be.
      if (this.unitKind === 'log-member' && this.unitKey === 'creator' && kinds[0] !== KIND_OBJECT) {
        throw new HarInputError('ERR_HAR_NOT_HAR', 'log.creator is not an object; no redacted copy is written (it would not be a valid HAR)')
      }
    }
    this.startOutput()
    const ctx = this.emitSegment(prefix, kinds, minLevel)
    this.out.str('"')
    this.stats.oversizedStrings++
    this.streamMode = ctx === undefined ? 'text' : this.rules.streamMode(this.unitKind, ctx.path, ctx.known, ctx.key)
    if (this.streamMode === 'text') this.stream = new StreamTextRedactor(this.rules.text)
    else {
      this.stats[this.streamMode]++
      this.out.str(REDACTED)
    }
  }

  oversizedData(bytes: Buffer): void {
    if (this.stream !== undefined) this.out.bytes(this.stream.push(bytes))
  }

  oversizedEnd(): void {
    if (this.stream !== undefined) this.out.bytes(this.stream.end())
    this.out.str('"')
    this.stream = undefined
    this.streamMode = undefined
  }

  /** After a truncated input: closes whatever was opened so that the output is complete JSON. */
  closeTruncated(scanner: HarScanner): void {
    if (scanner.unitOpen && this.unitStarted) {
      if (this.streamMode !== undefined) this.oversizedEnd()
      for (let i = this.frames.length - 1; i >= 0; i--) this.out.str(this.frames[i]?.kind === KIND_ARRAY ? ']' : '}')
      if (this.unitKind === 'entry') this.stats.entries++
    }
    if (!scanner.logSeen) {
      this.out.str(`${this.rootMembers++ > 0 ? ',' : ''}"log":{`)
      this.logKeys = new Set()
      this.logEnd()
    } else if (scanner.logOpen) {
      if (scanner.entriesOpen) this.out.str(']')
      this.logEnd()
    }
    if (scanner.rootOpen) this.out.str('}\n')
  }

  private completeLog(): void {
    const add = (key: string, json: string): void => {
      if (this.logKeys.has(key)) return
      this.out.str(`${this.logMembers++ > 0 ? ',' : ''}"${key}":${json}`)
      this.logKeys.add(key)
    }
    add('version', '"1.2"')
    add('creator', '{"name":"unknown","version":""}')
    add('entries', '[]')
  }

  private startOutput(): void {
    if (this.unitStarted) return
    this.unitStarted = true
    if (this.unitKind === 'entry') this.out.str(this.entriesOut++ > 0 ? ',' : '')
    else if (this.unitKind === 'log-member') this.out.str(`${this.logMembers++ > 0 ? ',' : ''}${JSON.stringify(this.unitKey)}:`)
    else this.out.str(`${this.rootMembers++ > 0 ? ',' : ''}${JSON.stringify(this.unitKey)}:`)
  }

  /**
   * Refuses what would make the copy something other than a HAR 1.2: an entry that is not an object,
   * a `log` that is not an object, `entries` that is not an array, a duplicated member of `log`.
   */
  private checkShape(kind: UnitKind, key: string, value: unknown): void {
    const refuse = (why: string): never => {
      throw new HarInputError('ERR_HAR_NOT_HAR', `${why}; no redacted copy is written (it would not be a valid HAR)`)
    }
    if (kind === 'entry' && !isRecord(value)) refuse(`entry ${this.unitIndex} is not an object`)
    if (kind === 'root-member' && key === 'log') refuse('"log" is not an object')
    if (kind === 'log-member') {
      if (key === 'entries') refuse('log.entries is not an array')
      if (this.logKeys.has(key)) refuse(`log has two "${key}" members`)
    }
  }

  private what(): string {
    return this.unitKind === 'entry' ? `entry ${this.unitIndex}` : `"${this.unitKey}"`
  }

  private checkUtf8(bytes: Buffer): void {
    if (!isUtf8(bytes)) {
      throw new HarInputError('ERR_HAR_ENCODING', `${this.what()} is not valid UTF-8 (is the file in another encoding?)`)
    }
  }

  private parse(bytes: Buffer): unknown {
    try {
      return JSON.parse(bytes.toString('utf8'))
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err)
      throw new HarInputError('ERR_HAR_NOT_JSON', `${this.what()} is not valid JSON: ${reason}`, { cause: err })
    }
  }

  /**
   * Writes one segment of a unit that contains oversized strings. The segment's bytes are made
   * parseable by re-opening the containers still open from the previous segment and closing the
   * ones open at its end around a placeholder; then its new children are redacted and written.
   * Returns where the next oversized string sits (undefined for the final segment).
   */
  private emitSegment(bytes: Buffer, endKinds: Uint8Array | null, minLevel: number): StreamContext | undefined {
    const start = this.frames.length
    const end = endKinds === null ? 0 : endKinds.length
    if (endKinds !== null && end === 0) {
      return { path: [], known: {}, key: this.unitKind === 'entry' ? this.unitIndex : this.unitKey }
    }
    const body = bytes.toString('utf8')
    if (start === 0 && endKinds === null && body.trim() === '') return undefined
    const text = reopen(this.frames.map((f) => f.kind)) + body + (endKinds === null ? '' : closeWithPlaceholder(endKinds))
    let parsed: PathParse
    try {
      parsed = parseWithPath(text)
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err)
      throw new HarInputError('ERR_HAR_NOT_JSON', `${this.what()} is not valid JSON: ${reason}`, { cause: err })
    }
    this.segment = { start, end, minLevel, parsed }
    return this.walk(parsed.root, 0, start > 0, [])
  }

  private walk(node: unknown, level: number, continuing: boolean, newPath: PathSeg[]): StreamContext | undefined {
    const seg = this.segment
    if (seg === undefined || typeof node !== 'object' || node === null) return undefined
    const isArray = Array.isArray(node)
    let frame = continuing ? this.frames[level] : undefined
    if (frame === undefined) {
      frame = { kind: isArray ? KIND_ARRAY : KIND_OBJECT, path: newPath, known: {}, count: 0 }
      this.frames[level] = frame
      this.frames.length = level + 1
      this.out.str(isArray ? '[' : '{')
      continuing = false
    }
    const onPath = level < seg.end && (!continuing || level < seg.minLevel)
    const endKey = onPath ? seg.parsed.endKey.get(node) : undefined
    let ctx: StreamContext | undefined
    let dummyKey: string | undefined
    if (continuing) {
      dummyKey = isArray ? '0' : DUMMY_KEY
      if (level < seg.start - 1) ctx = this.walk(Reflect.get(node, dummyKey), level + 1, true, [])
    }
    const keys = isArray ? Array.from(node, (_, i) => String(i)) : Object.keys(node)
    if (!isArray) {
      // Every primitive sibling in this segment is known before any child is written, so a header's
      // `value` listed before its `name` is still judged by the name.
      for (const k of keys) {
        if (k === dummyKey || k === endKey) continue
        const value: unknown = Reflect.get(node, k)
        if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') frame.known[k] = value
      }
    }
    for (const k of keys) {
      if (k === dummyKey || k === endKey) continue
      const key = this.sepAndKey(frame, k)
      const value: unknown = Reflect.get(node, k)
      const redacted = this.rules.child(this.unitKind, frame.path, frame.known, key, value)
      this.out.str(JSON.stringify(redacted))
      if (frame.kind === KIND_OBJECT && (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')) {
        frame.known[k] = value
      }
    }
    if (endKey !== undefined && endKey !== dummyKey) {
      const key = this.sepAndKey(frame, endKey)
      const child: unknown = Reflect.get(node, endKey)
      if (child === PLACEHOLDER) ctx = { path: frame.path, known: frame.known, key }
      else ctx = this.walk(child, level + 1, false, extend(frame.path, key))
    }
    if (!onPath) {
      this.out.str(isArray ? ']' : '}')
      this.frames.length = level
    }
    return ctx
  }

  /** Writes the separator (and key) before the next child of `frame`; returns the child's path key. */
  private sepAndKey(frame: Frame, k: string): PathSeg {
    const sep = frame.count > 0 ? ',' : ''
    frame.count++
    if (frame.kind === KIND_ARRAY) {
      this.out.str(sep)
      return frame.count - 1
    }
    this.out.str(`${sep}${JSON.stringify(k)}:`)
    return k
  }
}

/**
 * A member of `log` as HAR 1.2 wants it: `version` a string (a number becomes its text, anything
 * else "1.2"), `creator` an object with string `name` and `version`, `pages` an array (else dropped).
 * `undefined` drops the member.
 */
function harLogMember(key: string, value: unknown): unknown {
  if (key === 'version') return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '1.2'
  if (key === 'creator') {
    if (!isRecord(value)) return { name: typeof value === 'string' && value !== '' ? value : 'unknown', version: '' }
    return {
      ...value,
      name: typeof value.name === 'string' ? value.name : 'unknown',
      version: typeof value.version === 'string' ? value.version : typeof value.version === 'number' ? String(value.version) : '',
    }
  }
  if (key === 'pages' && !Array.isArray(value)) return undefined
  return value
}

/** JSON.stringify, with a nesting too deep for it turned into the one-line error every input error is. */
function stringifyUnit(value: unknown, what: string): string {
  try {
    return JSON.stringify(value)
  } catch (err) {
    if (err instanceof RangeError) throw new HarInputError('ERR_HAR_NOT_JSON', `${what} is nested too deeply to copy`, { cause: err })
    throw err
  }
}
