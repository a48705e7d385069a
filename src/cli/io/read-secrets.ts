import { Buffer } from 'node:buffer'
import { InputError } from '../../core/errors.js'
import type { SecretCandidate } from '../../core/types.js'
import type { CliIO } from '../cli-io.js'
import { optFlag, optString, type ParsedOptions } from '../common-options.js'
import { activeGuard } from '../output-guard.js'
import { MAX_TEXT_INPUT_BYTES, readTextFile, stripOneNewline } from './read-text.js'

export interface SecretOptions {
  readonly secretFile?: string
  readonly secretStdin?: boolean
  readonly secret?: string
  readonly altSecretFile?: string
}

export function secretOptionsFrom(options: ParsedOptions): SecretOptions {
  return {
    secretFile: optString(options, 'secretFile'),
    secret: optString(options, 'secret'),
    altSecretFile: optString(options, 'altSecretFile'),
    secretStdin: optFlag(options, 'secretStdin'),
  }
}

export interface SecretsRead {
  readonly secrets: SecretCandidate[]
  readonly notes: string[]
  readonly warnings: string[]
}

export const SECRET_ENV = 'ASAP_JWT_SECRET'

/**
 * Collects the secrets. Values never leave this function except as bytes inside SecretCandidate,
 * which nothing renders; notes and warnings name only where a secret came from.
 */
/** Where the config file says the secret is: a file (relative to the config) or an env var name. */
export interface ConfiguredSecret {
  readonly file?: string
  readonly env?: string
  readonly baseDir: string
}

export async function readSecrets(options: SecretOptions, io: CliIO, stdinTaken: boolean, configured?: ConfiguredSecret): Promise<SecretsRead> {
  const notes: string[] = []
  const warnings: string[] = []
  const given = [options.secretFile !== undefined, options.secretStdin === true, options.secret !== undefined].filter(Boolean).length
  if (given > 1) throw new InputError('ERR_USAGE', 'give the secret once: --secret-file, --secret-stdin or --secret')

  let primary: { text: string; origin: string } | undefined
  if (options.secretFile !== undefined) {
    const { text, stripped } = stripOneNewline(await readTextFile(options.secretFile, io.cwd, 'secret file'))
    if (stripped) notes.push(`Stripped one trailing newline from the secret file ${options.secretFile}.`)
    primary = { text, origin: `--secret-file ${options.secretFile}` }
  } else if (options.secretStdin === true) {
    if (stdinTaken) throw new InputError('ERR_USAGE', '--secret-stdin cannot be used when the token is also read from stdin')
    const read = await io.readStdin()
    // Same cap as token input: a 100 MB "secret" is a mistake, and holding it costs a gigabyte.
    if (Buffer.byteLength(read, 'utf8') > MAX_TEXT_INPUT_BYTES)
      throw new InputError('ERR_SECRET', 'the secret on stdin is larger than 16 MiB; that is not a secret')
    const { text, stripped } = stripOneNewline(read)
    if (stripped) notes.push('Stripped one trailing newline from the secret read on stdin.')
    primary = { text, origin: '--secret-stdin' }
  } else if (options.secret !== undefined) {
    warnings.push(`--secret puts the secret in your shell history and the process list; prefer --secret-file PATH, --secret-stdin or ${SECRET_ENV}.`)
    primary = { text: options.secret, origin: '--secret' }
  } else {
    const envName = configured?.env ?? SECRET_ENV
    const fromEnv = io.env[envName]
    if (fromEnv !== undefined && fromEnv !== '') {
      if (fromEnv.length > MAX_TEXT_INPUT_BYTES) throw new InputError('ERR_SECRET', `the secret in ${envName} is larger than 16 MiB; that is not a secret`)
      primary = { text: fromEnv, origin: envName }
    } else if (configured?.file !== undefined) {
      const { text, stripped } = stripOneNewline(await readTextFile(configured.file, configured.baseDir, 'secret file'))
      if (stripped) notes.push(`Stripped one trailing newline from the secret file ${configured.file}.`)
      primary = { text, origin: `secret.file ${configured.file}` }
    }
  }
  if (primary !== undefined && primary.text.length === 0) throw new InputError('ERR_SECRET', `the secret from ${primary.origin} is empty`)

  const secrets: SecretCandidate[] = []
  if (primary !== undefined) {
    const bytes = Buffer.from(primary.text, 'utf8')
    // From here on no output may carry the secret in any form (text, base64, hex): see output-guard.
    activeGuard()?.registerSecretBytes(bytes)
    secrets.push({ label: 'primary', bytes, origin: primary.origin })
  }
  if (options.altSecretFile !== undefined) {
    if (primary === undefined) throw new InputError('ERR_USAGE', '--alt-secret-file needs a primary secret (--secret-file, --secret-stdin or ASAP_JWT_SECRET)')
    const { text } = stripOneNewline(await readTextFile(options.altSecretFile, io.cwd, 'alternative secret file'))
    if (text.length === 0) throw new InputError('ERR_SECRET', `the alternative secret file ${options.altSecretFile} is empty`)
    const bytes = Buffer.from(text, 'utf8')
    activeGuard()?.registerSecretBytes(bytes)
    secrets.push({ label: 'alternative', bytes, origin: `--alt-secret-file ${options.altSecretFile}` })
  }
  return { secrets, notes, warnings }
}
