import { InputError } from '../../core/errors.js'
import type { SubjectSource } from '../../core/report.js'
import type { CliIO } from '../cli-io.js'
import { MAX_TEXT_INPUT_BYTES, readTextFile, stripOneNewline } from './read-text.js'

export interface TokenInput {
  readonly text: string
  readonly source: SubjectSource
  readonly notes: readonly string[]
}

/**
 * Finds where the token comes from: an argument, `-`/piped stdin, or `--token-file`. With `exact`,
 * a file's or pipe's single trailing newline is not counted as wrapping (editors and echo add it).
 */
export async function readTokenInput(argument: string | undefined, tokenFile: string | undefined, io: CliIO, exact: boolean): Promise<TokenInput> {
  if (argument !== undefined && tokenFile !== undefined) throw usage('give the token either as an argument or with --token-file, not both')
  if (tokenFile !== undefined) return fromStream(await readTextFile(tokenFile, io.cwd, 'token file'), { kind: 'file', ref: tokenFile }, exact)
  if (argument !== undefined && argument !== '-') return { text: argument, source: { kind: 'argument', ref: 'argument' }, notes: [] }
  if (argument === '-' || !io.stdinIsTTY) {
    const text = await io.readStdin()
    if (text.length > MAX_TEXT_INPUT_BYTES) throw new InputError('ERR_INPUT', 'the input on stdin is larger than 16 MiB; that is not a token')
    return fromStream(text, { kind: 'stdin', ref: '-' }, exact)
  }
  throw usage('no token given: pass it as an argument, pipe it on stdin (or -), or use --token-file PATH')
}

function fromStream(text: string, source: SubjectSource, exact: boolean): TokenInput {
  if (!exact) return { text, source, notes: [] }
  const { text: stripped, stripped: removed } = stripOneNewline(text)
  return {
    text: stripped,
    source,
    notes: removed ? [`Ignored the ${source.kind === 'file' ? "file's" : "input's"} final line break (not part of the token).`] : [],
  }
}

function usage(message: string): InputError {
  return new InputError('ERR_USAGE', message)
}
