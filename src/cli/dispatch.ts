import type { CliIO } from './cli-io.js'
import type { CommandName } from './options-table.js'
import type { ParsedOptions } from './common-options.js'

/** Runs one command; each module is imported only when its command runs (start-up time). */
export async function dispatch(command: CommandName, args: readonly string[], options: ParsedOptions, io: CliIO): Promise<number> {
  const out = options.out
  return typeof out === 'string' ? toReportFile(out, io, (fileIo) => runCommand(command, args, options, fileIo)) : runCommand(command, args, options, io)
}

/**
 * `--out FILE`: what the command prints on stdout (its report) goes to the file instead, through the
 * same output guard as stdout; stdout then says where it went. Nothing is written if the command fails.
 */
async function toReportFile(out: string, io: CliIO, run: (fileIo: CliIO) => Promise<number>): Promise<number> {
  const chunks: string[] = []
  const exitCode = await run({ ...io, stdout: (text) => chunks.push(text), stdoutIsTTY: false })
  const [{ writeFileSync }, { isAbsolute, resolve }, { InputError }, { guardFileText }] = await Promise.all([
    import('node:fs'),
    import('node:path'),
    import('../core/errors.js'),
    import('./output-guard.js'),
  ])
  const text = guardFileText(chunks.join(''))
  try {
    writeFileSync(isAbsolute(out) ? out : resolve(io.cwd, out), text)
  } catch (error) {
    throw new InputError('ERR_FILE', `cannot write ${out}: ${error instanceof Error ? error.message : String(error)}`)
  }
  io.stdout(`Wrote ${out} (${Math.ceil(Buffer.byteLength(text) / 1024)} KB).\n`)
  return exitCode
}

async function runCommand(command: CommandName, args: readonly string[], options: ParsedOptions, io: CliIO): Promise<number> {
  switch (command) {
    case 'verify':
      return (await import('./commands/verify.js')).verifyCommand(args[0], options, io)
    case 'decode':
      return (await import('./commands/decode.js')).decodeCommand(args[0], options, io)
    case 'har':
      return (await import('./commands/har.js')).harCommand(args, options, io)
    case 'record':
      return (await import('./commands/record.js')).recordCommand(args[0], options, io)
    case 'check':
      return (await import('./commands/check.js')).checkCommand(options, io)
    case 'endpoint':
      return (await import('./commands/endpoint.js')).endpointCommand(args[0], options, io)
    case 'checks':
      return (await import('./commands/list.js')).checksCommand(options, io)
    case 'sign':
      return (await import('./commands/sign.js')).signCommand(options, io)
    case 'explain':
      return (await import('./commands/list.js')).explainCommand(args[0] ?? '', io)
    case 'scan':
      return (await import('./commands/scan.js')).scanCommand(args, options, io)
  }
}
