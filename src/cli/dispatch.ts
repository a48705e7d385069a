import type { CliIO } from './cli-io.js'
import type { CommandName } from './options-table.js'
import type { ParsedOptions } from './parsed-options.js'

/** Runs one command; each module is imported only when its command runs (start-up time). */
export async function dispatch(command: CommandName, argument: string | undefined, options: ParsedOptions, io: CliIO): Promise<number> {
  switch (command) {
    case 'verify':
      return (await import('./commands/verify.js')).verifyCommand(argument, options, io)
    case 'decode':
      return (await import('./commands/decode.js')).decodeCommand(argument, options, io)
    case 'checks':
      return (await import('./commands/list.js')).checksCommand(options, io)
    case 'explain':
      return (await import('./commands/list.js')).explainCommand(argument ?? '', io)
  }
}
