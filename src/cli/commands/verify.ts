import { tokenChecks } from '../../checks/token-checks.js'
import { diagnoseToken } from '../../core/diagnose-token.js'
import { InputError } from '../../core/errors.js'
import { buildReport } from '../../core/report.js'
import { extractToken } from '../../core/token/extract-token.js'
import type { CliIO } from '../cli-io.js'
import { optFlag, optList, optString, type ParsedOptions, resolveLeeway, resolveNow, selectChecks } from '../common-options.js'
import { readSecrets, secretOptionsFrom } from '../io/read-secrets.js'
import { readTokenInput } from '../io/read-token-input.js'
import { writeReport } from '../output.js'
import { toolVersion } from '../package-root.js'

/** `asap-doctor verify [token]`: every token check for one token. Returns the exit code. */
export async function verifyCommand(argument: string | undefined, options: ParsedOptions, io: CliIO): Promise<number> {
  // Many tokens: a module of its own, so one-token verify loads none of it (start-up time).
  if (optString(options, 'batch') !== undefined) return (await import('./verify-batch.js')).verifyBatchCommand(argument, options, io)
  for (const flag of ['field', 'timeField'] as const) {
    if (optString(options, flag) !== undefined) throw new InputError('ERR_USAGE', `--${flag === 'field' ? 'field' : 'time-field'} needs --batch FILE`)
  }
  if (optString(options, 'format') === 'jsonl') throw new InputError('ERR_USAGE', '--format jsonl needs --batch FILE (one JSON line per token)')
  const only = optList(options, 'only')
  const skip = optList(options, 'skip')
  // The full registry is needed only to tell an unknown id from one that does not apply here.
  const known = only === undefined && skip === undefined ? tokenChecks : (await import('../../checks/index.js')).allChecks
  const checks = selectChecks(tokenChecks, only, skip, known)
  const now = resolveNow(optString(options, 'now'), io)
  const leewayMs = resolveLeeway(optString(options, 'leeway'))
  const exact = optFlag(options, 'exact')
  const input = await readTokenInput(argument, optString(options, 'tokenFile'), io, exact)
  const { secrets, notes, warnings } = await readSecrets(secretOptionsFrom(options), io, input.source.kind === 'stdin')
  for (const warning of warnings) io.stderr(`asap-doctor: warning: ${warning}\n`)
  const subject = await diagnoseToken({
    input: input.text,
    source: input.source,
    checks,
    now,
    leewayMs,
    secrets,
    exact,
    reveal: optFlag(options, 'reveal'),
    notes: [...input.notes, ...notes],
    expectEmail: optString(options, 'expectEmail'),
    // The verdict must not claim more than the selected checks show.
    partial: only !== undefined || skip !== undefined,
  })
  const report = buildReport({ toolVersion: toolVersion(), command: 'verify', now, subjects: [subject], strict: optFlag(options, 'strict') })
  return writeReport(report, optString(options, 'format') ?? 'human', optString(options, 'color'), io, [extractToken(input.text).token])
}
