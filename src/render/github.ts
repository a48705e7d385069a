import type { Report, SubjectReport } from '../core/report.js'
import type { CheckResult } from '../core/types.js'

export interface GithubOptions {
  /** Values to hide in later log lines (`::add-mask::`): the raw tokens the run handled. */
  readonly masks?: readonly string[]
}

/**
 * GitHub Actions workflow commands: one annotation per failing or warning check, titled with the
 * check id, plus `::add-mask::` for every token so a later step cannot print it in clear.
 */
export function renderGithub(report: Report, options: GithubOptions = {}): string {
  const lines: string[] = []
  for (const mask of new Set(options.masks ?? [])) {
    const signature = mask.split('.')[2]
    lines.push(`::add-mask::${escapeData(mask)}`)
    if (signature !== undefined && signature.length >= 8) lines.push(`::add-mask::${escapeData(signature)}`)
  }
  for (const subject of report.subjects) {
    for (const check of subject.checks) {
      const command = annotationFor(check, report.strict)
      if (command === undefined) continue
      const title = `asap-doctor ${check.id}${subjectLabel(subject)}`
      const body = [check.message, ...check.hints.map((hint) => `Fix: ${hint}`)].join('\n')
      // Scan findings carry their place: GitHub then annotates the line in the diff.
      const { line, col, endLine, endCol } = check.data
      const place =
        subject.source.kind === 'file' && typeof line === 'number'
          ? `file=${escapeProperty(subject.source.ref)},line=${line}${typeof col === 'number' ? `,col=${col}` : ''}${typeof endLine === 'number' ? `,endLine=${endLine}` : ''}${typeof endCol === 'number' && endLine === line ? `,endColumn=${endCol}` : ''},`
          : ''
      lines.push(`::${command} ${place}title=${escapeProperty(title)}::${escapeData(body)}`)
    }
    lines.push(`::notice title=${escapeProperty(`asap-doctor verdict${subjectLabel(subject)}`)}::${escapeData(subject.verdict.replace(' below)', ')'))}`)
  }
  const { summary } = report
  lines.push(
    `asap-doctor: ${summary.passed} passed, ${summary.failed} failed, ${summary.warnings} warnings, ${summary.skipped} skipped, ${summary.errors} errors; exit code ${summary.exitCode}`,
  )
  return `${lines.join('\n')}\n`
}

/** The job summary (`$GITHUB_STEP_SUMMARY`): a markdown table per subject. */
export function renderMarkdownSummary(report: Report): string {
  const icon = { pass: '✅', fail: '❌', warn: '⚠️', skip: '⏭️', error: '💥' } as const
  const parts = [`## asap-doctor ${report.command}`, '']
  for (const subject of report.subjects) {
    parts.push(`### ${subject.token === null ? 'Subject' : 'Token'}${subjectLabel(subject)}`, '', `**${escapeMarkdown(subject.verdict)}**`, '')
    parts.push('| | check | result |', '| --- | --- | --- |')
    for (const check of subject.checks) parts.push(`| ${icon[check.status]} | \`${check.id}\` | ${escapeMarkdown(check.message)} |`)
    parts.push('')
  }
  const { summary } = report
  parts.push(`${summary.passed} passed, ${summary.failed} failed, ${summary.warnings} warnings, ${summary.skipped} skipped · exit code ${summary.exitCode}`, '')
  return parts.join('\n')
}

function annotationFor(check: CheckResult, strict: boolean): 'error' | 'warning' | undefined {
  if (check.status === 'fail' || check.status === 'error') return check.severity === 'info' ? 'warning' : 'error'
  if (check.status === 'warn') return strict ? 'error' : 'warning'
  return undefined
}

function subjectLabel(subject: SubjectReport): string {
  const { source } = subject
  if (source.kind === 'har') return ` (${source.ref}${source.entryIndex === undefined ? '' : ` #${source.entryIndex}`})`
  if (source.kind === 'argument') return ''
  return ` (${source.kind === 'stdin' ? 'stdin' : source.ref})`
}

// https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts: the escaping rules.
function escapeData(text: string): string {
  return text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A')
}

function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C')
}

function escapeMarkdown(text: string): string {
  return text.replaceAll('|', '\\|').replaceAll('\n', ' ')
}
