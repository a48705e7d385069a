import { parseArgs } from 'node:util'
import { COMMANDS, optionKey, type CommandName } from './options-table.js'
import type { ParsedOptions } from './common-options.js'

export interface FastParse {
  readonly command: CommandName
  readonly args: readonly string[]
  readonly options: ParsedOptions
}

/**
 * Parses the common, well-formed invocations with node's built-in parseArgs, from the same option
 * table as commander, so `verify` does not pay commander's load time (it drags in child_process).
 * Anything unusual (help, version, an unknown flag, a bad choice) returns undefined and goes to
 * commander, which owns every message and error.
 */
export function fastParse(argv: readonly string[]): FastParse | undefined {
  const spec = COMMANDS.find((command) => command.name === argv[0])
  if (spec === undefined || argv.some((arg) => arg === '-h' || arg === '--help' || arg === '-V' || arg === '--version')) return undefined
  const options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean }> = { debug: { type: 'boolean' } }
  for (const option of spec.options)
    options[option.name] = { type: option.value === undefined ? 'boolean' : 'string', ...(option.multiple === true ? { multiple: true } : {}) }
  let parsed: ReturnType<typeof parseArgs>
  try {
    parsed = parseArgs({ args: argv.slice(1), options, allowPositionals: true, strict: true })
  } catch {
    return undefined
  }
  const positionals = parsed.positionals
  if (positionals.length > (spec.argument === undefined ? 0 : spec.argument.variadic === true ? Infinity : 1)) return undefined
  if (spec.argument?.required === true && positionals.length === 0) return undefined
  const values: Record<string, string | boolean | readonly string[] | undefined> = {}
  for (const option of spec.options) {
    const value = parsed.values[option.name] ?? option.defaultValue
    if (option.choices !== undefined && (typeof value !== 'string' || !option.choices.includes(value))) return undefined
    if (Array.isArray(value)) values[optionKey(option.name)] = value.filter((item): item is string => typeof item === 'string')
    else if (typeof value === 'string' || typeof value === 'boolean') values[optionKey(option.name)] = value
  }
  return { command: spec.name, args: positionals, options: values }
}
