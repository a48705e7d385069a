import { closeSync, fstatSync, openSync, readSync } from 'node:fs'
import { type MessagePort, parentPort, workerData } from 'node:worker_threads'
import { READ_FILTER } from '../../scan/prefilter.js'

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
  const reader = fileReader()
  for (const batch of batches(job)) {
    for (let order = batch.from; order < batch.to; order += 1) {
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
