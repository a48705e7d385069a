import type { Report, SubjectReport } from '../core/report.js'
import type { CheckResult } from '../core/types.js'

/**
 * JUnit XML: one testsuite per subject, one testcase per check. The explanation goes in the element
 * body as well as `message`, because some CI servers (GitLab) show only the body.
 */
export function renderJunit(report: Report): string {
  const suites = report.subjects.map((subject, index) => renderSuite(subject, index, report.strict))
  const total = report.subjects.reduce((sum, subject) => sum + subject.checks.length, 0)
  const failures = report.summary.failed + (report.strict ? report.summary.warnings : 0)
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="asap-doctor ${xml(report.command)}" tests="${total}" failures="${failures}" errors="${report.summary.errors}" skipped="${report.summary.skipped}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n')
}

function renderSuite(subject: SubjectReport, index: number, strict: boolean): string {
  const name = suiteName(subject, index)
  const count = (predicate: (check: CheckResult) => boolean) => subject.checks.filter(predicate).length
  const lines = [
    `  <testsuite name="${xml(name)}" tests="${subject.checks.length}" failures="${count((c) => c.status === 'fail' || (strict && c.status === 'warn'))}" errors="${count((c) => c.status === 'error')}" skipped="${count((c) => c.status === 'skip')}">`,
    `    <properties><property name="verdict" value="${xml(subject.verdict)}"/></properties>`,
  ]
  for (const check of subject.checks) {
    const open = `    <testcase classname="asap-doctor.${xml(subject.source.kind)}" name="${xml(check.id)}">`
    const body = xml([check.message, ...check.hints.map((hint) => `Fix: ${hint}`)].join('\n'))
    switch (check.status) {
      case 'pass':
        lines.push(`${open}</testcase>`)
        break
      case 'skip':
        lines.push(`${open}<skipped message="${xml(check.message)}"/></testcase>`)
        break
      case 'error':
        lines.push(`${open}<error message="${xml(check.message)}" type="${xml(check.messageId)}">${body}</error></testcase>`)
        break
      case 'fail':
        lines.push(`${open}<failure message="${xml(check.message)}" type="${xml(check.messageId)}">${body}</failure></testcase>`)
        break
      case 'warn':
        lines.push(
          strict
            ? `${open}<failure message="${xml(check.message)}" type="${xml(check.messageId)}">${body}</failure></testcase>`
            : `${open}<system-out>warning: ${body}</system-out></testcase>`,
        )
        break
    }
  }
  lines.push('  </testsuite>')
  return lines.join('\n')
}

function suiteName(subject: SubjectReport, index: number): string {
  const { source } = subject
  const where = source.kind === 'argument' ? 'token' : `${source.kind} ${source.ref}`
  return `asap-doctor ${where}${source.entryIndex === undefined ? '' : ` #${source.entryIndex}`}${index > 0 ? ` (${index + 1})` : ''}`
}

function xml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    // XML 1.0 forbids most control characters even when escaped.
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '\uFFFD')
}
