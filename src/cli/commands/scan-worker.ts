import { closeSync, fstatSync, openSync, readSync } from 'node:fs'
import { parentPort, workerData } from 'node:worker_threads'
import { allRules } from '../../rules/index.js'
import { type FileScan, PREFILTER, scanFile, sourceFile } from '../../scan/scan-file.js'
import type { ScanConfig } from '../../scan/types.js'

/** What the scan command hands a worker: its share of the files, the rules and the config. */
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

/** What a worker sends back: only the scans worth reporting (files without findings stay here). */
export interface ScanJobResult {
  /** In file-list order within this thread; `order` is the file's index in the job's list. */
  readonly scans: ReadonlyArray<FileScan & { readonly order: number }>
  readonly passesNonce: boolean
  readonly loadsWidget: boolean
  readonly jsonEndpoints: readonly string[]
  readonly warnings: readonly string[]
}

/** Reads and scans a list of files; shared by the main thread (small trees) and the workers. */
export function scanFiles(job: ScanJob): ScanJobResult {
  const rules = allRules.filter((rule) => job.ruleIds.includes(rule.id))
  const reader = fileReader()
  const scans: Array<FileScan & { order: number }> = []
  const warnings: string[] = []
  let passesNonce = false
  let loadsWidget = false
  const jsonEndpoints: string[] = []
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
    if (!READ_FILTER.test(read.toString('latin1'))) continue
    const source = sourceFile(file.display, read.toString('utf8'))
    if (source === undefined) continue
    const scan = scanFile(source, rules, job.config)
    passesNonce ||= scan.passesNonce
    loadsWidget ||= scan.loadsWidget
    jsonEndpoints.push(...scan.jsonEndpoints)
    if (scan.findings.length > 0 || scan.unlessNoncePassed.length > 0 || scan.crashed.length > 0 || scan.notes.length > 0) scans.push({ ...scan, order })
  }
  return { scans, passesNonce, loadsWidget, jsonEndpoints, warnings }
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

// A worker gets its job as its first message; scan.ts marks it with workerData `{ scanWorker: true }`.
if (parentPort !== null && workerData !== null && typeof workerData === 'object' && 'scanWorker' in workerData) {
  const port = parentPort
  port.once('message', (job: ScanJob) => {
    try {
      port.postMessage(scanFiles(job))
    } catch (error) {
      port.postMessage({ error: error instanceof Error ? error.message : String(error) })
    }
  })
}
