import { SCHEMA_VERSION } from '../core/report.js'
import type { BatchSummary, CauseSummary, LineOutcome } from '../core/batch/aggregate.js'

/** Where the batch came from and how time was evaluated, for the summary's first lines. */
export interface BatchHeading {
  readonly ref: string
  readonly toolVersion: string
  readonly evaluatedAt: number
  /** `now`: every token at one instant; `field`: each at its record's timestamp. */
  readonly timeSource: 'now' | 'field'
  readonly timeField?: string
  readonly strict: boolean
}

const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`
const percent = (share: number) => `${(share * 100).toFixed(1)} %`

/** The human summary: totals, then each cause with count, share, first lines and one example. */
export function renderBatchHuman(summary: BatchSummary, heading: BatchHeading): string {
  const source = heading.ref === '-' ? 'stdin' : heading.ref
  const when =
    heading.timeSource === 'field'
      ? `time checks at each record's "${heading.timeField ?? ''}"`
      : `time checks at ${new Date(heading.evaluatedAt).toISOString()}`
  const blank = summary.blankLines > 0 ? ` (and ${count(summary.blankLines, 'blank line')}, skipped)` : ''
  const lines = [`Batch ${source}: ${count(summary.tokens, 'token')} on ${count(summary.lines, 'line')}${blank}; ${when}.`]
  if (summary.tokens > 0) {
    const warned = summary.acceptedWithWarnings > 0 ? ` (${count(summary.acceptedWithWarnings, 'with warnings', 'with warnings')})` : ''
    lines.push(
      `Zoho would accept ${summary.accepted.toLocaleString('en-US')} of ${count(summary.tokens, 'token')} (${percent(summary.accepted / summary.tokens)})${warned}; ${summary.rejected.toLocaleString('en-US')} rejected.`,
    )
  }
  if (summary.unverifiedSignatures > 0) {
    lines.push(
      `Signatures of ${count(summary.unverifiedSignatures, 'token')} were not verified: no secret given (--secret-file PATH, --secret-stdin or ASAP_JWT_SECRET).`,
    )
  }
  const sections: ReadonlyArray<readonly [string, (cause: CauseSummary) => boolean]> = [
    ['Why Zoho would reject them (each token counted once, under its root cause):', (cause) => cause.status === 'fail' || cause.status === 'error'],
    ['Lines without a token to diagnose:', (cause) => cause.status === 'bad-line'],
    ['Warnings (a token may have several):', (cause) => cause.status === 'warn'],
  ]
  for (const [title, belongs] of sections) {
    const causes = summary.causes.filter(belongs)
    if (causes.length === 0) continue
    lines.push('', title)
    for (const cause of causes) {
      const mark = cause.status === 'warn' ? '!' : '✗'
      const what = cause.status === 'bad-line' ? count(cause.count, 'line') : count(cause.count, 'token')
      const more = cause.count > cause.firstLines.length ? ' …' : ''
      lines.push(
        `  ${mark} ${what} (${percent(cause.share)}): ${cause.label} — line${cause.firstLines.length > 1 ? 's' : ''} ${cause.firstLines.join(', ')}${more}`,
      )
      lines.push(`      e.g. ${cause.example}`)
    }
  }
  if (summary.tokens > 0 && summary.causes.length === 0) lines.push('', 'Every token passes every check.')
  lines.push(
    '',
    heading.strict
      ? 'Exit code 1 when any token is rejected, has a warning (--strict), or a line holds no token.'
      : 'Exit code 1 when any token is rejected or a line holds no token.',
  )
  return `${lines.join('\n')}\n`
}

/** The summary as one JSON document (`--format json` with `--batch`). */
export function renderBatchJson(summary: BatchSummary, heading: BatchHeading): string {
  const document = {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'asap-doctor', version: heading.toolVersion },
    command: 'verify --batch',
    source: heading.ref,
    evaluatedAt: heading.timeSource === 'now' ? new Date(heading.evaluatedAt).toISOString() : null,
    timeSource: heading.timeSource === 'now' ? 'now' : { field: heading.timeField },
    strict: heading.strict,
    ...summary,
  }
  return `${JSON.stringify(document, null, 2)}\n`
}

/** One JSON Lines record per line of input (`--format jsonl`). */
export function renderOutcomeJsonl(outcome: LineOutcome): string {
  if (outcome.kind === 'bad-line') {
    return `${JSON.stringify({ line: outcome.line, token: null, accepted: false, failing: [], warnings: [], badLine: outcome.reason, verdict: `No token to diagnose on this line (${outcome.reason}).` })}\n`
  }
  return `${JSON.stringify({
    line: outcome.line,
    token: outcome.token,
    accepted: outcome.accepted,
    failing: outcome.failing,
    warnings: outcome.warnings,
    ...(outcome.rootCause === undefined ? {} : { rootCause: { checkId: outcome.rootCause.checkId, messageId: outcome.rootCause.messageId } }),
    ...(outcome.evaluatedAt === undefined ? {} : { evaluatedAt: new Date(outcome.evaluatedAt).toISOString() }),
    verdict: outcome.verdict,
  })}\n`
}
