import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { allChecks, findCheck } from '../../checks/index.js'
import { InputError } from '../../core/errors.js'
import { SCHEMA_VERSION } from '../../core/report.js'
import type { CliIO } from '../cli-io.js'
import { closestId } from '../command-help.js'
import { optString, type ParsedOptions } from '../common-options.js'
import { PACKAGE_ROOT } from '../package-root.js'

/** `asap-doctor checks`: id, severity and title of every check, then of every scan rule. */
export async function checksCommand(options: ParsedOptions, io: CliIO): Promise<number> {
  // The rule registry is loaded only here and by scan: the other commands never need it.
  const { allRules } = await import('../../rules/index.js')
  if (optString(options, 'format') === 'json') {
    const checks = allChecks.map(({ id, severity, title, scope, docs }) => ({ id, severity, scope, title, docs }))
    const rules = allRules.map(({ id, severity, title, docs }) => ({ id, severity, title, docs }))
    io.stdout(`${JSON.stringify({ schemaVersion: SCHEMA_VERSION, command: 'checks', checks, rules }, null, 2)}\n`)
    return 0
  }
  const width = Math.max(...[...allChecks, ...allRules].map((entry) => entry.id.length))
  const line = (entry: { id: string; severity: string; title: string }) => `${entry.id.padEnd(width)}  ${entry.severity.padEnd(7)}  ${entry.title}`
  io.stdout(`${allChecks.map(line).join('\n')}\n\nscan rules (asap-doctor scan):\n${allRules.map(line).join('\n')}\n`)
  return 0
}

/** `asap-doctor explain <check-id>`: that check's docs page. */
export async function explainCommand(id: string, io: CliIO): Promise<number> {
  const check = findCheck(id)
  // Scan rules have docs pages too (docs/rules/<id>.md); the registry is loaded only when needed.
  const rule = check === undefined ? (await import('../../rules/index.js')).findRule(id) : undefined
  if (rule !== undefined) {
    io.stdout(await readFile(join(PACKAGE_ROOT, rule.docs), 'utf8'))
    return 0
  }
  if (check === undefined) {
    const { allRules } = await import('../../rules/index.js')
    const closest = closestId(
      id,
      [...allChecks, ...allRules].map((known) => known.id),
    )
    throw new InputError(
      'ERR_USAGE',
      `unknown check or rule id "${id}"${closest === undefined ? '' : `; did you mean ${closest}?`} (asap-doctor checks lists them)`,
    )
  }
  io.stdout(await readFile(join(PACKAGE_ROOT, check.docs), 'utf8'))
  return 0
}
