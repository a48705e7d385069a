import { type Buffer, isUtf8 } from 'node:buffer'
import { HarInputError } from './har-errors.js'
import type { InputInfo } from './har-input.js'
import { driveScanner, HarScanner, type ScannerSink, type UnitKind } from './har-scanner.js'
import type { HarContent, HarCreator, HarEntry, HarPage, HarRequest, HarResponse } from './har-types.js'
import { JwtStreamScanner } from './jwt-stream.js'
import { pathAfterPrefix } from './partial-json.js'

/** Options of {@link readHar}. */
export interface ReadHarOptions {
  /**
   * String values longer than this many raw (JSON-escaped) bytes are not kept: the entry gets `''`
   * instead and the string is reported in {@link HarEntryEvent.oversized}. Default 256 KiB.
   */
  maxStringBytes?: number
  /**
   * Upper bound for one entry's bytes after oversized strings are dropped; beyond it reading fails
   * with `ERR_HAR_NOT_HAR`. Bounds memory on hostile input. Default 64 MiB.
   */
  maxEntryBytes?: number
}

/** A string value that was too long to keep (see {@link ReadHarOptions.maxStringBytes}). */
export interface OversizedString {
  /** Where it was inside the entry, e.g. `response.content.text` or `request.headers[3].value`. */
  path: string
  /** Its length in raw bytes as stored in the file (JSON escapes counted as written). */
  bytes: number
  /** JWT-looking tokens found inside, deduplicated, in order of first appearance. */
  jwts: string[]
}

/** One element of `log.entries`, parsed. */
export interface HarEntryEvent {
  kind: 'entry'
  /** Position in `log.entries` (0-based). */
  index: number
  entry: HarEntry
  /** Strings left out of `entry` (they read as `''` there). */
  oversized: OversizedString[]
}

/**
 * What the HAR says about itself. Emitted exactly once: before the first entry when `version`,
 * `creator` and `pages` all come before `log.entries` (the usual order), otherwise after the last one.
 */
export interface HarLogEvent {
  kind: 'log'
  creator?: HarCreator
  browser?: HarCreator
  /** `log.pages`, `[]` when absent. */
  pages: HarPage[]
  version?: string
}

export type HarEvent = HarEntryEvent | HarLogEvent

/** How the read went; resolves when `events` is exhausted. */
export interface HarReadSummary {
  /** Entry events emitted. */
  entries: number
  /** Bytes read, BOM included. */
  bytes: number
  /** The file ended before the JSON document was complete (e.g. an interrupted download). */
  truncated: boolean
  /** Where it ended, e.g. `file ends inside entry 1234`; set when `truncated`. */
  truncatedReason?: string
  /** The file started with a UTF-8 byte order mark (skipped). */
  bom: boolean
  /** Elements of `log.entries` that were not entries (no `request.url`) and were skipped. */
  skipped: number
}

/** The result of {@link readHar}. */
export interface HarReader {
  /** Single-use stream of events; throws {@link HarInputError} for unreadable input. */
  events: AsyncIterable<HarEvent>
  /**
   * Settles once `events` has been iterated to its end (rejects with the same error as `events`).
   * If the consumer stops early it resolves with the counts so far.
   */
  summary: Promise<HarReadSummary>
}

const DEFAULT_MAX_STRING = 256 * 1024
const DEFAULT_MAX_ENTRY = 64 * 1024 * 1024

/**
 * Streams a HAR file entry by entry without ever holding the whole file: memory stays around the
 * largest entry (minus its oversized strings) whatever the file size.
 *
 * Input problems throw {@link HarInputError} from the iteration: `ERR_HAR_EMPTY`, `ERR_HAR_ZIP`,
 * `ERR_HAR_ENCODING` (UTF-16/32, or invalid UTF-8 inside an entry, naming it), `ERR_HAR_NOT_JSON`
 * (also gzip and other compressed files), `ERR_HAR_NOT_HAR`. A file that simply ends early is not an
 * error: every complete entry is emitted and the summary says `truncated`.
 *
 * @example
 * ```ts
 * const { events, summary } = readHar(createReadStream(file, { highWaterMark: 1 << 20 }))
 * for await (const ev of events) {
 *   if (ev.kind === 'entry' && ev.entry.request.url.includes('/oauth/v2/remote/auth')) found(ev)
 * }
 * const { entries, truncated } = await summary
 * ```
 */
export function readHar(chunks: AsyncIterable<Uint8Array>, opts: ReadHarOptions = {}): HarReader {
  let settle: (s: HarReadSummary) => void = () => {}
  let fail: (e: unknown) => void = () => {}
  const summary = new Promise<HarReadSummary>((resolve, reject) => {
    settle = resolve
    fail = reject
  })
  // A caller that only iterates `events` must not get an unhandled rejection from `summary`.
  summary.catch(() => {})

  async function* events(): AsyncGenerator<HarEvent, void, undefined> {
    const info: InputInfo = { bom: false, bytes: 0 }
    const sink = new ReaderSink()
    const scanner = new HarScanner(sink, {
      maxStringBytes: opts.maxStringBytes ?? DEFAULT_MAX_STRING,
      maxUnitBytes: opts.maxEntryBytes ?? DEFAULT_MAX_ENTRY,
      split: false,
    })
    const result = (): HarReadSummary => ({
      entries: sink.emitted,
      bytes: info.bytes,
      truncated: false,
      bom: info.bom,
      skipped: sink.skipped,
    })
    let done = false
    try {
      for await (const _step of driveScanner(scanner, chunks, info)) {
        while (sink.queue.length > 0) {
          const ev = sink.queue.shift()
          if (ev !== undefined) yield ev
        }
      }
      const complete = scanner.finish()
      if (complete) scanner.checkComplete()
      const logEvent = sink.takeLogEvent()
      if (logEvent !== undefined) yield logEvent
      const s = result()
      if (!complete) {
        s.truncated = true
        s.truncatedReason = scanner.truncation()
      }
      done = true
      settle(s)
    } catch (err) {
      done = true
      fail(err)
      throw err
    } finally {
      if (!done) settle(result())
    }
  }

  return { events: events(), summary }
}

class ReaderSink implements ScannerSink {
  readonly queue: HarEvent[] = []
  emitted = 0
  skipped = 0

  private version: string | undefined
  private creator: HarCreator | undefined
  private browser: HarCreator | undefined
  private pages: HarPage[] | undefined
  private logEmitted = false

  private oversized: OversizedString[] = []
  private current: OversizedString | undefined
  private currentJwts = new Set<string>()
  private jwtScanner = new JwtStreamScanner((token) => this.currentJwts.add(token))
  private inEntry = false

  rootStart(): void {}
  logStart(): void {}
  entriesEnd(): void {}
  rootEnd(): void {}

  logEnd(): void {
    const ev = this.takeLogEvent()
    if (ev !== undefined) this.queue.push(ev)
  }

  entriesStart(): void {
    if (this.version !== undefined && this.creator !== undefined && this.pages !== undefined) {
      const ev = this.takeLogEvent()
      if (ev !== undefined) this.queue.push(ev)
    }
  }

  /** The log event if not emitted yet (then marks it emitted). */
  takeLogEvent(): HarLogEvent | undefined {
    if (this.logEmitted) return undefined
    this.logEmitted = true
    const ev: HarLogEvent = { kind: 'log', pages: this.pages ?? [] }
    if (this.creator !== undefined) ev.creator = this.creator
    if (this.browser !== undefined) ev.browser = this.browser
    if (this.version !== undefined) ev.version = this.version
    return ev
  }

  wantUnit(kind: UnitKind, key: string): boolean {
    this.oversized = []
    this.inEntry = kind === 'entry'
    if (kind === 'entry') return true
    return kind === 'log-member' && (key === 'version' || key === 'creator' || key === 'browser' || key === 'pages')
  }

  unitEnd(kind: UnitKind, key: string, index: number, bytes: Buffer): void {
    const what = kind === 'entry' ? `entry ${index}` : `log.${key}`
    if (!isUtf8(bytes)) {
      throw new HarInputError('ERR_HAR_ENCODING', `${what} is not valid UTF-8 (is the file in another encoding?)`)
    }
    let value: unknown
    try {
      value = JSON.parse(bytes.toString('utf8'))
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err)
      throw new HarInputError('ERR_HAR_NOT_JSON', `${what} is not valid JSON: ${reason}`, { cause: err })
    }
    if (kind === 'entry') {
      const entry = toEntry(value)
      if (entry === undefined) this.skipped++
      else {
        this.emitted++
        this.queue.push({ kind: 'entry', index, entry, oversized: this.oversized })
      }
      this.oversized = []
      return
    }
    if (key === 'version' && typeof value === 'string') this.version = value
    else if (key === 'creator') this.creator = toCreator(value)
    else if (key === 'browser') this.browser = toCreator(value)
    else if (key === 'pages' && Array.isArray(value)) this.pages = value.filter(isPage)
  }

  oversizedBegin(prefix: Buffer, kinds: Uint8Array): void {
    this.current = this.inEntry ? { path: pathAfterPrefix(prefix.toString('utf8'), kinds), bytes: 0, jwts: [] } : undefined
    this.currentJwts = new Set()
  }

  oversizedData(bytes: Buffer): void {
    if (this.current === undefined) return
    this.jwtScanner.push(bytes, this.current.bytes)
    this.current.bytes += bytes.length
  }

  oversizedEnd(): void {
    if (this.current === undefined) return
    this.jwtScanner.end()
    this.current.jwts = [...this.currentJwts]
    this.oversized.push(this.current)
    this.current = undefined
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function str(v: unknown, fallback = ''): string {
  return typeof v === 'string' ? v : fallback
}

function num(v: unknown, fallback: number): number {
  return typeof v === 'number' ? v : fallback
}

function list<T>(v: unknown, keep: (x: unknown) => x is T): T[] {
  return Array.isArray(v) ? v.filter(keep) : []
}

function isNameValue(v: unknown): v is { name: string; value: string } {
  return isRecord(v) && typeof v.name === 'string' && typeof v.value === 'string'
}

function isPostParam(v: unknown): v is { name: string } {
  return isRecord(v) && typeof v.name === 'string'
}

function isPage(v: unknown): v is HarPage {
  if (!isRecord(v)) return false
  if (typeof v.id !== 'string') return false
  if (typeof v.startedDateTime !== 'string') v.startedDateTime = ''
  if (typeof v.title !== 'string') v.title = ''
  if (!isRecord(v.pageTimings)) v.pageTimings = {}
  return true
}

function toCreator(v: unknown): HarCreator | undefined {
  if (!isRecord(v) || typeof v.name !== 'string') return undefined
  const creator: HarCreator = { ...v, name: v.name, version: str(v.version) }
  return creator
}

/**
 * Checks that a parsed element of `log.entries` is an entry (`request.url` is a string) and fills
 * missing required fields with neutral defaults so the {@link HarEntry} type holds.
 */
function toEntry(v: unknown): HarEntry | undefined {
  if (!isRecord(v) || !isRecord(v.request) || typeof v.request.url !== 'string') return undefined
  const rq = v.request
  const request: HarRequest = {
    ...rq,
    method: str(rq.method, 'GET'),
    url: str(rq.url),
    httpVersion: str(rq.httpVersion),
    cookies: list(rq.cookies, isNameValue),
    headers: list(rq.headers, isNameValue),
    queryString: list(rq.queryString, isNameValue),
    headersSize: num(rq.headersSize, -1),
    bodySize: num(rq.bodySize, -1),
  }
  if (isRecord(rq.postData)) {
    const pd = rq.postData
    request.postData = { ...pd, mimeType: str(pd.mimeType) }
    if (pd.text !== undefined) request.postData.text = str(pd.text)
    if (pd.params !== undefined) request.postData.params = list(pd.params, isPostParam)
  } else delete request.postData
  const rs = isRecord(v.response) ? v.response : {}
  const ct = isRecord(rs.content) ? rs.content : {}
  const content: HarContent = { ...ct, size: num(ct.size, -1), mimeType: str(ct.mimeType) }
  if (ct.text !== undefined) content.text = str(ct.text)
  if (ct.encoding !== undefined) content.encoding = str(ct.encoding)
  const response: HarResponse = {
    ...rs,
    status: num(rs.status, 0),
    statusText: str(rs.statusText),
    httpVersion: str(rs.httpVersion),
    cookies: list(rs.cookies, isNameValue),
    headers: list(rs.headers, isNameValue),
    content,
    redirectURL: str(rs.redirectURL),
    headersSize: num(rs.headersSize, -1),
    bodySize: num(rs.bodySize, -1),
  }
  const timings = isRecord(v.timings) ? v.timings : {}
  const entry: HarEntry = {
    ...v,
    startedDateTime: str(v.startedDateTime),
    time: num(v.time, 0),
    request,
    response,
    cache: isRecord(v.cache) ? v.cache : {},
    timings: { ...timings, send: num(timings.send, -1), wait: num(timings.wait, -1), receive: num(timings.receive, -1) },
  }
  return entry
}
