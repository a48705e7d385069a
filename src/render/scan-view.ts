import type { Report } from '../core/report.js'
import type { CheckResult, CheckStatus } from '../core/types.js'

/** One finding as the HTML and Markdown scan reports show it. */
export interface ScanFindingView {
  readonly status: CheckStatus
  /** `error`, `warning`, `note` (the widget loader found) or `rule crashed`. */
  readonly label: string
  /** `file:line:col`, or the file alone when the finding has no place (a crashed rule). */
  readonly where: string
  readonly ruleId: string
  readonly title: string
  readonly message: string
  /** The code line, secrets already replaced by `***` (build-report.ts); absent for notes and bundles without one. */
  readonly snippet?: string
  readonly hints: readonly string[]
}

export interface ScanFileView {
  readonly path: string
  /** Problems first (in the file's order), then notes: as the human output. */
  readonly findings: readonly ScanFindingView[]
  readonly notes: readonly string[]
}

export interface ScanView {
  /** One sentence: what was found, or that nothing was. */
  readonly headline: string
  /** The same closing line as the human output: `Scanned 2 files: 13 errors, 1 warning.` */
  readonly summary: string
  readonly counts: {
    readonly scannedFiles: number
    readonly filesWithFindings: number
    readonly errors: number
    readonly warnings: number
    readonly crashes: number
    readonly notes: number
  }
  readonly exitCode: number
  readonly files: readonly ScanFileView[]
}

/** The scan report arranged for people, once, for both the HTML page and the Markdown. Pure. */
export function buildScanView(report: Report, scannedFiles: number): ScanView {
  const files = report.subjects.map((subject): ScanFileView => {
    const path = subject.source.ref
    const ordered = [...subject.checks.filter((check) => check.status !== 'pass'), ...subject.checks.filter((check) => check.status === 'pass')]
    return { path, findings: ordered.map((check) => findingView(path, check)), notes: subject.notes }
  })
  const { summary } = report
  const all = files.flatMap((file) => file.findings)
  const counts = {
    scannedFiles,
    filesWithFindings: files.filter((file) => file.findings.some((finding) => finding.status !== 'pass')).length,
    errors: summary.failed,
    warnings: summary.warnings,
    crashes: summary.errors,
    notes: all.filter((finding) => finding.status === 'pass').length,
  }
  const problems = [plural(counts.errors, 'error'), plural(counts.warnings, 'warning'), plural(counts.crashes, 'rule crash', 'rule crashes')].filter(
    (part) => !part.startsWith('0 '),
  )
  const headline =
    problems.length === 0
      ? `No problems found in ${plural(scannedFiles, 'file')}.`
      : `${problems.join(' and ').replace(/ and (?=.* and )/, ', ')} in ${plural(counts.filesWithFindings, 'file')}.`
  const crashes = counts.crashes > 0 ? `, ${plural(counts.crashes, 'rule crash', 'rule crashes')}` : ''
  return {
    headline,
    summary: `Scanned ${plural(scannedFiles, 'file')}: ${plural(counts.errors, 'error')}, ${plural(counts.warnings, 'warning')}${crashes}.`,
    counts,
    exitCode: summary.exitCode,
    files,
  }
}

function findingView(file: string, check: CheckResult): ScanFindingView {
  const { line, col, snippet } = check.data
  const where = typeof line === 'number' && typeof col === 'number' ? `${file}:${line}:${col}` : file
  const label = check.status === 'warn' ? 'warning' : check.status === 'pass' ? 'note' : check.status === 'error' ? 'rule crashed' : 'error'
  const problem = check.status !== 'pass'
  return {
    status: check.status,
    label,
    where,
    ruleId: check.id,
    title: check.title,
    message: check.message,
    ...(problem && typeof snippet === 'string' && snippet !== '' ? { snippet } : {}),
    hints: problem ? check.hints : [],
  }
}

function plural(count: number, word: string, many = `${word}s`): string {
  return `${count} ${count === 1 ? word : many}`
}
