import type { CliIO } from './cli-io.js'
import type { CommandName } from './options-table.js'
import type { ParsedOptions } from './common-options.js'

/** Runs one command; each module is imported only when its command runs (start-up time). */
export async function dispatch(command: CommandName, args: readonly string[], options: ParsedOptions, io: CliIO): Promise<number> {
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
  }
}
