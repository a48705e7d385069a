import { allRules } from '../../rules/index.js'
import { type FileScan, scanFile, sourceFile } from '../../scan/scan-file.js'
import type { ScanConfig } from '../../scan/types.js'
import { type FilterJob, filterFiles } from './scan-worker.js'

/** What the scan command scans: the files, and the rules and config to scan them with. */
export interface ScanJob extends FilterJob {
  readonly ruleIds: readonly string[]
  readonly config: ScanConfig
}

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
      if (scan.findings.length > 0 || scan.deferred.length > 0 || scan.crashed.length > 0 || scan.notes.length > 0) scans.push({ ...scan, order })
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
