import { InputError } from '../core/errors.js'
import type { ParsedOptions } from './common-options.js'
import type { CommandSpec } from './options-table.js'

/**
 * The end of `asap-doctor <command> --help`: the environment variables the command reads, then its
 * examples, last, where a reader's eye lands (gh and npm end their help the same way).
 */
export function helpAfter(spec: CommandSpec): string {
  const env = spec.env ?? []
  const width = Math.max(0, ...env.map((variable) => variable.name.length))
  const lines = ['', 'Environment variables:']
  if (env.length === 0) lines.push('  none')
  for (const variable of env) lines.push(`  ${variable.name.padEnd(width)}  ${variable.description}`)
  lines.push('', 'Examples:')
  for (const example of spec.examples ?? []) lines.push(`  $ asap-doctor ${example}`)
  return `${lines.join('\n')}\n`
}

/** The end of `asap-doctor --help`: where to go next, as examples. */
export function rootHelpAfter(): string {
  return [
    '',
    'Each command names the environment variables it reads in its own --help (asap-doctor verify --help).',
    '',
    'Examples:',
    '  $ asap-doctor verify --token-file token.txt --secret-file asap-secret.txt',
    '  $ asap-doctor har session.har --org-id 712340056 --data-center us --allowed-domain app.example.com',
    '  $ asap-doctor explain time-units',
    '',
  ].join('\n')
}

/**
 * `--json` is `--format json` (what gh users type). A contradicting `--format` is a usage error;
 * `human` cannot be told apart from the default, so it yields to `--json`.
 */
export function withJsonFormat(options: ParsedOptions): ParsedOptions {
  if (options.json !== true) return options
  const format = options.format
  if (typeof format === 'string' && format !== 'human' && format !== 'json') throw new InputError('ERR_USAGE', `--json contradicts --format ${format}`)
  return { ...options, format: 'json' }
}

/**
 * The known id closest to a mistyped one (Levenshtein distance), if it is close enough to be what
 * the user meant: at most a third of the id's length, and never more than 3 edits.
 */
export function closestId(wanted: string, known: readonly string[]): string | undefined {
  let best: string | undefined
  let bestDistance = Math.min(3, Math.max(1, Math.floor(wanted.length / 3)))
  for (const id of known) {
    const distance = editDistance(wanted.toLowerCase(), id)
    if (distance <= bestDistance && (best === undefined || distance < bestDistance)) {
      best = id
      bestDistance = distance
    }
  }
  return best
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1)
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution))
    }
    previous = current
  }
  return previous[b.length] ?? 0
}
