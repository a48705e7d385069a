/**
 * The CLI's commands and options as data. One table feeds commander (help, errors, every command)
 * and the start-up fast path (`fast-parse.ts`), so the two can never disagree about a flag.
 */
export interface OptionSpec {
  /** Long name without dashes, kebab-case: `secret-file`. */
  readonly name: string
  /** Value placeholder for options that take one: `path`. Absent for booleans. */
  readonly value?: string
  readonly description: string
  readonly multiple?: boolean
  readonly choices?: readonly string[]
  readonly defaultValue?: string
}

export interface CommandSpec {
  readonly name: CommandName
  readonly description: string
  readonly argument?: { readonly name: string; readonly required: boolean; readonly description: string }
  readonly options: readonly OptionSpec[]
}

export type CommandName = 'verify' | 'decode' | 'checks' | 'explain'

const format = (formats: readonly string[]): OptionSpec => ({ name: 'format', value: 'format', description: 'output format', choices: formats, defaultValue: 'human' })

const reportOptions: readonly OptionSpec[] = [
  { name: 'strict', description: 'warnings fail too (exit 1)' },
  { name: 'only', value: 'ids', description: 'run only these check ids (comma-separated, repeatable)', multiple: true },
  { name: 'skip', value: 'ids', description: 'skip these check ids (comma-separated, repeatable)', multiple: true },
  { name: 'reveal', description: 'show token signatures (masked by default)' },
  { name: 'color', value: 'when', description: 'colour the human output', choices: ['auto', 'always', 'never'], defaultValue: 'auto' },
]

const tokenInputOptions: readonly OptionSpec[] = [{ name: 'token-file', value: 'path', description: 'read the token from a file' }]

const secretOptions: readonly OptionSpec[] = [
  { name: 'secret-file', value: 'path', description: 'the ASAP JWT secret (one trailing newline is stripped)' },
  { name: 'secret-stdin', description: 'read the secret from stdin' },
  { name: 'secret', value: 'value', description: 'the secret itself (discouraged: shell history, process list)' },
  { name: 'alt-secret-file', value: 'path', description: 'a second candidate secret (Help Center secret, old secret)' },
]

const timeOptions: readonly OptionSpec[] = [
  { name: 'now', value: 'instant', description: 'evaluate time checks at this ISO-8601 instant or epoch ms' },
  { name: 'leeway', value: 'ms', description: 'clock tolerance for time checks, in ms', defaultValue: '0' },
]

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'verify',
    description: 'decode, verify and explain one ASAP login token',
    argument: { name: 'token', required: false, description: 'the token, or - to read stdin (pasted junk around it is removed)' },
    options: [
      ...tokenInputOptions,
      ...secretOptions,
      ...timeOptions,
      { name: 'expect-email', value: 'address', description: 'the Help Center user the token should log in' },
      { name: 'exact', description: 'the input is the exact string handed to successCallback: any wrapping fails' },
      format(['human', 'json']),
      ...reportOptions,
    ],
  },
  {
    name: 'decode',
    description: 'show header and payload with readable times (no verdict)',
    argument: { name: 'token', required: false, description: 'the token, or - to read stdin' },
    options: [
      ...tokenInputOptions,
      { name: 'now', value: 'instant', description: 'relative times against this ISO-8601 instant or epoch ms' },
      { name: 'reveal', description: 'show the signature' },
      format(['human', 'json']),
    ],
  },
  { name: 'checks', description: 'list every check with its id, severity and title', options: [format(['human', 'json'])] },
  {
    name: 'explain',
    description: "print a check's documentation",
    argument: { name: 'check-id', required: true, description: 'a check id, as listed by asap-doctor checks' },
    options: [],
  },
]

/** `secret-file` → `secretFile`, the key commander and the fast path both use. */
export function optionKey(name: string): string {
  return name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase())
}
