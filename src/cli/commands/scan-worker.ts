import { closeSync, fstatSync, openSync, readSync } from 'node:fs'
import { parentPort, workerData } from 'node:worker_threads'
import { allRules } from '../../rules/index.js'
import { type FileScan, PREFILTER, scanFile, sourceFile } from '../../scan/scan-file.js'
import type { ScanConfig } from '../../scan/types.js'

/** What the scan command hands a thread: the files, the rules and the config. */
export interface ScanJob {
  readonly files: ReadonlyArray<{ readonly absolute: string; readonly display: string }>
  readonly ruleIds: readonly string[]
  readonly config: ScanConfig
  readonly maxBytes: number
  /**
   * A shared counter of the next file to take, when several threads scan the same list: each takes
   * a few files at a time, so a thread that drew large bundles does not keep the others waiting.
   * Without it the thread scans every file.
   */
  readonly next?: Int32Array
}

/** Files a thread takes from the shared list at a time: small, so the threads finish together. */
const TAKE = 8

/** What a scan gives back: only the scans worth reporting, and the tree-wide facts. */
export interface ScanJobResult {
  /** In the order the files were scanned; `order` is the file's index in the job's list. */
  readonly scans: ReadonlyArray<FileScan & { readonly order: number }>
  readonly passesNonce: boolean
  readonly loadsWidget: boolean
  readonly jsonEndpoints: readonly string[]
  readonly warnings: readonly string[]
}

/**
 * Scans file texts one by one and keeps what the report needs: the scans worth reporting (files
 * without findings are dropped here) and the tree-wide facts (a nonce passed, the widget used,
 * endpoints answered with JSON). Used in one thread for small trees, and by the main thread for
 * the files the filter workers send (see `filterFiles`).
 */
export function scanCollector(ruleIds: readonly string[], config: ScanConfig) {
  const rules = allRules.filter((rule) => ruleIds.includes(rule.id))
  const scans: Array<FileScan & { order: number }> = []
  let passesNonce = false
  let loadsWidget = false
  const jsonEndpoints: string[] = []
  return {
    add(order: number, display: string, text: string): void {
      const source = sourceFile(display, text)
      if (source === undefined) return
      const scan = scanFile(source, rules, config)
      passesNonce ||= scan.passesNonce
      loadsWidget ||= scan.loadsWidget
      jsonEndpoints.push(...scan.jsonEndpoints)
      if (scan.findings.length > 0 || scan.unlessNoncePassed.length > 0 || scan.crashed.length > 0 || scan.notes.length > 0) scans.push({ ...scan, order })
    },
    result(warnings: readonly string[]): ScanJobResult {
      return { scans, passesNonce, loadsWidget, jsonEndpoints, warnings }
    },
  }
}

/** Reads and scans a list of files in this thread. */
export function scanFiles(job: ScanJob): ScanJobResult {
  const collector = scanCollector(job.ruleIds, job.config)
  const warnings = filterFiles(job, (order, text) => collector.add(order, job.files[order]?.display ?? '', text))
  return collector.result(warnings)
}

/**
 * Reads the files this thread takes and hands on the text of each that may matter (the one-pass
 * filter below); returns the warnings for files it skipped.
 */
export function filterFiles(job: ScanJob, matched: (order: number, text: string) => void): string[] {
  const reader = fileReader()
  const warnings: string[] = []
  for (const order of indices(job)) {
    const file = job.files[order]
    if (file === undefined) continue
    const read = reader.read(file.absolute, job.maxBytes)
    if (typeof read === 'string') {
      warnings.push(`skipped ${file.display} (${read})`)
      continue
    }
    // The triggers are ASCII: test them on a latin1 view (no UTF-8 decoding), and decode only the
    // few files that match. Most files of a large tree stop here.
    if (READ_FILTER.test(read.toString('latin1'))) matched(order, read.toString('utf8'))
  }
  return warnings
}

/** The indices of the files this thread scans: all of them, or what it takes from the shared counter. */
function* indices(job: ScanJob): Generator<number> {
  const next = job.next
  if (next === undefined) {
    for (let order = 0; order < job.files.length; order += 1) yield order
    return
  }
  for (;;) {
    const from = Atomics.add(next, 0, TAKE)
    if (from >= job.files.length) return
    for (let order = from; order < Math.min(from + TAKE, job.files.length); order += 1) yield order
  }
}

/**
 * The files that may matter: what a rule could report on, or a server endpoint answering JSON
 * (which makes a page's `res.text()` wrong). One pass instead of two.
 */
const READ_FILTER = new RegExp(`${PREFILTER.source}|\\.json\\(|jsonify`, 'i')

/**
 * Synchronous reads into one reused buffer. Synchronous: a worker has nothing else to do meanwhile,
 * and one-at-a-time async reads wait on the thread pool. One buffer: a new Buffer per file is
 * memory outside the JS heap, and thousands of them make V8 run full collections (measured: about
 * a third of the scan's CPU time on 10,000 files).
 */
function fileReader(): { read(path: string, maxBytes: number): Buffer | string } {
  let buffer = Buffer.allocUnsafe(1024 * 1024)
  return {
    read(path, maxBytes) {
      let fd: number
      try {
        fd = openSync(path, 'r')
      } catch {
        return 'unreadable'
      }
      try {
        const size = fstatSync(fd).size
        if (size > maxBytes) return 'larger than 20 MB'
        if (size > buffer.length) buffer = Buffer.allocUnsafe(size)
        let length = 0
        while (length < size) {
          const got = readSync(fd, buffer, length, size - length, null)
          if (got === 0) break
          length += got
        }
        return buffer.subarray(0, length)
      } catch {
        return 'unreadable'
      } finally {
        closeSync(fd)
      }
    },
  }
}

/** What a filter worker sends: the texts of the files that may matter, then its warnings. */
export type FilterMessage =
  | { readonly kind: 'files'; readonly files: ReadonlyArray<{ readonly order: number; readonly text: string }> }
  | { readonly kind: 'done'; readonly warnings: readonly string[] }
  | { readonly kind: 'error'; readonly error: string }

// A worker gets its job as its first message; scan.ts marks it with workerData `{ scanWorker: true }`.
// It only reads and filters: the main thread parses what it sends (see scan.ts for why).
if (parentPort !== null && workerData !== null && typeof workerData === 'object' && 'scanWorker' in workerData) {
  const port = parentPort
  const send = (message: FilterMessage) => port.postMessage(message)
  port.once('message', (job: ScanJob) => {
    try {
      const warnings = filterFiles(job, (order, text) => send({ kind: 'files', files: [{ order, text }] }))
      send({ kind: 'done', warnings })
    } catch (error) {
      send({ kind: 'error', error: error instanceof Error ? error.message : String(error) })
    }
  })
}
