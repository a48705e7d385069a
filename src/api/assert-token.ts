import type { Report, SubjectReport } from '../core/report.js'
import { isAsapDoctorError } from '../core/errors.js'
import type { CheckResult } from '../core/types.js'
import { diagnoseToken } from './diagnose-token.js'
import type { InstantInput, SecretInput } from './options.js'

/**
 * Why {@link assertAsapToken} threw. Branch on `code`, never on the message:
 * - `ERR_ASAP_TOKEN_REJECTED`: a check failed or crashed (or warned, with `strict`); `failures` lists them.
 * - `ERR_NO_TOKEN`: the value holds nothing that looks like a JWT.
 */
export type AsapTokenErrorCode = 'ERR_ASAP_TOKEN_REJECTED' | 'ERR_NO_TOKEN'

/** One failing check, as {@link AsapTokenError} carries it. */
export interface AsapTokenFailure {
  readonly id: string
  readonly status: CheckResult['status']
  readonly messageId: string
  readonly message: string
  readonly hints: readonly string[]
}

/**
 * Thrown by {@link assertAsapToken}. The message is the verdict, then one line per failing check with
 * its fix, so a failing test says what to change without a second run.
 */
export class AsapTokenError extends Error {
  readonly code: AsapTokenErrorCode
  readonly verdict: string
  readonly failures: readonly AsapTokenFailure[]
  /** The full report (masked token), for `renderReport` or your own assertions. Absent for `ERR_NO_TOKEN`. */
  readonly report: Report | undefined

  constructor(code: AsapTokenErrorCode, verdict: string, failures: readonly AsapTokenFailure[], report?: Report, options?: { cause?: unknown }) {
    super([verdict, ...failures.map(describeFailure)].join('\n'), options?.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'AsapTokenError'
    this.code = code
    this.verdict = verdict
    this.failures = failures
    this.report = report
  }
}

export interface AssertAsapTokenOptions {
  /** The ASAP JWT secret: required, because an unverified signature proves nothing. */
  readonly secret: SecretInput
  /** Evaluate the time checks at this instant (default: the clock). */
  readonly now?: InstantInput
  /** The Help Center user the token must log in (exact spelling). */
  readonly expectEmail?: string
  readonly leewayMs?: number
  /** Warnings fail too (e.g. an address that is not lower-case). */
  readonly strict?: boolean
  /** The token must be the bare `a.b.c` string, as handed to `successCallback` (default true). */
  readonly exact?: boolean
}

/**
 * Resolves when Zoho would accept the token as far as the token can tell (every token check passes);
 * rejects with an {@link AsapTokenError} otherwise. Works in any test runner that awaits promises:
 * vitest/jest `await expect(assertAsapToken(t, o)).resolves.toBeUndefined()`, node:test `await assertAsapToken(t, o)`.
 *
 * @throws AsapTokenError `ERR_ASAP_TOKEN_REJECTED` or `ERR_NO_TOKEN`; InputError `ERR_SECRET`/`ERR_USAGE` for bad options.
 */
export async function assertAsapToken(token: string, options: AssertAsapTokenOptions): Promise<void> {
  let report: Report
  try {
    report = await diagnoseToken(token, {
      secret: options.secret,
      now: options.now,
      expectEmail: options.expectEmail,
      leewayMs: options.leewayMs,
      strict: options.strict ?? false,
      exact: options.exact ?? true,
    })
  } catch (error) {
    if (isAsapDoctorError(error) && error.code === 'ERR_NO_TOKEN')
      throw new AsapTokenError('ERR_NO_TOKEN', `Not a token: ${error.message}.`, [], undefined, { cause: error })
    throw error
  }
  if (report.summary.exitCode === 0) return
  const subject: SubjectReport | undefined = report.subjects[0]
  const failing = (subject?.checks ?? []).filter(
    (check) => (check.status === 'fail' && check.severity !== 'info') || check.status === 'error' || (report.strict && check.status === 'warn'),
  )
  throw new AsapTokenError(
    'ERR_ASAP_TOKEN_REJECTED',
    subject?.verdict ?? 'Zoho would reject this token.',
    failing.map(({ id, status, messageId, message, hints }) => ({ id, status, messageId, message, hints })),
    report,
  )
}

function describeFailure(failure: AsapTokenFailure): string {
  const fix = failure.hints[0] === undefined ? '' : `\n    Fix: ${failure.hints[0]}`
  return `  ✗ ${failure.id} (${failure.status === 'warn' ? 'warning' : failure.status}, ${failure.messageId}): ${failure.message}${fix}`
}
