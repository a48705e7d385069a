import { isAscii } from 'node:buffer'
import { closeSync, openSync, readSync } from 'node:fs'
import { type MessagePort, parentPort, workerData } from 'node:worker_threads'
import { createNeedleFilter } from '../../scan/needle-filter.js'
import { READ_FILTER, READ_NEEDLES } from '../../scan/prefilter.js'

/** What a filter thread needs: the files, the size limit, and the counter it shares with the others. */
export interface FilterJob {
  readonly files: ReadonlyArray<{ readonly absolute: string; readonly display: string }>
  readonly maxBytes: number
  /**
   * A shared counter of the next file to take, when several threads filter the same list: each
   * takes a few files at a time, so a thread that drew large bundles does not keep the others
   * waiting. Without it the thread reads every file.
   */
  readonly next?: Int32Array
  /** How to test the needles: the SIMD filter (the default, when the platform has it) or the regex, which the tests compare. */
  readonly needles?: 'simd' | 'regex'
}

/** Files a thread takes from the shared list at a time: small, so the threads finish together. */
const TAKE = 8

/**
 * Reads the files this thread takes and hands on the text of each that may matter (the one-pass
 * filter below); returns the warnings for files it skipped.
 */
export function filterFiles(job: FilterJob, matched: (order: number, text: string) => void): string[] {
  const warnings: string[] = []
  for (const _ of filterSteps(job, matched, warnings));
  return warnings
}

/**
 * The same, one step per batch of files taken (all of them without a shared counter), so a caller
 * can do something else between steps; skipped files are added to `warnings`.
 */
export function* filterSteps(job: FilterJob, matched: (order: number, text: string) => void, warnings: string[]): Generator<void, void> {
  const reader = fileReader(job.needles ?? 'simd')
  for (const batch of batches(job)) {
    for (let order = batch.from; order < batch.to; order += 1) {
      const file = job.files[order]
      if (file === undefined) continue
      const text = reader.read(file.absolute, job.maxBytes)
      if (text === undefined) continue
      if (text.skipped !== undefined) warnings.push(`skipped ${file.display} (${text.skipped})`)
      else matched(order, text.text)
    }
    yield
  }
}

/** The files this thread reads, batch by batch: all of them, or what it takes from the shared counter. */
function* batches(job: FilterJob): Generator<{ readonly from: number; readonly to: number }> {
  const next = job.next
  if (next === undefined) {
    yield { from: 0, to: job.files.length }
    return
  }
  for (;;) {
    const from = Atomics.add(next, 0, TAKE)
    if (from >= job.files.length) return
    yield { from, to: Math.min(from + TAKE, job.files.length) }
  }
}

/** What the reader makes of a file: its text when it may matter, nothing when it cannot, or why it was skipped. */
type Read = { readonly text: string; readonly skipped?: undefined } | { readonly skipped: string } | undefined

/**
 * Synchronous reads into one reused piece of memory, filtered before any decoding. Synchronous: a
 * worker has nothing else to do meanwhile, and one-at-a-time async reads wait on the thread pool.
 * Reused: a new Buffer per file is memory outside the JS heap, and thousands of them make V8 run
 * full collections (measured: about a third of the scan's CPU time on 10,000 files).
 *
 * The bytes go straight into the SIMD needle filter's memory, and only the few files that match
 * are decoded. Where WebAssembly SIMD is missing (or `regex` is asked for, to compare), the same
 * needles are tested as a regex on a latin1 view: every needle is ASCII.
 */
function fileReader(needles: 'simd' | 'regex'): { read(path: string, maxBytes: number): Read } {
  const filter = needles === 'simd' ? createNeedleFilter(READ_NEEDLES) : undefined
  let buffer = Buffer.allocUnsafe(filter === undefined ? FIRST_ROOM : 0)
  // At least `size` bytes to read into, the first `keep` of the last room kept.
  const room = (size: number, keep: number): Uint8Array => {
    if (filter !== undefined) return filter.space(size)
    if (size > buffer.length) {
      const grown = Buffer.allocUnsafe(size)
      buffer.copy(grown, 0, 0, keep)
      buffer = grown
    }
    return buffer
  }
  return {
    read(path, maxBytes) {
      let fd: number
      try {
        fd = openSync(path, 'r')
      } catch {
        return { skipped: 'unreadable' }
      }
      try {
        // Read to the end instead of asking the size first: an fstat per file, and the Stats
        // object Node builds for it, cost more than the read that finds the end (measured on
        // bench/scan-bench.js: about 40 ms of 10,000 files).
        let into = room(FIRST_ROOM, 0)
        let length = 0
        for (;;) {
          if (length === into.length) {
            if (length > maxBytes) break
            into = room(Math.min(into.length * 2, maxBytes + 1), length)
          }
          const got = readSync(fd, into, length, into.length - length, null)
          if (got === 0) break
          length += got
        }
        if (length > maxBytes) return { skipped: 'larger than 20 MB' }
        const bytes = Buffer.from(into.buffer, into.byteOffset, length)
        const matches = filter !== undefined ? filter.matches(length) : READ_FILTER.test(bytes.toString('latin1'))
        // ASCII (most code, and the large vendor bundles) reads the same as latin1, which is a
        // copy; UTF-8 decoding ran at about 300 MB/s (measured on a tree with 26 MB of bundles).
        return matches ? { text: bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8') } : undefined
      } catch {
        return { skipped: 'unreadable' }
      } finally {
        closeSync(fd)
      }
    },
  }
}

/** The room a reader starts with: most files fit. */
const FIRST_ROOM = 1024 * 1024

/** What a filter worker sends on its port: the text of each file that may matter, then its warnings. */
export type FilterMessage =
  | { readonly kind: 'file'; readonly order: number; readonly text: string }
  | { readonly kind: 'done'; readonly warnings: readonly string[] }
  | { readonly kind: 'error'; readonly error: string }

/** A worker's first and only message: its job, and the port to answer on (see scan.ts). */
export interface FilterStart {
  readonly job: FilterJob
  readonly port: MessagePort
}

// scan.ts marks a filter worker with workerData `{ scanWorker: true }`. It only reads and filters,
// and loads nothing else (no rules, no parser): the main thread parses what it sends. It answers
// on its own port, which the main thread reads synchronously between its own files.
if (parentPort !== null && workerData !== null && typeof workerData === 'object' && 'scanWorker' in workerData) {
  parentPort.once('message', ({ job, port }: FilterStart) => {
    const send = (message: FilterMessage) => port.postMessage(message)
    try {
      const warnings = filterFiles(job, (order, text) => send({ kind: 'file', order, text }))
      send({ kind: 'done', warnings })
    } catch (error) {
      send({ kind: 'error', error: error instanceof Error ? error.message : String(error) })
    }
  })
}
