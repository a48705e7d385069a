import type { Report } from '../core/report.js'
import type { CheckStatus } from '../core/types.js'
import { text } from './markdown.js'
import { buildScanView, type ScanFindingView } from './scan-view.js'

const MARK: Record<CheckStatus, string> = { fail: '❌', warn: '⚠️', pass: 'ℹ️', error: '💥', skip: '⏭️' }

/**
 * The scan report as GitHub-flavoured Markdown, for a pull request comment or a ticket: the counts,
 * then one section per file with each finding's `file:line:col`, rule id, message, code line (in a
 * fenced block: literal text, never markup) and fix. Secrets in code lines are `***` already.
 * Every other value from the input is escaped as text (markdown.ts `text`).
 */
export function renderScanMarkdown(report: Report, scannedFiles: number): string {
  const view = buildScanView(report, scannedFiles)
  const { counts } = view
  const lines: string[] = [
    '# ASAP integration scan',
    '',
    `**${text(view.headline)}**`,
    '',
    '| Errors | Warnings | Rule crashes | Notes | Files scanned | Files with findings |',
    '| ---: | ---: | ---: | ---: | ---: | ---: |',
    `| ${counts.errors} | ${counts.warnings} | ${counts.crashes} | ${counts.notes} | ${counts.scannedFiles} | ${counts.filesWithFindings} |`,
    '',
  ]
  for (const file of view.files) {
    lines.push(`## ${codeSpan(file.path)}`, '')
    for (const finding of file.findings) lines.push(...renderFinding(finding), '')
    for (const note of file.notes) lines.push(`- note: ${text(note)}`)
    if (file.notes.length > 0) lines.push('')
  }
  lines.push('---', '', `${text(view.summary)} ${text(`${report.tool.name} ${report.tool.version}, ${report.evaluatedAt}`)}; exit code ${view.exitCode}.`, '')
  return lines.join('\n')
}

function renderFinding(finding: ScanFindingView): string[] {
  const out = [`- ${MARK[finding.status]} **${finding.label}** ${codeSpan(finding.where)} ${codeSpan(finding.ruleId)}`, `  ${text(finding.message)}`]
  if (finding.snippet !== undefined) out.push('', ...fence(finding.snippet).map((line) => `  ${line}`))
  for (const hint of finding.hints) out.push('', `  Fix: ${text(hint)}`)
  return out
}

/**
 * A code span that shows `value` literally whatever it holds: the backtick run is longer than any
 * run inside, and a space pads a value that starts or ends with a backtick (CommonMark 6.1).
 */
export function codeSpan(value: string): string {
  const flat = value.replace(/[\r\n]+/g, ' ')
  const ticks = '`'.repeat(longestRun(flat, '`') + 1)
  const pad = flat.startsWith('`') || flat.endsWith('`') || flat === '' ? ' ' : ''
  return `${ticks}${pad}${flat}${pad}${ticks}`
}

/** A fenced code block longer than any backtick run in the code, so the code cannot close it. */
function fence(code: string): string[] {
  const ticks = '`'.repeat(Math.max(3, longestRun(code, '`') + 1))
  return [`${ticks}text`, ...code.split(/\r?\n/), ticks]
}

function longestRun(value: string, char: string): number {
  let longest = 0
  let run = 0
  for (const c of value) {
    run = c === char ? run + 1 : 0
    longest = Math.max(longest, run)
  }
  return longest
}
