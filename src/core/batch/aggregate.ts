import { formatDuration } from '../time.js'
import { type BadLineReason, causeLabel } from './cause-labels.js'

/** One cause a token (or line) was counted under. `amountMs` feeds the "by 2–5 min" ranges. */
export interface CauseHit {
  readonly checkId: string
  readonly messageId: string
  readonly status: 'fail' | 'warn' | 'error'
  readonly amountMs?: number
}

/** What batch mode knows about one diagnosed token. */
export interface TokenOutcome {
  readonly kind: 'token'
  readonly line: number
  /** Signature masked unless --reveal. */
  readonly token: string
  readonly accepted: boolean
  /** Check ids that failed or could not run, in check order. */
  readonly failing: readonly string[]
  readonly warnings: readonly string[]
  /** The cause the token is counted under (its root cause), when it was rejected. */
  readonly rootCause?: CauseHit
  /** Its warnings, each counted separately. */
  readonly warningHits: readonly CauseHit[]
  readonly verdict: string
  /** Whether the signature check was skipped (no secret given). */
  readonly signatureUnverified: boolean
  /** When time checks ran at the record's own timestamp. */
  readonly evaluatedAt?: number
}

export interface BadLine {
  readonly kind: 'bad-line'
  readonly line: number
  readonly reason: BadLineReason
  readonly detail: string
}

export type LineOutcome = TokenOutcome | BadLine

export interface CauseSummary {
  readonly checkId: string
  readonly messageId: string
  /** `bad-line` for lines without a token. */
  readonly status: 'fail' | 'warn' | 'error' | 'bad-line'
  readonly label: string
  readonly count: number
  /** Share of the tokens (of the lines, for bad lines), 0…1. */
  readonly share: number
  readonly firstLines: readonly number[]
  /** One masked token, or the bad line's detail. */
  readonly example: string
  readonly minMs?: number
  readonly maxMs?: number
}

export interface BatchSummary {
  /** Lines read that were not blank. */
  readonly lines: number
  readonly blankLines: number
  readonly tokens: number
  readonly accepted: number
  readonly acceptedWithWarnings: number
  readonly rejected: number
  readonly badLines: number
  readonly unverifiedSignatures: number
  /** Rejections first (biggest first), then bad lines, then warnings. */
  readonly causes: readonly CauseSummary[]
  readonly exitCode: 0 | 1
}

const FIRST_LINES = 3

interface CauseState {
  readonly checkId: string
  readonly messageId: string
  readonly status: CauseSummary['status']
  count: number
  readonly firstLines: number[]
  readonly example: string
  minMs?: number
  maxMs?: number
}

/**
 * Counts causes over a stream of line outcomes in constant memory: per cause a count, the first
 * line numbers, one example and the spread of amounts; nothing per token is kept.
 */
export class BatchAggregate {
  #lines = 0
  #blank = 0
  #tokens = 0
  #accepted = 0
  #withWarnings = 0
  #bad = 0
  #unverified = 0
  readonly #causes = new Map<string, CauseState>()

  addBlank(): void {
    this.#blank++
  }

  add(outcome: LineOutcome): void {
    this.#lines++
    if (outcome.kind === 'bad-line') {
      this.#bad++
      this.#hit({ checkId: 'batch', messageId: outcome.reason, status: 'fail' }, 'bad-line', outcome.line, outcome.detail)
      return
    }
    this.#tokens++
    if (outcome.signatureUnverified) this.#unverified++
    if (outcome.accepted) {
      this.#accepted++
      if (outcome.warnings.length > 0) this.#withWarnings++
    }
    if (outcome.rootCause !== undefined) this.#hit(outcome.rootCause, outcome.rootCause.status, outcome.line, outcome.token)
    for (const warning of outcome.warningHits) this.#hit(warning, 'warn', outcome.line, outcome.token)
  }

  #hit(hit: CauseHit, status: CauseSummary['status'], line: number, example: string): void {
    const key = `${status}:${hit.checkId}/${hit.messageId}`
    let state = this.#causes.get(key)
    if (state === undefined) {
      state = { checkId: hit.checkId, messageId: hit.messageId, status, count: 0, firstLines: [], example }
      this.#causes.set(key, state)
    }
    state.count++
    if (state.firstLines.length < FIRST_LINES) state.firstLines.push(line)
    if (hit.amountMs !== undefined) {
      state.minMs = Math.min(state.minMs ?? hit.amountMs, hit.amountMs)
      state.maxMs = Math.max(state.maxMs ?? hit.amountMs, hit.amountMs)
    }
  }

  /** `at` names where time checks ran, for labels ("--now", "the record's time"). */
  summary(options: { at: string; strict: boolean }): BatchSummary {
    const rank = { fail: 0, error: 0, 'bad-line': 1, warn: 2 }
    const causes = [...this.#causes.values()]
      .map((state): CauseSummary => {
        const range = state.minMs === undefined || state.maxMs === undefined ? '' : formatRange(state.checkId, state.minMs, state.maxMs)
        const base = state.status === 'bad-line' ? this.#lines : this.#tokens
        return {
          checkId: state.checkId,
          messageId: state.messageId,
          status: state.status,
          label: causeLabel(state.checkId, state.messageId, state.status, options.at, range),
          count: state.count,
          share: base === 0 ? 0 : state.count / base,
          firstLines: [...state.firstLines],
          example: state.example,
          ...(state.minMs === undefined ? {} : { minMs: state.minMs, maxMs: state.maxMs }),
        }
      })
      .sort((a, b) => rank[a.status] - rank[b.status] || b.count - a.count || (a.firstLines[0] ?? 0) - (b.firstLines[0] ?? 0))
    const rejected = this.#tokens - this.#accepted
    const failed = rejected > 0 || this.#bad > 0 || (options.strict && this.#withWarnings > 0)
    return {
      lines: this.#lines,
      blankLines: this.#blank,
      tokens: this.#tokens,
      accepted: this.#accepted,
      acceptedWithWarnings: this.#withWarnings,
      rejected,
      badLines: this.#bad,
      unverifiedSignatures: this.#unverified,
      causes,
      exitCode: failed ? 1 : 0,
    }
  }
}

/** "by 2–5 min" for times, " (11 min–1 h)" for window lengths; one value reads "by 3 min". */
function formatRange(checkId: string, min: number, max: number): string {
  const low = formatDuration(min)
  const high = formatDuration(max)
  let spread = low === high ? low : `${low}–${high}`
  const lowUnit = /^[\d.]+ ([a-z]+)$/.exec(low)
  const highUnit = /^[\d.]+ ([a-z]+)$/.exec(high)
  if (low !== high && lowUnit !== null && highUnit !== null && lowUnit[1] === highUnit[1]) spread = `${low.split(' ')[0]}–${high}`
  return checkId === 'time-validity' ? ` by ${spread}` : ` (${spread})`
}
