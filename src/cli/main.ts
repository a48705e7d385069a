import type { Command } from 'commander'
import type { CliIO } from './cli-io.js'
import { helpAfter, rootHelpAfter, withJsonFormat } from './command-help.js'
import { dispatch } from './dispatch.js'
import { fastParse } from './fast-parse.js'
import { COMMANDS, optionKey, type CommandSpec } from './options-table.js'
import { OutputGuard, withGuard } from './output-guard.js'
import { toolVersion } from './package-root.js'
import type { ParsedOptions } from './common-options.js'

/**
 * Runs the CLI for one argv and returns the exit code: 0 nothing failed, 1 a check failed, 2 the
 * tool could not run. Never throws and never calls process.exit.
 */
export async function runCli(argv: readonly string[], rawIo: CliIO): Promise<number> {
  const debug = argv.includes('--debug')
  const reveal = argv.includes('--reveal')
  // Every byte written goes through one guard that knows the run's credentials (issue 12). `sign`
  // prints a token it made, so only registered input signatures are masked there.
  const guard = new OutputGuard(reveal, !reveal && argv[0] !== 'sign')
  guard.registerArgv(argv)
  const io = guard.wrap(rawIo)
  return withGuard(guard, async () => {
    try {
      const fast = fastParse(argv)
      if (fast !== undefined) return await dispatch(fast.command, fast.args, withJsonFormat(fast.options), io)
      return await runCommander(argv, io)
    } catch (error) {
      return reportError(error, io, debug)
    }
  })
}

async function runCommander(argv: readonly string[], io: CliIO): Promise<number> {
  const { Command, CommanderError, Option } = await import('commander')
  let exitCode = 0
  const program: Command = new Command('asap-doctor')
    .description('Diagnose why a Zoho Desk ASAP widget JWT login falls back to guest ("general_error").')
    .option('--debug', 'show stack traces of unexpected errors')
    .exitOverride()
    // Usage errors are one line on stderr, like every other "could not run" (exit 2).
    .configureOutput({ writeOut: io.stdout, writeErr: (text) => io.stderr(text.startsWith('error:') ? `asap-doctor: ${withoutOptionValues(text)}` : text) })
    .version(toolVersion(), '-V, --version')
    .addHelpText('after', rootHelpAfter())

  for (const spec of COMMANDS) {
    const command = program.command(spec.name).description(spec.description).addHelpText('after', helpAfter(spec))
    if (spec.argument !== undefined) {
      const name = `${spec.argument.name}${spec.argument.variadic === true ? '...' : ''}`
      command.argument(spec.argument.required ? `<${name}>` : `[${name}]`, spec.argument.description)
    }
    for (const option of spec.options) {
      const flags = `--${option.name}${option.value === undefined ? '' : ` <${option.value}>`}`
      const built = new Option(flags, option.description)
      if (option.choices !== undefined) built.choices(option.choices)
      if (option.defaultValue !== undefined) built.default(option.defaultValue)
      if (option.multiple === true) built.argParser((value: string, previous: string[] | undefined) => [...(previous ?? []), value])
      command.addOption(built)
    }
    command.action(async (...args: unknown[]) => {
      exitCode = await dispatch(spec.name, spec.argument === undefined ? [] : positionalsOf(args[0]), withJsonFormat(commanderOptions(spec, command)), io)
    })
  }

  try {
    await program.parseAsync([...argv], { from: 'user' })
    return exitCode
  } catch (error) {
    // --help and --version end in a CommanderError with exit code 0; commander printed the text.
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2
    throw error
  }
}

function commanderOptions(spec: CommandSpec, command: Command): ParsedOptions {
  const raw = command.opts()
  const options: Record<string, string | boolean | readonly string[] | undefined> = {}
  for (const option of spec.options) {
    // commander files a negated flag (--no-redact) under the positive name with false; the table and the fast path use the flag's own name.
    const negated = option.name.startsWith('no-') && option.value === undefined && raw[optionKey(option.name.slice(3))] === false
    const value: unknown = negated ? true : raw[optionKey(option.name)]
    if (typeof value === 'string' || typeof value === 'boolean') options[optionKey(option.name)] = value
    else if (Array.isArray(value)) options[optionKey(option.name)] = value.filter((item): item is string => typeof item === 'string')
  }
  return options
}

function positionalsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []
}

/** A usage error names the option, never its value: `--token=<jwt>` or `--secert=<secret>` is a credential. */
function withoutOptionValues(text: string): string {
  return text.replace(/'(-{1,2}[^\s'=]+)=[^'\n]*'/g, "'$1'")
}

function reportError(error: unknown, io: CliIO, debug: boolean): number {
  const known = typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' && error.code.startsWith('ERR_')
  const message = error instanceof Error ? error.message : String(error)
  if (known) {
    io.stderr(`asap-doctor: ${message}\n`)
    const reason = error instanceof Error && 'reason' in error && typeof error.reason === 'string' ? error.reason : undefined
    if (reason !== undefined) io.stderr(`Reason: ${reason}\n`)
  } else {
    io.stderr(`asap-doctor: unexpected error: ${message}${debug ? '' : ' (run with --debug for details)'}\n`)
  }
  if (debug && error instanceof Error && error.stack !== undefined) io.stderr(`${error.stack}\n`)
  return 2
}
