import type { Check } from '../core/define-check.js'
import { InputError } from '../core/errors.js'
import { parseInstant } from '../core/time.js'
import type { CliIO } from './cli-io.js'
import { closestId } from './command-help.js'

export function resolveNow(text: string | undefined, io: CliIO): number {
  if (text === undefined) return io.now()
  const value = parseInstant(text)
  if (value === undefined) {
    throw new InputError(
      'ERR_USAGE',
      `--now ${JSON.stringify(text)} is neither an ISO-8601 date-time (2026-11-21T09:30:00Z) nor epoch milliseconds (1795253400000)`,
    )
  }
  return value
}

export function resolveLeeway(text: string | undefined): number {
  if (text === undefined) return 0
  if (!/^\d+$/.test(text.trim())) throw new InputError('ERR_USAGE', `--leeway ${JSON.stringify(text)} must be a whole number of milliseconds`)
  return Number(text)
}

/** Applies --only/--skip (comma-separated or repeated), refusing ids that do not exist. */
export function selectChecks<C extends Check>(
  checks: readonly C[],
  only: readonly string[] | undefined,
  skip: readonly string[] | undefined,
  known: readonly Check[],
): C[] {
  const ids = new Set(known.map((check) => check.id))
  const split = (values: readonly string[] | undefined) =>
    (values ?? [])
      .flatMap((value) => value.split(','))
      .map((id) => id.trim())
      .filter((id) => id !== '')
  const onlyIds = split(only)
  const skipIds = split(skip)
  for (const id of [...onlyIds, ...skipIds]) {
    if (!ids.has(id)) {
      const closest = closestId(id, [...ids])
      throw new InputError('ERR_USAGE', `unknown check id "${id}"${closest === undefined ? '' : `; did you mean ${closest}?`} (see asap-doctor checks)`)
    }
  }
  return checks.filter((check) => (onlyIds.length === 0 || onlyIds.includes(check.id)) && !skipIds.includes(check.id))
}

/** Option values as both parsers deliver them, keyed by camelCase name. */
export type ParsedOptions = Readonly<Record<string, string | boolean | readonly string[] | undefined>>

export function optString(options: ParsedOptions, key: string): string | undefined {
  const value = options[key]
  return typeof value === 'string' ? value : undefined
}

export function optFlag(options: ParsedOptions, key: string): boolean {
  return options[key] === true
}

export function optList(options: ParsedOptions, key: string): string[] | undefined {
  const value = options[key]
  if (value === undefined || typeof value === 'boolean') return undefined
  return typeof value === 'string' ? [value] : [...value]
}
