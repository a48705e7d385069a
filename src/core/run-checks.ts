import type { Check } from './define-check.js'
import { isAsapDoctorError } from './errors.js'
import { formatMessage } from './format-message.js'
import type { CheckContext, CheckResult, FindingData } from './types.js'

/**
 * Runs checks in order for one subject. A check that throws is recorded with status `error` and the
 * others still run: one broken check must not hide the diagnosis of the rest (expo-doctor's rule).
 */
export async function runChecks(checks: readonly Check[], context: Omit<CheckContext, 'earlier'>): Promise<CheckResult[]> {
  const earlier = new Map<string, CheckResult>()
  const results: CheckResult[] = []
  for (const check of checks) {
    const result = await runOne(check, { ...context, earlier })
    earlier.set(check.id, result)
    results.push(result)
  }
  return results
}

async function runOne(check: Check, context: CheckContext): Promise<CheckResult> {
  try {
    const outcome = await check.run(context)
    const spec = check.messages[outcome.messageId]
    if (spec === undefined) throw new Error(`check ${check.id} returned unknown message id ${outcome.messageId}`)
    const data: FindingData = outcome.data ?? {}
    return {
      id: check.id,
      status: spec.status,
      severity: check.severity,
      title: check.title,
      messageId: outcome.messageId,
      message: formatMessage(spec.text, data),
      hints: (spec.hints ?? []).map((hint) => formatMessage(hint, data)),
      data,
      ...(spec.verdict === undefined ? {} : { verdict: formatMessage(spec.verdict, data) }),
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    // A known failure (network, input) is the environment's doing; anything else is our bug.
    const known = isAsapDoctorError(error)
    return {
      id: check.id,
      status: 'error',
      severity: check.severity,
      title: check.title,
      messageId: known ? 'could-not-run' : 'crashed',
      message: `This check could not run: ${reason}`,
      hints: [
        known
          ? 'Check the connection and the URLs involved (--desk-base-url, --accounts-base-url), then run again.'
          : 'This is a bug in asap-doctor; the other checks are unaffected. Run with --debug and report it.',
      ],
      data: { error: reason },
    }
  }
}
