import type { Report, SubjectReport } from '../core/report.js'
import type { CheckStatus } from '../core/types.js'
import { buildPageView, type ClaimRow, type FixView } from './html/view.js'

const STATUS: Record<CheckStatus, string> = { pass: '✅ pass', fail: '❌ fail', warn: '⚠️ warn', skip: '⏭️ skip', error: '💥 error' }

/**
 * The report as GitHub-flavoured Markdown for a ticket or an issue: verdict, outcome per attempt,
 * fixes, then per attempt a table of checks, the claims with human dates, and the recorded events.
 * Tokens are the report's (masked unless --reveal). No HTML: every value from the input is
 * escaped, so `<img …>` or `</script>` in a claim renders as those characters.
 */
export function renderMarkdown(report: Report): string {
  const view = buildPageView(report)
  const lines: string[] = [`# ASAP login report (${text(report.command)})`, '', `**${text(view.headline)}**`, '']
  if (view.attempts.length > 1 || report.command === 'har') {
    view.attempts.forEach((attempt, index) => {
      lines.push(`${index + 1}. **${text(attempt.outcome)}**: ${text(attempt.title)}: ${text(report.subjects[index]?.verdict ?? '')}`)
    })
    if (view.attempts.length > 0) lines.push('')
  }
  lines.push('## The fix', '')
  if (view.fixes.length === 0) lines.push('Nothing to fix: no check failed.', '')
  for (const fix of view.fixes) lines.push(...renderFix(fix, view.attempts.length > 1), '')
  report.subjects.forEach((subject, index) => {
    const attempt = view.attempts[index]
    if (attempt === undefined) return
    lines.push(...renderSubject(subject, attempt.title, attempt.outcome, attempt.at, attempt.claims, attempt.validity?.headline ?? attempt.validityNote))
  })
  lines.push(
    '---',
    '',
    `${text(view.summary)}. ${text(`${report.tool.name} ${report.tool.version}, evaluated ${report.evaluatedAt}`)}; token signatures masked unless run with \\-\\-reveal.`,
    '',
  )
  return lines.join('\n')
}

function renderFix(fix: FixView, many: boolean): string[] {
  const where = many ? ` (${fix.attempts.length > 1 ? 'attempts' : 'attempt'} ${fix.attempts.join(', ')})` : ''
  return [`- **${text(capitalize(fix.cause))}** — \`${code(fix.checkId)}\`${where}`, ...fix.hints.map((hint) => `  - ${text(hint)}`)]
}

function renderSubject(
  subject: SubjectReport,
  title: string,
  outcome: string,
  at: string,
  claims: readonly ClaimRow[],
  validity: string | undefined,
): string[] {
  const lines = [`## ${text(title)} (${text(outcome)})`, '', `**${text(subject.verdict)}**`, '']
  if (subject.token !== null) lines.push(`Token: ${tokenText(subject.token.masked)}`, '')
  for (const note of subject.notes) lines.push(`- ${text(note)}`)
  if (subject.notes.length > 0) lines.push('')
  lines.push('| Status | Check | Message |', '| --- | --- | --- |')
  for (const check of subject.checks) lines.push(`| ${STATUS[check.status]} | \`${code(check.id)}\` | ${cell(check.message)} |`)
  lines.push('')
  const fixes = subject.checks.filter((check) => (check.status === 'fail' || check.status === 'error' || check.status === 'warn') && check.hints.length > 0)
  if (fixes.length > 0) {
    lines.push('### How to fix', '')
    for (const check of fixes) lines.push(`- \`${code(check.id)}\`: ${check.hints.map(text).join(' ')}`)
    lines.push('')
  }
  if (validity !== undefined) lines.push(`**Validity window:** ${text(validity)}.`, '')
  if (claims.length > 0) {
    lines.push(`### Claims (times as Zoho reads them, at ${text(at)})`, '', '| Claim | Value | As Zoho reads it |', '| --- | --- | --- |')
    for (const claim of claims)
      lines.push(
        `| ${cell(claim.claim)} | ${cell(claim.value)} | ${cell(`${claim.meaning ?? ''}${claim.warning === undefined ? '' : ` (${claim.warning})`}`)} |`,
      )
    lines.push('')
  }
  const diagnosis = subject.diagnosis
  if (diagnosis !== undefined && diagnosis.timeline.length > 0) {
    lines.push('### What the recording shows', '', '| Time (UTC) | Event |', '| --- | --- |')
    for (const event of diagnosis.timeline)
      lines.push(`| ${cell(event.time.slice(11, 23))} | ${cell(`${event.entryIndex === undefined ? '' : `#${event.entryIndex} `}${event.label}`)} |`)
    lines.push('')
  }
  if (diagnosis !== undefined && diagnosis.suspects.length > 0) {
    lines.push('### Remaining suspects (a recording cannot prove these; most likely first)', '')
    diagnosis.suspects.forEach((suspect, index) => {
      lines.push(`${index + 1}. ${text(suspect.title)} Confirm: ${text(suspect.confirm)}`)
    })
    lines.push('')
  }
  return lines
}

/**
 * Inline text that stays text. Characters Markdown or GitHub's extensions (tables, strikethrough,
 * math) read as inline syntax get a backslash, which CommonMark defines as a literal: `<` can never
 * open an HTML tag, `|` never ends a cell, `&` never starts an entity. Line breaks become spaces and a
 * leading list or heading marker is escaped too, so a value cannot start a block. Dots, dashes and
 * colons stay as they are: the source stays readable where a ticket shows it unrendered.
 */
export function text(value: string): string {
  return value
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    .replace(/[\\`*_[\]<>|~&$#]/g, (char) => `\\${char}`)
    .replace(/^(\d+)([.)])/, '$1\\$2')
    .replace(/^([-+=])/, '\\$1')
}

/** Text for a table cell: the same escaping (`|` included). */
function cell(value: string): string {
  return text(value)
}

/** A code span's content: check ids are [a-z0-9-], anything else falls back to escaped text. */
function code(value: string): string {
  return /^[A-Za-z0-9._-]+$/.test(value) ? value : value.replace(/[^A-Za-z0-9._-]/g, '?')
}

/** A masked token as a code span when it has only token characters, else as escaped text. */
function tokenText(masked: string): string {
  const short = masked.length <= 120 ? masked : `${masked.slice(0, 80)}…${masked.slice(-30)}`
  return /^[A-Za-z0-9._*…-]+$/.test(short) ? `\`${short}\`` : text(short)
}

function capitalize(value: string): string {
  return value.charAt(0).toUpperCase() + value.slice(1)
}
