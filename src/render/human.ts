import type { Report, SubjectReport } from '../core/report.js'
import { describeTimeClaims } from '../core/token/describe-claims.js'
import type { CheckResult, CheckStatus } from '../core/types.js'
import { plainStyle, type Style } from './style.js'

export interface HumanOptions {
  readonly style?: Style
}

const MARK: Record<CheckStatus, string> = { pass: '✓', fail: '✗', warn: '!', skip: '○', error: '✗' }
const TIME_CLAIM_NAMES = new Set(['not_before', 'not_after', 'exp', 'nbf', 'iat'])

/** The report for people: one line per check, the fix under each failure, decoded claims, a verdict. */
export function renderHuman(report: Report, options: HumanOptions = {}): string {
  const style = options.style ?? plainStyle
  const now = Date.parse(report.evaluatedAt)
  const blocks = report.subjects.map((subject) => renderSubject(subject, style, now, report.subjects.length > 1))
  const { summary } = report
  const total = summary.passed + summary.failed + summary.warnings + summary.skipped + summary.errors
  const counts = [
    `${summary.passed} passed`,
    `${summary.failed} failed`,
    `${summary.warnings} warning${summary.warnings === 1 ? '' : 's'}`,
    `${summary.skipped} skipped`,
    ...(summary.errors > 0 ? [`${summary.errors} crashed`] : []),
  ]
  const lines = [...blocks, `${total} check${total === 1 ? '' : 's'}: ${counts.join(', ')}`]
  const only = report.subjects[0]
  if (report.subjects.length === 1 && only !== undefined) lines.push(style.bold(only.verdict))
  else if (report.subjects.length === 0) lines.push('Nothing to check.')
  return `${lines.join('\n')}\n`
}

function renderSubject(subject: SubjectReport, style: Style, now: number, many: boolean): string {
  const lines: string[] = []
  const where = subject.source.kind === 'argument' ? 'argument' : `${subject.source.kind} ${subject.source.ref}`
  const entry =
    subject.source.entryIndex === undefined
      ? ''
      : ` entry #${subject.source.entryIndex}${subject.source.time === undefined ? '' : ` at ${subject.source.time}`}`
  lines.push(style.bold(subject.token === null ? `Subject (${where}${entry})` : `Token (${where}${entry}): ${shorten(subject.token.masked)}`))
  for (const note of subject.notes) lines.push(style.dim(`  note: ${note}`))
  lines.push('')
  const width = Math.max(...subject.checks.map((check) => check.id.length), 8)
  for (const check of subject.checks) lines.push(...renderCheck(check, width, style))
  const claims = subject.token?.payload
  // A recorded attempt is judged at its own time; so are the relative times of its claims.
  const at = subject.source.time === undefined ? now : Date.parse(subject.source.time)
  if (claims !== null && claims !== undefined && Object.keys(claims).length > 0) {
    lines.push('', `  Claims (times as Zoho reads them, relative to ${new Date(at).toISOString()}):`)
    lines.push(...renderClaims(claims, at).map((line) => `    ${line}`))
  }
  const diagnosis = subject.diagnosis
  if (diagnosis !== undefined && diagnosis.timeline.length > 0) {
    lines.push('', '  Timeline:')
    for (const event of diagnosis.timeline)
      lines.push(`    ${event.time.slice(11, 23)}  ${event.entryIndex === undefined ? '' : `#${event.entryIndex} `}${event.label}`)
  }
  if (diagnosis !== undefined && diagnosis.suspects.length > 0) {
    lines.push('', '  Remaining suspects (a recording cannot prove these; most likely first):')
    diagnosis.suspects.forEach((suspect, index) => {
      lines.push(`    ${index + 1}. ${suspect.title}`, style.dim(`       confirm: ${suspect.confirm}`))
    })
  }
  if (many) lines.push('', style.bold(subject.verdict))
  lines.push('')
  return lines.join('\n')
}

function renderCheck(check: CheckResult, width: number, style: Style): string[] {
  const paint = check.status === 'error' ? style.fail : style[check.status]
  const lines = [`  ${paint(MARK[check.status])} ${check.id.padEnd(width)}  ${check.message}`]
  const indent = ' '.repeat(width + 6)
  const hints = check.status === 'fail' || check.status === 'warn' || check.status === 'error' ? check.hints : check.hints.slice(0, 1)
  for (const hint of hints) lines.push(style.dim(`${indent}${check.status === 'skip' ? 'hint: ' : '→ '}${hint}`))
  return lines
}

/** Decoded claims, time claims with their unit, ISO date and relative time. Shared with `decode`. */
export function renderClaims(payload: Readonly<Record<string, unknown>>, now: number): string[] {
  const times = new Map(describeTimeClaims(payload, now).map((view) => [view.claim, view]))
  const width = Math.max(...Object.keys(payload).map((key) => key.length), 5)
  return Object.entries(payload).map(([claim, value]) => {
    const view = times.get(claim)
    if (view === undefined || !TIME_CLAIM_NAMES.has(claim)) return `${claim.padEnd(width)}  ${JSON.stringify(value)}`
    const unit = view.unit === 'ms' ? 'ms' : 's '
    const looks =
      view.looksLike === undefined ? '' : `  (looks like ${view.looksLike === 's' ? 'seconds' : view.looksLike === 'ms' ? 'milliseconds' : 'microseconds'})`
    return `${claim.padEnd(width)}  ${String(view.value)} ${unit}  ${view.iso} (${view.relative})${looks}`
  })
}

function shorten(masked: string): string {
  return masked.length <= 96 ? masked : `${masked.slice(0, 60)}…${masked.slice(-24)}`
}
