import { formatMessage } from '../core/format-message.js'
import { buildReport, type Report, type SubjectReport } from '../core/report.js'
import type { CheckResult } from '../core/types.js'
import type { Rule } from '../rules/define-rule.js'
import type { FileScan } from './scan-file.js'
import { standsInTree, type TreeFacts, withoutDeferral } from './deferral.js'
import { endpointPath } from './json-endpoints.js'
import { lineOf, lineStarts } from './suppress.js'
import type { Finding, Location } from './types.js'

/**
 * Turns per-file scans into the usual report: one subject per file with findings (`source.kind`
 * 'file', `ref` = path), one result per finding. The location goes into the result's data
 * (`line`, `col`, `endLine`, `endCol`) with the code line (`snippet`, secrets replaced by `***`).
 */
export function scanReport(
  scans: readonly FileScan[],
  rules: readonly Rule[],
  options: {
    toolVersion: string
    now: number
    strict: boolean
    scannedFiles: number
    passesNonce?: boolean
    /** Some file of the tree uses the widget, also one that had nothing to report. */
    loadsWidget?: boolean
    jsonEndpoints?: readonly string[]
  },
): Report {
  const byId = new Map(rules.map((rule) => [rule.id, rule]))
  const tree: TreeFacts = {
    noncePassed: options.passesNonce === true || scans.some((scan) => scan.passesNonce),
    widgetUsed: options.loadsWidget === true || scans.some((scan) => scan.loadsWidget),
    jsonPaths: new Set([...(options.jsonEndpoints ?? []), ...scans.flatMap((scan) => scan.jsonEndpoints)].map(endpointPath)),
  }
  const subjects: SubjectReport[] = []
  for (const scan of scans) {
    const findings = [...scan.findings, ...scan.deferred.filter((finding) => standsInTree(finding.data, tree))].sort((a, b) => a.span.start - b.span.start)
    if (findings.length === 0 && scan.crashed.length === 0) continue
    const starts = lineStarts(scan.file.text)
    const checks: CheckResult[] = []
    for (const finding of findings) {
      const rule = byId.get(finding.ruleId)
      if (rule !== undefined) checks.push(resultFor(rule, finding, scan.file.text, starts, scan.file.minified))
    }
    for (const crash of scan.crashed) {
      const rule = byId.get(crash.ruleId)
      checks.push({
        id: crash.ruleId,
        status: 'error',
        severity: rule?.severity ?? 'error',
        title: rule?.title ?? crash.ruleId,
        messageId: 'crashed',
        message: `The rule crashed on this file: ${crash.message}`,
        hints: [],
        data: {},
      })
    }
    subjects.push({ source: { kind: 'file', ref: scan.file.path }, token: null, notes: scan.notes, checks, verdict: verdictFor(checks) })
  }
  const report = buildReport({ toolVersion: options.toolVersion, command: 'scan', now: options.now, subjects, strict: options.strict })
  return report
}

function resultFor(rule: Rule, finding: Finding, text: string, starts: readonly number[], minified: boolean): CheckResult {
  const message = rule.messages[finding.messageId] ?? { text: finding.messageId }
  const location = locate(starts, finding.span.start, finding.span.end)
  const data = { ...withoutDeferral(finding.data), ...location, snippet: snippet(text, starts, finding, location, minified) }
  const status = message.status === 'pass' ? 'pass' : rule.severity === 'error' ? 'fail' : rule.severity === 'warning' ? 'warn' : 'pass'
  return {
    id: rule.id,
    status,
    severity: rule.severity,
    title: rule.title,
    messageId: finding.messageId,
    message: formatMessage(message.text, data),
    hints: (message.hints ?? []).map((hint) => formatMessage(hint, data)),
    data,
  }
}

export function locate(starts: readonly number[], start: number, end: number): Location {
  const line = lineOf(starts, start)
  const endLine = lineOf(starts, Math.max(start, end - 1))
  return { line, col: start - (starts[line - 1] ?? 0) + 1, endLine, endCol: Math.max(start, end) - (starts[endLine - 1] ?? 0) + 1 }
}

/** The code line of a finding, trimmed; a window around it in a minified bundle; secrets masked. */
function snippet(text: string, starts: readonly number[], finding: Finding, location: Location, minified: boolean): string {
  const lineStart = starts[location.line - 1] ?? 0
  const next = starts[location.line]
  let from = lineStart
  let to = next === undefined ? text.length : next - 1
  if (minified || to - from > 160) {
    from = Math.max(lineStart, finding.span.start - 40)
    to = Math.min(to, Math.max(finding.span.end, finding.span.start) + 80, from + 160)
  }
  let line = text.slice(from, to)
  const redact = finding.redact
  if (redact !== undefined) {
    const a = Math.max(redact.start, from) - from
    const b = Math.min(redact.end, to) - from
    if (b > a) line = `${line.slice(0, a)}***${line.slice(b)}`
    // A secret that runs past the window must not leak its start either.
    else if (redact.start < to && redact.end > from) line = line.slice(0, Math.max(0, redact.start - from))
  }
  return line.replace(/\t/g, '  ').replace(/\s+$/, '').replace(/^\s+/, '')
}

function verdictFor(checks: readonly CheckResult[]): string {
  const errors = checks.filter((check) => check.status === 'fail' || check.status === 'error').length
  const warnings = checks.filter((check) => check.status === 'warn').length
  const first = checks.find((check) => check.status === 'fail' || check.status === 'error') ?? checks.find((check) => check.status === 'warn')
  if (first === undefined) return 'No problems found in this file.'
  const counts = [errors > 0 ? `${errors} error${errors === 1 ? '' : 's'}` : '', warnings > 0 ? `${warnings} warning${warnings === 1 ? '' : 's'}` : '']
    .filter(Boolean)
    .join(' and ')
  return `${counts}: ${first.title} (${first.id}).`
}
