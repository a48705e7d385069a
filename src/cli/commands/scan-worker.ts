import { readFileSync, statSync } from 'node:fs'
import { parentPort, workerData } from 'node:worker_threads'
import { allRules } from '../../rules/index.js'
import { type FileScan, mayMatch, scanFile, sourceFile } from '../../scan/scan-file.js'
import type { ScanConfig } from '../../scan/types.js'

/** What the scan command hands a worker: its share of the files, the rules and the config. */
export interface ScanJob {
  readonly files: ReadonlyArray<{ readonly absolute: string; readonly display: string }>
  readonly ruleIds: readonly string[]
  readonly config: ScanConfig
  readonly maxBytes: number
}

/** What a worker sends back: only the scans worth reporting (files without findings stay here). */
export interface ScanJobResult {
  readonly scans: readonly FileScan[]
  readonly passesNonce: boolean
  readonly jsonEndpoints: readonly string[]
  readonly warnings: readonly string[]
}

/** Reads and scans a list of files; shared by the main thread (small trees) and the workers. */
export function scanFiles(job: ScanJob): ScanJobResult {
  const rules = allRules.filter((rule) => job.ruleIds.includes(rule.id))
  const scans: FileScan[] = []
  const warnings: string[] = []
  let passesNonce = false
  const jsonEndpoints: string[] = []
  for (const file of job.files) {
    // Synchronous reads: a worker has nothing else to do meanwhile, and one-at-a-time async reads
    // spend most of their time waiting for the thread pool.
    const info = statOrUndefined(file.absolute)
    if (info === undefined || info.size > job.maxBytes) {
      warnings.push(`skipped ${file.display} (${info === undefined ? 'unreadable' : 'larger than 20 MB'})`)
      continue
    }
    const bytes = readOrUndefined(file.absolute)
    if (bytes === undefined) continue
    // The triggers are ASCII: test them on a latin1 view (no UTF-8 decoding), and decode only the
    // few files that match. Most files of a large tree stop here.
    const latin1 = bytes.toString('latin1')
    if (!mayMatch(latin1) && !/\.json\(|jsonify/.test(latin1)) continue
    const source = sourceFile(file.display, bytes.toString('utf8'))
    if (source === undefined) continue
    const scan = scanFile(source, rules, job.config)
    passesNonce ||= scan.passesNonce
    jsonEndpoints.push(...scan.jsonEndpoints)
    if (scan.findings.length > 0 || scan.unlessNoncePassed.length > 0 || scan.crashed.length > 0 || scan.notes.length > 0) scans.push(scan)
  }
  return { scans, passesNonce, jsonEndpoints, warnings }
}

function statOrUndefined(path: string): { size: number } | undefined {
  try {
    return statSync(path)
  } catch {
    return undefined
  }
}

function readOrUndefined(path: string): Buffer | undefined {
  try {
    return readFileSync(path)
  } catch {
    return undefined
  }
}

if (parentPort !== null && workerData !== null && typeof workerData === 'object' && 'files' in workerData) {
  const port = parentPort
  // workerData comes from scan.ts, which builds it as a ScanJob.
  const job: ScanJob = workerData
  try {
    port.postMessage(scanFiles(job))
  } catch (error) {
    port.postMessage({ error: error instanceof Error ? error.message : String(error) })
  }
}
