import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { readHar, type HarEvent, type HarReadSummary, type ReadHarOptions } from '../../src/har/read-har.js'

/**
 * The repository's own browser recordings: fixtures/scenarios/<id>/session.har, recorded in headless
 * Chromium against test/simulation by scripts/record-scenarios.mjs (Playwright's HAR recorder; the
 * `-devtools` one converted from DevTools Protocol events with chrome-har's quirks).
 */
export const CORPUS_DIR = fileURLToPath(new URL('../../fixtures/scenarios/', import.meta.url))
export const FIXTURES_DIR = fileURLToPath(new URL('../fixtures/har/', import.meta.url))

export interface RecordingFacts {
  /** `log.entries` in the file. */
  readonly entries: number
  /** remote/auth calls in it. */
  readonly authCalls: number
  readonly creator: 'Playwright' | 'chrome-har'
}

/** The recordings the reader, scanner and redactor tests run on (counts checked against JSON.parse). */
export const RECORDINGS: Readonly<Record<string, RecordingFacts>> = {
  ok: { entries: 12, authCalls: 1, creator: 'Playwright' },
  'user-missing': { entries: 12, authCalls: 1, creator: 'Playwright' },
  'user-missing-devtools': { entries: 13, authCalls: 1, creator: 'chrome-har' },
  seconds: { entries: 12, authCalls: 1, creator: 'Playwright' },
  'domain-not-allowed': { entries: 12, authCalls: 1, creator: 'Playwright' },
  'login-outside-ready': { entries: 11, authCalls: 0, creator: 'Playwright' },
  replay: { entries: 13, authCalls: 2, creator: 'Playwright' },
  'cached-localstorage': { entries: 8, authCalls: 1, creator: 'Playwright' },
  'csp-blocks-widget': { entries: 11, authCalls: 0, creator: 'Playwright' },
  'widget-404': { entries: 9, authCalls: 0, creator: 'Playwright' },
}

export function recording(id: string): Buffer {
  return readFileSync(`${CORPUS_DIR}${id}/session.har`)
}

/**
 * `ok` grown to about 2.3 MB by repeating its entries (a long session): for the tests that need a
 * file of the reference recordings' size without committing one.
 */
export function largeRecording(): { bytes: Buffer; entries: number } {
  const doc: unknown = JSON.parse(recording('ok').toString('utf8'))
  if (!isRecord(doc) || !isRecord(doc.log) || !Array.isArray(doc.log.entries)) throw new Error('not a HAR')
  const one = doc.log.entries
  const entries = Array.from({ length: 60 }, () => one).flat()
  return { bytes: Buffer.from(JSON.stringify({ log: { ...doc.log, entries } })), entries: entries.length }
}

/**
 * The reference recordings beside the repository (../shared/har-samples), when present: an
 * optional extra only; no test requires them.
 */
export const SAMPLES_DIR = fileURLToPath(new URL('../../../shared/har-samples/', import.meta.url))
export const HAVE_SAMPLES = existsSync(SAMPLES_DIR)

export const SAMPLE_COUNTS: Record<string, number> = {
  'ok.har': 28,
  'user-missing.har': 13,
  'user-missing-devtools.har': 13,
  'seconds.har': 13,
  'domain-not-allowed.har': 28,
  'login-before-ready.har': 12,
}

export function sample(name: string): Buffer {
  return readFileSync(SAMPLES_DIR + name)
}

export function fixture(name: string): Buffer {
  return readFileSync(FIXTURES_DIR + name)
}

/** The entries of a whole HAR parsed with `JSON.parse` (the reference for small files). */
export function parsedEntries(bytes: Buffer): Array<Record<string, unknown>> {
  const doc: unknown = JSON.parse(bytes.toString('utf8'))
  const entries = isRecord(doc) && isRecord(doc.log) ? doc.log.entries : undefined
  if (!Array.isArray(entries)) throw new Error('not a HAR')
  return entries.filter(isRecord)
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** `buf` as an async stream of `size`-byte chunks. */
export async function* chunked(buf: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, Math.min(buf.length, i + size))
}

/** `buf` split at the given (unsorted, possibly repeated) cut points. */
export async function* splitAt(buf: Uint8Array, cuts: readonly number[]): AsyncGenerator<Uint8Array> {
  const points = [...new Set(cuts.map((c) => Math.max(0, Math.min(buf.length, c))))].sort((a, b) => a - b)
  let prev = 0
  for (const p of [...points, buf.length]) {
    if (p > prev) yield buf.subarray(prev, p)
    prev = p
  }
}

export interface ReadResult {
  events: HarEvent[]
  summary: HarReadSummary
}

export async function readAll(chunks: AsyncIterable<Uint8Array>, opts?: ReadHarOptions): Promise<ReadResult> {
  const reader = readHar(chunks, opts)
  const events: HarEvent[] = []
  for await (const ev of reader.events) events.push(ev)
  return { events, summary: await reader.summary }
}

export function entriesOf(events: readonly HarEvent[]) {
  return events.flatMap((ev) => (ev.kind === 'entry' ? [ev] : []))
}

/** Rejects with the error `readHar` throws, or fails the test if it throws none. */
export async function readError(input: Uint8Array): Promise<unknown> {
  try {
    await readAll(chunked(input, 5))
  } catch (err) {
    return err
  }
  throw new Error('expected readHar to throw')
}
