import { allChecks, tokenChecks } from '../checks/index.js'
import { toolVersion } from '../cli/package-root.js'
import { selectChecks } from '../cli/common-options.js'
import { diagnoseToken as diagnoseSubject } from '../core/diagnose-token.js'
import { buildReport, type Report } from '../core/report.js'
import type { UserDirectory } from '../core/types.js'
import { type InstantInput, resolveInstant, resolveLeewayMs, secretCandidates, type SecretInput } from './options.js'

/** Options shared by every diagnosis of the library API. */
export interface CommonDiagnoseOptions {
  /** The ASAP JWT secret (raw UTF-8 text as shown in Zoho, or its bytes). Without it `signature` is skipped. */
  readonly secret?: SecretInput
  /** A second candidate (Help Center secret, the secret from before a regeneration). */
  readonly altSecret?: SecretInput
  /** The Help Center user the token should log in. */
  readonly expectEmail?: string
  /** Clock tolerance for the time checks, in ms (default 0). */
  readonly leewayMs?: number
  /** Show token signatures in the report (masked by default). */
  readonly reveal?: boolean
  /** Warnings fail too: `summary.exitCode` is 1 when a check warned. */
  readonly strict?: boolean
  /** Run only these check ids. */
  readonly only?: readonly string[]
  /** Skip these check ids. */
  readonly skip?: readonly string[]
}

export interface DiagnoseTokenOptions extends CommonDiagnoseOptions {
  /** Evaluate the time checks at this instant (default: the clock). */
  readonly now?: InstantInput
  /** The input is the exact string handed to `successCallback`: any wrapping fails `token-format`. */
  readonly exact?: boolean
  /** Where the token came from, for the report's `source.ref` (default `"argument"`). Never the token. */
  readonly ref?: string
  /** A user lookup for `help-center-user` (see `usersFromContactsExport`); only that check uses it. */
  readonly users?: UserDirectory
}

/**
 * Every token check on one token, as the `verify` command runs them. The input may carry pasted junk
 * (quotes, `Bearer `, a JSON object): it is cleaned and the report's notes say what was removed.
 *
 * @throws InputError `ERR_NO_TOKEN` when the input holds nothing token-like; `ERR_USAGE`/`ERR_SECRET` for bad options.
 */
export async function diagnoseToken(token: string, options: DiagnoseTokenOptions = {}): Promise<Report> {
  const now = resolveInstant(options.now)
  const base = options.users === undefined ? tokenChecks : [...tokenChecks, ...allChecks.filter((check) => check.scope === 'user')]
  const checks = selectChecks(base, options.only, options.skip, allChecks)
  const subject = await diagnoseSubject({
    input: token,
    source: { kind: 'argument', ref: options.ref ?? 'argument' },
    checks,
    now,
    leewayMs: resolveLeewayMs(options.leewayMs),
    secrets: secretCandidates(options.secret, options.altSecret),
    exact: options.exact ?? false,
    reveal: options.reveal ?? false,
    expectEmail: options.expectEmail,
    users: options.users,
  })
  return buildReport({ toolVersion: toolVersion(), command: 'verify', now, subjects: [subject], strict: options.strict ?? false })
}
