import { InputError } from '../../core/errors.js'
import { parseInstant } from '../../core/time.js'
import type { CliIO } from '../cli-io.js'
import { optFlag, optString, type ParsedOptions, resolveNow } from '../common-options.js'
import { readSecrets, secretOptionsFrom } from '../io/read-secrets.js'

/**
 * `asap-doctor sign --email ADDR`: prints a known-good token (and only it, so `$(asap-doctor sign …)`
 * works), or with `--code LANG` a signing function to copy into the backend. Returns the exit code.
 */
export async function signCommand(options: ParsedOptions, io: CliIO): Promise<number> {
  const code = optString(options, 'code')
  if (code !== undefined) {
    const { SIGNING_SNIPPETS, isSnippetLanguage, SNIPPET_LANGUAGES } = await import('../../core/signing-snippets/index.js')
    if (!isSnippetLanguage(code)) throw new InputError('ERR_USAGE', `--code ${JSON.stringify(code)}: choose one of ${SNIPPET_LANGUAGES.join(', ')}`)
    io.stdout(SIGNING_SNIPPETS[code])
    return 0
  }
  const email = optString(options, 'email')
  if (email === undefined) throw new InputError('ERR_USAGE', 'sign needs --email ADDRESS (or --code LANG for a signing function)')
  const now = resolveNow(optString(options, 'now'), io)
  const windowMs = wholeMs(optString(options, 'window'), '--window')
  const notBeforeText = optString(options, 'notBefore')
  const notBefore = notBeforeText === undefined ? undefined : parseInstant(notBeforeText)
  if (notBeforeText !== undefined && notBefore === undefined) {
    throw new InputError('ERR_USAGE', `--not-before ${JSON.stringify(notBeforeText)} is neither an ISO-8601 date-time nor epoch milliseconds`)
  }
  const { secrets, warnings } = await readSecrets(secretOptionsFrom(options), io, false)
  for (const warning of warnings) io.stderr(`asap-doctor: warning: ${warning}\n`)
  const primary = secrets.find((secret) => secret.label === 'primary')
  if (primary === undefined) throw new InputError('ERR_SECRET', 'no secret: pass --secret-file PATH, --secret-stdin or set ASAP_JWT_SECRET')
  const { signToken } = await import('../../core/token/sign-token.js')
  const token = signToken(
    primary.bytes,
    {
      email,
      firstName: optString(options, 'firstName'),
      lastName: optString(options, 'lastName'),
      windowMs,
      notBefore,
      keepEmailAsIs: optFlag(options, 'keepEmailAsIs'),
    },
    now,
  )
  io.stdout(`${token}\n`)
  return 0
}

function wholeMs(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined
  if (!/^\d+$/.test(text.trim())) throw new InputError('ERR_USAGE', `${flag} ${JSON.stringify(text)} must be a whole number of milliseconds`)
  return Number(text)
}
