import { createHash } from 'node:crypto'
import type { Report } from '../core/report.js'
import type { CheckResult } from '../core/types.js'
import { allRules } from '../rules/index.js'

const SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json'

/**
 * SARIF 2.1.0 for GitHub code scanning: every rule with its descriptions and help, security
 * rules with `security-severity`, one result per finding with its region and a fingerprint that
 * survives unrelated edits (rule, file, message and the code line, not the line number).
 */
export function renderSarif(report: Report): string {
  const results = report.subjects.flatMap((subject) =>
    subject.checks
      .filter((check) => check.status === 'fail' || check.status === 'warn' || check.status === 'error')
      .map((check) => result(subject.source.ref, check)),
  )
  const sarif = {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'asap-doctor',
            version: report.tool.version,
            rules: allRules.map((rule) => ({
              id: rule.id,
              name: rule.id.replace(/(^|-)(\w)/g, (_, _dash: string, letter: string) => letter.toUpperCase()),
              shortDescription: { text: rule.title },
              fullDescription: { text: rule.description },
              help: {
                text: `${rule.description}\n\nFix: ${firstHints(rule.messages).join(' ')}\n\nDocs: ${rule.docs} (asap-doctor explain ${rule.id})`,
                markdown: `${rule.description}\n\n**Fix:** ${firstHints(rule.messages).join(' ')}\n\nDocs: \`${rule.docs}\` in the asap-doctor package · \`asap-doctor explain ${rule.id}\``,
              },
              defaultConfiguration: { level: rule.severity === 'error' ? 'error' : rule.severity === 'warning' ? 'warning' : 'note' },
              properties: {
                tags: rule.security === true ? ['security', 'zoho-asap'] : ['correctness', 'zoho-asap'],
                ...(rule.security === true ? { 'security-severity': rule.severity === 'error' ? '8.1' : '5.3', precision: 'high' } : {}),
              },
            })),
          },
        },
        results,
        columnKind: 'utf16CodeUnits',
      },
    ],
  }
  return `${JSON.stringify(sarif, null, 2)}\n`
}

function firstHints(messages: Readonly<Record<string, { readonly hints?: readonly string[]; readonly status?: 'pass' }>>): string[] {
  const hints = Object.values(messages).flatMap((message) => (message.status === 'pass' ? [] : (message.hints ?? []).slice(0, 1)))
  return [...new Set(hints)].slice(0, 2)
}

function result(file: string, check: CheckResult) {
  const { line, col, endLine, endCol, snippet } = check.data
  const region =
    typeof line === 'number' && typeof col === 'number'
      ? { startLine: line, startColumn: col, ...(typeof endLine === 'number' ? { endLine } : {}), ...(typeof endCol === 'number' ? { endColumn: endCol } : {}) }
      : undefined
  const fingerprint = createHash('sha256')
    .update(`${check.id}\0${check.messageId}\0${file}\0${typeof snippet === 'string' ? snippet : ''}`)
    .digest('hex')
    .slice(0, 32)
  return {
    ruleId: check.id,
    level: check.status === 'warn' ? 'warning' : 'error',
    message: { text: [check.message, ...check.hints.slice(0, 1).map((hint) => `Fix: ${hint}`)].join(' ') },
    locations: [{ physicalLocation: { artifactLocation: { uri: encodeURI(file), uriBaseId: '%SRCROOT%' }, ...(region === undefined ? {} : { region }) } }],
    partialFingerprints: { 'asapDoctor/v1': fingerprint },
  }
}
