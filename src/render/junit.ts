import type { Report, SubjectReport } from '../core/report.js'
import type { CheckResult } from '../core/types.js'

/**
 * JUnit XML: one testsuite per subject, one testcase per check, valid against the Jenkins xunit
 * plugin's `junit-10.xsd` (test/fixtures/schemas/), the strictest schema CI servers use. The
 * explanation goes in the element body as well as `message`, because some CI servers (GitLab) show
 * only the body.
 *
 * `time` is always "0": checks take microseconds, the report does not time them, and a pure
 * renderer must give the same XML for the same report. CI servers need the attribute to add up
 * durations, not its precision.
 */
export function renderJunit(report: Report): string {
  const timestamp = junitTimestamp(report.evaluatedAt)
  const suites = report.subjects.map((subject, index) => renderSuite(report, subject, index, timestamp))
  const total = report.subjects.reduce((sum, subject) => sum + subject.checks.length, 0)
  const failures = report.summary.failed + (report.strict ? report.summary.warnings : 0)
  // No `skipped` here: junit-10.xsd does not allow it on <testsuites> (only on each <testsuite>).
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${attr(`asap-doctor ${report.command}`)}" tests="${total}" failures="${failures}" errors="${report.summary.errors}" time="0">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n')
}

function renderSuite(report: Report, subject: SubjectReport, index: number, timestamp: string): string {
  const { strict } = report
  const count = (predicate: (check: CheckResult) => boolean) => subject.checks.filter(predicate).length
  const failures = count((check) => check.status === 'fail' || (strict && check.status === 'warn'))
  const lines = [
    `  <testsuite name="${attr(suiteName(subject, index))}" tests="${subject.checks.length}" failures="${failures}" errors="${count((check) => check.status === 'error')}" skipped="${count((check) => check.status === 'skip')}" time="0" timestamp="${timestamp}">`,
    `    <properties><property name="verdict" value="${attr(subject.verdict)}"/></properties>`,
  ]
  const classname = attr(className(report.command, subject))
  for (const check of subject.checks) {
    const open = `    <testcase classname="${classname}" name="${attr(check.id)}" time="0">`
    const body = text([check.message, ...check.hints.map((hint) => `Fix: ${hint}`)].join('\n'))
    const fault = (element: 'failure' | 'error') => `<${element} message="${attr(check.message)}" type="${attr(check.messageId)}">${body}</${element}>`
    switch (check.status) {
      case 'pass':
        lines.push(`${open}</testcase>`)
        break
      case 'skip':
        lines.push(`${open}<skipped message="${attr(check.message)}"/></testcase>`)
        break
      case 'error':
        lines.push(`${open}${fault('error')}</testcase>`)
        break
      case 'fail':
        lines.push(`${open}${fault('failure')}</testcase>`)
        break
      case 'warn':
        lines.push(strict ? `${open}${fault('failure')}</testcase>` : `${open}<system-out>warning: ${body}</system-out></testcase>`)
        break
    }
  }
  lines.push('  </testsuite>')
  return lines.join('\n')
}

function suiteName(subject: SubjectReport, index: number): string {
  return `asap-doctor ${subjectLabel(subject)}${index > 0 ? ` (${index + 1})` : ''}`
}

function subjectLabel(subject: SubjectReport): string {
  const { source } = subject
  const where = source.kind === 'argument' ? 'token' : `${source.kind} ${source.ref}`
  return `${where}${source.entryIndex === undefined ? '' : ` #${source.entryIndex}`}`
}

/**
 * `asap-doctor.<command>.<subject>`, e.g. `asap-doctor.har.session_har#12`: the file's base name (the
 * suite name has the full path) and the HAR entry. Jenkins splits a classname at its last dot into
 * package and class, so dots inside the subject become `_` and the report groups by command, then
 * by subject.
 */
function className(command: string, subject: SubjectReport): string {
  const { source } = subject
  const base = source.ref.slice(Math.max(source.ref.lastIndexOf('/'), source.ref.lastIndexOf('\\')) + 1)
  const subjectPart =
    source.kind === 'argument' ? 'token' : `${base === '' ? source.kind : base}${source.entryIndex === undefined ? '' : `#${source.entryIndex}`}`
  return `asap-doctor.${command.replaceAll('.', '_')}.${subjectPart.replaceAll('.', '_')}`
}

/** Ant's JUnit timestamp: ISO-8601 without fraction or zone (asap-doctor's instants are UTC). */
function junitTimestamp(iso: string): string {
  return iso.replace(/(\.\d+)?Z$/, '')
}

/**
 * XML 1.0 cannot carry C0 control characters (except tab, newline, carriage return), U+FFFE, U+FFFF
 * or unpaired surrogates, not even as character references: they become U+FFFD.
 */
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/** Element content; a carriage return is kept as a reference, which parsers would otherwise fold into a newline. */
function text(value: string): string {
  return value
    .replace(FORBIDDEN, '\uFFFD')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll('\r', '&#13;')
}

/** Attribute values: tab and newline as references too, which attribute normalisation would turn into spaces. */
function attr(value: string): string {
  return text(value).replaceAll('\t', '&#9;').replaceAll('\n', '&#10;')
}
