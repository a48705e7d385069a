import { Buffer } from 'node:buffer'
import { HarInputError } from './har-errors.js'
import { excerpt, sniffInput, type InputInfo } from './har-input.js'

/** Container kinds on the scanner's stack. */
export const KIND_OBJECT = 1
export const KIND_ARRAY = 2

/**
 * The values the scanner hands out whole: a member of the root object other than `log`, a member of
 * `log` other than `entries`, or one element of `log.entries`.
 */
export type UnitKind = 'root-member' | 'log-member' | 'entry'

/** Receives what {@link HarScanner} finds. All calls are synchronous; byte views are only valid during the call. */
export interface ScannerSink {
  rootStart(): void
  /** A unit starts; return true to have its bytes copied and handed to {@link unitEnd}. */
  wantUnit(kind: UnitKind, key: string, index: number): boolean
  /** A copied unit ended. In split mode `bytes` is what followed the last oversized string. */
  unitEnd(kind: UnitKind, key: string, index: number, bytes: Buffer): void
  /**
   * A string value inside a copied unit grew past the limit. `prefix` is the unit's bytes up to the
   * string's opening quote (split mode: since the previous oversized string), `kinds` the containers
   * open inside the unit, outermost first, `minLevel` how many of them stayed open since the previous
   * oversized string (split mode).
   */
  oversizedBegin(prefix: Buffer, kinds: Uint8Array, minLevel: number): void
  /** Raw (still JSON-escaped) content bytes of the oversized string. */
  oversizedData(bytes: Buffer): void
  oversizedEnd(): void
  logStart(): void
  entriesStart(): void
  entriesEnd(): void
  logEnd(): void
  rootEnd(): void
}

export interface ScannerOptions {
  /** String values longer than this (in raw bytes) are not copied into units. */
  maxStringBytes: number
  /** A unit's copied bytes may not exceed this. */
  maxUnitBytes: number
  /**
   * false: an oversized string stays in the unit as `""` (reader). true: units are handed out in
   * segments around oversized strings, which are dropped from the bytes (redactor).
   */
  split: boolean
}

const ST_VALUE = 0
const ST_VALUE_OR_END = 1
const ST_KEY_OR_END = 2
const ST_KEY = 3
const ST_COLON = 4
const ST_AFTER_VALUE = 5
const ST_DONE = 6

const QUOTE = 0x22
const BACKSLASH = 0x5c
const SHORT_SCAN = 32
const MAX_DEPTH = 10_000
const MAX_KEY_BYTES = 1024

const WS = new Uint8Array(256)
WS[0x20] = WS[0x09] = WS[0x0a] = WS[0x0d] = 1
const LITERAL = new Uint8Array(256)
for (const ch of '0123456789+-.eEabcdfilnrstuxyzABCDFILNRSTUXYZ') LITERAL[ch.charCodeAt(0)] = 1
const LITERAL_START = new Uint8Array(256)
for (const ch of '-0123456789tfnNI') LITERAL_START[ch.charCodeAt(0)] = 1

function describeByte(c: number): string {
  if (c >= 0x21 && c < 0x7f) return `'${String.fromCharCode(c)}'`
  return `byte 0x${c.toString(16).padStart(2, '0')}`
}

function kindName(c: number): string {
  if (c === 0x7b) return 'an object'
  if (c === 0x5b) return 'an array'
  if (c === QUOTE) return 'a string'
  if (c === 0x74 || c === 0x66) return 'a boolean'
  if (c === 0x6e) return 'null'
  return 'a number'
}

/**
 * A byte-level JSON state machine specialised for HAR: it validates the JSON structure, follows
 * `log.entries`, and copies each unit's bytes (see {@link UnitKind}) into a reusable buffer for
 * `JSON.parse`, leaving out string values longer than `maxStringBytes`. Inside strings it jumps to
 * the next `"` or `\` with `Buffer.indexOf`.
 *
 * Feed it with `run(buf, pos)` until `pos === buf.length`; it returns early after each unit so the
 * caller can drain what the sink produced. Call `finish()` at the end of the input.
 */
export class HarScanner {
  /** Stream offset of the current buffer's first byte (for messages). */
  base = 0

  private state = ST_VALUE
  private depth = 0
  private kinds = new Uint8Array(64)
  private inString = false
  private isKey = false
  private escape = false
  private inLiteral = false

  private rootStarted = false
  private inLog = false
  private inEntries = false
  private logOpening = false
  private entriesOpening = false
  private seenLog = false
  private seenEntries = false
  private rootKey = ''
  private logKey = ''
  private rootKeys: string[] = []
  private logKeys: string[] = []
  private keyBytes: number[] | null = null

  private inUnit = false
  private copy = false
  private unitDepth = 0
  private unitKind: UnitKind = 'entry'
  private unitKey = ''
  private unitIndex = -1
  private entryCount = 0

  private cap: Buffer = Buffer.allocUnsafe(1 << 16)
  private capLen = 0
  private capStart = 0
  /** Index of the current value string's opening quote in capture coordinates, or -1. */
  private strCap = -1
  private oversized = false
  private ovFrom = 0
  private segMin = 0
  private paused = false

  private qBuf: Buffer | null = null
  private qPos = 0
  private bBuf: Buffer | null = null
  private bPos = 0

  constructor(
    private readonly sink: ScannerSink,
    private readonly opts: ScannerOptions,
  ) {}

  /** Entries started so far (the index the next entry gets). */
  get entriesStarted(): number {
    return this.entryCount
  }

  /** Where the input stopped, for the truncation message; undefined when the document is complete. */
  truncation(): string | undefined {
    if (this.state === ST_DONE) return undefined
    if (this.inUnit && this.unitKind === 'entry') return `file ends inside entry ${this.unitIndex}`
    if (this.inEntries) {
      return this.entryCount === 0
        ? 'file ends inside log.entries before the first entry'
        : `file ends after entry ${this.entryCount - 1}, before log.entries is closed`
    }
    if (this.seenEntries) return 'file ends after log.entries, before the document is closed'
    if (this.inUnit && this.unitKind === 'log-member') return `file ends inside log.${this.unitKey}, before log.entries`
    return 'file ends before log.entries'
  }

  /** True once the root value has started (anything but whitespace was read). */
  get started(): boolean {
    return this.rootStarted
  }

  /** Throws for a complete document that is not a HAR; call after the input ended cleanly. */
  checkComplete(): void {
    if (!this.seenLog) {
      const keys = this.rootKeys.length > 0 ? `top-level keys: ${this.rootKeys.join(', ')}` : 'an empty object'
      throw new HarInputError('ERR_HAR_NOT_HAR', `JSON but not a HAR: no "log" object (${keys})`)
    }
    if (!this.seenEntries) {
      const keys = this.logKeys.length > 0 ? `log has: ${this.logKeys.join(', ')}` : 'log is empty'
      throw new HarInputError('ERR_HAR_NOT_HAR', `JSON but not a HAR: no log.entries array (${keys})`)
    }
  }

  /** Scans `buf` from `pos`; returns where it stopped (early after each unit). */
  run(buf: Buffer, pos: number): number {
    const end = buf.length
    this.paused = false
    this.qBuf = null
    this.bBuf = null
    if (this.copy && !this.oversized) this.capStart = pos
    if (this.oversized) this.ovFrom = pos
    while (pos < end) {
      if (this.inString) {
        pos = this.scanString(buf, pos, end)
        if (this.paused) break
        continue
      }
      if (this.inLiteral) {
        while (pos < end && LITERAL[buf[pos] ?? 0] === 1) pos++
        if (pos === end) break
        this.inLiteral = false
        this.state = ST_AFTER_VALUE
        if (this.inUnit && this.depth === this.unitDepth) {
          this.endUnit(buf, pos)
          break
        }
        continue
      }
      const c = buf[pos] ?? 0
      if (WS[c] === 1) {
        pos++
        continue
      }
      const state = this.state
      switch (c) {
        case QUOTE:
          if (state === ST_KEY_OR_END || state === ST_KEY) {
            this.isKey = true
            const collect = !this.inUnit && (this.depth === 1 || (this.depth === 2 && this.inLog && !this.inEntries))
            this.keyBytes = collect ? [] : null
            this.strCap = -1
          } else if (state === ST_VALUE || state === ST_VALUE_OR_END) {
            this.valueStart(buf, pos, c)
            this.isKey = false
            this.keyBytes = null
            this.strCap = this.copy ? this.capLen + (pos - this.capStart) : -1
          } else this.syntax(buf, pos, c)
          this.inString = true
          pos++
          pos = this.scanString(buf, pos, end)
          if (this.paused) return this.stop(buf, pos)
          continue
        case 0x7b:
        case 0x5b:
          if (state !== ST_VALUE && state !== ST_VALUE_OR_END) this.syntax(buf, pos, c)
          this.valueStart(buf, pos, c)
          this.push(c === 0x7b ? KIND_OBJECT : KIND_ARRAY)
          this.state = c === 0x7b ? ST_KEY_OR_END : ST_VALUE_OR_END
          pos++
          continue
        case 0x7d:
        case 0x5d: {
          const kind = c === 0x7d ? KIND_OBJECT : KIND_ARRAY
          const ok = state === ST_AFTER_VALUE || (kind === KIND_OBJECT && state === ST_KEY_OR_END) || (kind === KIND_ARRAY && state === ST_VALUE_OR_END)
          if (!ok || this.depth === 0 || this.kinds[this.depth - 1] !== kind) this.syntax(buf, pos, c)
          this.depth--
          if (this.depth < this.segMin) this.segMin = this.depth
          pos++
          this.state = this.depth === 0 ? ST_DONE : ST_AFTER_VALUE
          if (this.inUnit) {
            if (this.depth === this.unitDepth) {
              this.endUnit(buf, pos)
              return this.stop(buf, pos)
            }
          } else this.closeOuter()
          continue
        }
        case 0x3a:
          if (state !== ST_COLON) this.syntax(buf, pos, c)
          this.state = ST_VALUE
          pos++
          continue
        case 0x2c:
          if (state !== ST_AFTER_VALUE) this.syntax(buf, pos, c)
          this.state = this.kinds[this.depth - 1] === KIND_OBJECT ? ST_KEY : ST_VALUE
          pos++
          continue
        default:
          if ((state === ST_VALUE || state === ST_VALUE_OR_END) && LITERAL_START[c] === 1) {
            this.valueStart(buf, pos, c)
            this.inLiteral = true
            pos++
            continue
          }
          if (state === ST_DONE && c === 0) {
            pos++
            continue
          }
          this.syntax(buf, pos, c)
      }
    }
    return this.stop(buf, pos)
  }

  /** Ends the input. Returns false when the document was cut short (see {@link truncation}). */
  finish(): boolean {
    if (!this.rootStarted) {
      throw new HarInputError('ERR_HAR_EMPTY', 'the file contains no JSON (only whitespace)')
    }
    return this.state === ST_DONE
  }

  /** Whether the truncated input stopped inside a copied unit whose output already began (split mode). */
  get unitOpen(): boolean {
    return this.inUnit
  }

  get logOpen(): boolean {
    return this.inLog
  }

  get entriesOpen(): boolean {
    return this.inEntries
  }

  get logSeen(): boolean {
    return this.seenLog
  }

  get entriesSeen(): boolean {
    return this.seenEntries
  }

  get rootOpen(): boolean {
    return this.rootStarted && this.state !== ST_DONE
  }

  private stop(buf: Buffer, pos: number): number {
    if (this.oversized) {
      if (pos > this.ovFrom) this.sink.oversizedData(buf.subarray(this.ovFrom, pos))
      this.ovFrom = pos
    } else if (this.copy && pos > this.capStart) {
      this.append(buf, this.capStart, pos)
      this.capStart = pos
    }
    return pos
  }

  private push(kind: number): void {
    if (this.depth === this.kinds.length) {
      if (this.depth >= MAX_DEPTH) {
        throw new HarInputError('ERR_HAR_NOT_JSON', `JSON nested more than ${MAX_DEPTH} levels deep`)
      }
      const bigger = new Uint8Array(this.kinds.length * 2)
      bigger.set(this.kinds)
      this.kinds = bigger
    }
    this.kinds[this.depth++] = kind
    if (this.logOpening) {
      this.logOpening = false
      this.inLog = true
      this.seenLog = true
      this.logKeys = []
      this.sink.logStart()
    } else if (this.entriesOpening) {
      this.entriesOpening = false
      this.inEntries = true
      this.seenEntries = true
      this.sink.entriesStart()
    }
  }

  private closeOuter(): void {
    const d = this.depth
    if (d === 2 && this.inEntries) {
      this.inEntries = false
      this.sink.entriesEnd()
    } else if (d === 1 && this.inLog) {
      this.inLog = false
      this.sink.logEnd()
    } else if (d === 0) {
      this.sink.rootEnd()
    }
  }

  private valueStart(buf: Buffer, pos: number, c: number): void {
    if (this.inUnit) return
    const d = this.depth
    if (d === 0) {
      if (c === 0x7b) {
        this.rootStarted = true
        this.sink.rootStart()
        return
      }
      if (c === 0x5b) {
        throw new HarInputError('ERR_HAR_NOT_HAR', 'JSON but not a HAR: the file is a JSON array; a HAR is an object with log.entries')
      }
      this.syntax(buf, pos, c)
    }
    if (d === 1) {
      if (this.rootKey === 'log') {
        if (c !== 0x7b) {
          throw new HarInputError('ERR_HAR_NOT_HAR', `JSON but not a HAR: "log" is ${kindName(c)}, not an object`)
        }
        this.logOpening = true
        return
      }
      this.startUnit('root-member', this.rootKey, -1, pos)
      return
    }
    if (d === 2 && this.inLog && !this.inEntries) {
      if (this.logKey === 'entries') {
        if (c !== 0x5b) {
          throw new HarInputError('ERR_HAR_NOT_HAR', `JSON but not a HAR: log.entries is ${kindName(c)}, not an array`)
        }
        this.entriesOpening = true
        return
      }
      this.startUnit('log-member', this.logKey, -1, pos)
      return
    }
    if (d === 3 && this.inEntries) {
      this.startUnit('entry', '', this.entryCount++, pos)
      return
    }
    this.syntax(buf, pos, c)
  }

  private startUnit(kind: UnitKind, key: string, index: number, pos: number): void {
    this.inUnit = true
    this.unitKind = kind
    this.unitKey = key
    this.unitIndex = index
    this.unitDepth = this.depth
    this.copy = this.sink.wantUnit(kind, key, index)
    this.capLen = 0
    this.capStart = pos
    this.segMin = this.depth
  }

  private endUnit(buf: Buffer, endPos: number): void {
    if (this.copy) {
      this.append(buf, this.capStart, endPos)
      this.capStart = endPos
      this.copy = false
      this.inUnit = false
      this.sink.unitEnd(this.unitKind, this.unitKey, this.unitIndex, this.cap.subarray(0, this.capLen))
      this.capLen = 0
      if (this.cap.length > 1 << 23) this.cap = Buffer.allocUnsafe(1 << 16)
      this.paused = true
    } else {
      this.inUnit = false
    }
  }

  private append(buf: Buffer, from: number, to: number): void {
    const n = to - from
    if (n <= 0) return
    const need = this.capLen + n
    if (need > this.cap.length) {
      if (need > this.opts.maxUnitBytes) this.tooBig()
      let size = this.cap.length * 2
      while (size < need) size *= 2
      const bigger = Buffer.allocUnsafe(Math.min(size, Math.max(need, this.opts.maxUnitBytes)))
      this.cap.copy(bigger, 0, 0, this.capLen)
      this.cap = bigger
    }
    buf.copy(this.cap, this.capLen, from, to)
    this.capLen = need
  }

  private tooBig(): never {
    const what = this.unitKind === 'entry' ? `entry ${this.unitIndex}` : `log.${this.unitKey}`
    throw new HarInputError('ERR_HAR_NOT_HAR', `${what} is larger than ${Math.round(this.opts.maxUnitBytes / 1048576)} MiB even without its long strings`)
  }

  /** Scans string content from `pos`; returns the position after the closing quote, or `end`. */
  private scanString(buf: Buffer, pos: number, end: number): number {
    if (this.keyBytes !== null) return this.scanKey(buf, pos, end)
    if (this.escape) {
      if (pos >= end) return pos
      this.escape = false
      pos++
    }
    let i = pos
    const lim = Math.min(end, pos + SHORT_SCAN)
    while (i < lim) {
      const b = buf[i]
      if (b === QUOTE || b === BACKSLASH) break
      i++
    }
    let t = i === lim && lim < end ? this.nextSpecial(buf, lim, end) : i
    for (;;) {
      if (this.oversized) {
        if (t > this.ovFrom && (t === end || t - this.ovFrom >= 1 << 20)) {
          this.sink.oversizedData(buf.subarray(this.ovFrom, t))
          this.ovFrom = t
        }
      } else if (this.strCap >= 0 && this.capLen + (t - this.capStart) - this.strCap - 1 > this.opts.maxStringBytes) {
        this.beginOversized(buf, t)
      }
      if (t >= end) return end
      if (buf[t] === BACKSLASH) {
        if (t + 1 >= end) {
          this.escape = true
          return end
        }
        if (t + 2 >= end) return end
        // Escapes come in clusters (JSON inside JSON, escaped newlines): look nearby before indexOf.
        let j = t + 2
        const near = Math.min(end, j + SHORT_SCAN)
        while (j < near) {
          const b = buf[j]
          if (b === QUOTE || b === BACKSLASH) break
          j++
        }
        t = j === near && near < end ? this.nextSpecial(buf, near, end) : j
        continue
      }
      return this.closeString(buf, t)
    }
  }

  /** Position of the next `"` or `\` at or after `from`, or `end`; both searches are cached per buffer. */
  private nextSpecial(buf: Buffer, from: number, end: number): number {
    if (this.qBuf !== buf || this.qPos < from) {
      const q = buf.indexOf(QUOTE, from)
      this.qBuf = buf
      this.qPos = q < 0 ? end : q
    }
    if (this.bBuf !== buf || this.bPos < from) {
      const b = buf.indexOf(BACKSLASH, from)
      this.bBuf = buf
      this.bPos = b < 0 ? end : b
    }
    return Math.min(this.qPos, this.bPos)
  }

  private scanKey(buf: Buffer, pos: number, end: number): number {
    const bytes = this.keyBytes ?? []
    while (pos < end) {
      const b = buf[pos] ?? 0
      if (this.escape) {
        this.escape = false
      } else if (b === BACKSLASH) {
        this.escape = true
      } else if (b === QUOTE) {
        this.finishKey(bytes)
        return this.closeString(buf, pos)
      }
      if (bytes.length < MAX_KEY_BYTES) bytes.push(b)
      pos++
    }
    return pos
  }

  private finishKey(bytes: number[]): void {
    let key: string
    try {
      key = String(JSON.parse(`"${Buffer.from(bytes).toString('utf8')}"`))
    } catch {
      key = Buffer.from(bytes).toString('utf8')
    }
    if (this.depth === 1) {
      this.rootKey = key
      if (this.rootKeys.length < 12) this.rootKeys.push(key)
    } else {
      this.logKey = key
      if (this.logKeys.length < 12) this.logKeys.push(key)
    }
  }

  private closeString(buf: Buffer, q: number): number {
    this.inString = false
    this.keyBytes = null
    if (this.oversized) {
      if (q > this.ovFrom) this.sink.oversizedData(buf.subarray(this.ovFrom, q))
      this.oversized = false
      this.sink.oversizedEnd()
      this.capStart = this.opts.split ? q + 1 : q
      this.segMin = this.depth
    }
    this.strCap = -1
    if (this.isKey) {
      this.state = ST_COLON
      return q + 1
    }
    this.state = ST_AFTER_VALUE
    if (this.inUnit && this.depth === this.unitDepth) this.endUnit(buf, q + 1)
    return q + 1
  }

  /** The current value string passed the limit at `t`: stop copying it and stream it to the sink. */
  private beginOversized(buf: Buffer, t: number): void {
    const quoteInChunk = this.capStart + (this.strCap - this.capLen)
    let contentFrom: number
    let buffered: Buffer | null = null
    if (this.strCap >= this.capLen) {
      this.append(buf, this.capStart, quoteInChunk)
      contentFrom = quoteInChunk + 1
    } else {
      buffered = this.cap.subarray(this.strCap + 1, this.capLen)
      contentFrom = this.capStart
    }
    const prefixEnd = this.strCap
    this.sink.oversizedBegin(this.cap.subarray(0, prefixEnd), this.kinds.subarray(this.unitDepth, this.depth), this.segMin - this.unitDepth)
    if (buffered !== null && buffered.length > 0) this.sink.oversizedData(buffered)
    if (this.opts.split) {
      this.capLen = 0
    } else {
      this.capLen = prefixEnd
      this.append(Buffer.from([QUOTE]), 0, 1)
    }
    this.oversized = true
    this.strCap = -1
    this.ovFrom = contentFrom
    if (t > contentFrom && t === buf.length) {
      this.sink.oversizedData(buf.subarray(contentFrom, t))
      this.ovFrom = t
    }
  }

  private syntax(buf: Buffer, pos: number, c: number): never {
    const offset = this.base + pos
    if (!this.rootStarted && this.depth === 0) {
      if (c === 0x3c) {
        throw new HarInputError('ERR_HAR_NOT_JSON', `not JSON: the file looks like HTML or XML ("${excerpt(buf, pos)}")`)
      }
      throw new HarInputError('ERR_HAR_NOT_JSON', `not JSON: the file starts with "${excerpt(buf, pos)}"`)
    }
    if (this.state === ST_DONE) {
      throw new HarInputError('ERR_HAR_NOT_JSON', `invalid JSON: unexpected data after the end of the document at byte ${offset} ("${excerpt(buf, pos)}")`)
    }
    const where = this.inUnit && this.unitKind === 'entry' ? ` inside entry ${this.unitIndex}` : ''
    throw new HarInputError('ERR_HAR_NOT_JSON', `invalid JSON at byte ${offset}${where}: unexpected ${describeByte(c)}`)
  }
}

/**
 * Feeds every chunk of the input through the scanner, pausing (yielding) after each step so the
 * caller can drain what its sink produced: events for the reader, output for the redactor.
 */
export async function* driveScanner(scanner: HarScanner, chunks: AsyncIterable<Uint8Array>, info: InputInfo): AsyncGenerator<void, void, undefined> {
  let offset = 0
  for await (const buf of sniffInput(chunks, info)) {
    scanner.base = offset + (info.bom ? 3 : 0)
    offset += buf.length
    let pos = 0
    while (pos < buf.length) {
      pos = scanner.run(buf, pos)
      yield
    }
  }
}
