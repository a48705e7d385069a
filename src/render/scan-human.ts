import type { Report } from '../core/report.js'
import type { CheckResult } from '../core/types.js'
import { plainStyle, type Style } from './style.js'

const MARK = { fail: '✗', warn: '!', pass: '·', error: '✗', skip: '○' } as const

/**
 * The scan report for people, grouped by file: `file:line:col  rule  message`, the code line,
 * then the fix. Notes (the widget loader found) come last in each file, dimmed.
 */
export function renderScanHuman(report: Report, scannedFiles: number, style: Style = plainStyle): string {
  const lines: string[] = []
  let problems = 0
  for (const subject of report.subjects) {
    const file = subject.source.ref
    lines.push(style.bold(file))
    const ordered = [...subject.checks.filter((check) => check.status !== 'pass'), ...subject.checks.filter((check) => check.status === 'pass')]
    for (const check of ordered) {
      if (check.status !== 'pass') problems += 1
      lines.push(...renderFinding(file, check, style))
    }
    for (const note of subject.notes) lines.push(style.dim(`  note: ${note}`))
    lines.push('')
  }
  const { summary } = report
  lines.push(
    `Scanned ${scannedFiles} file${scannedFiles === 1 ? '' : 's'}: ${summary.failed} error${summary.failed === 1 ? '' : 's'}, ${summary.warnings} warning${summary.warnings === 1 ? '' : 's'}${summary.errors > 0 ? `, ${summary.errors} rule crash${summary.errors === 1 ? '' : 'es'}` : ''}.`,
  )
  if (problems === 0) lines.push('No problems found.')
  return `${lines.join('\n')}\n`
}

function renderFinding(file: string, check: CheckResult, style: Style): string[] {
  const { line, col, snippet } = check.data
  const where = typeof line === 'number' && typeof col === 'number' ? `${file}:${line}:${col}` : file
  const paint = check.status === 'warn' ? style.warn : check.status === 'pass' ? style.dim : style.fail
  const label = check.status === 'warn' ? 'warning' : check.status === 'pass' ? 'note' : 'error'
  const out = [`  ${paint(`${MARK[check.status]} ${label}`)} ${where}  ${check.id}`, `    ${check.message}`]
  if (typeof snippet === 'string' && snippet !== '' && check.status !== 'pass') out.push(style.dim(`    | ${snippet}`))
  if (check.status !== 'pass') for (const hint of check.hints) out.push(`    fix: ${hint}`)
  return out
}
