import type { Check } from '../define-check.js'
import { diagnoseToken } from '../diagnose-token.js'
import { isAsapDoctorError } from '../errors.js'
import type { SubjectReport } from '../report.js'
import { parseInstant } from '../time.js'
import { isPlainObject } from '../token/parse-token.js'
import type { CheckResult, DataValue, SecretCandidate } from '../types.js'
import type { BadLine, CauseHit, LineOutcome, TokenOutcome } from './aggregate.js'
import { type FastPathContext, hmacKey, isCleanToken } from './fast-path.js'

/** Shared by every clean outcome: nothing to list, nothing allocated. */
const NONE: readonly never[] = Object.freeze([])

export interface BatchOptions {
  readonly checks: readonly Check[]
  /** Evaluation instant for time checks, unless `timeField` gives each record its own. */
  readonly now: number
  readonly leewayMs: number
  readonly secrets: readonly SecretCandidate[]
  readonly expectEmail?: string
  readonly reveal: boolean
  /** JSON Lines: the dotted path of the token field. Absent: each line is (pasted) token text. */
  readonly field?: string
  /** JSON Lines: the dotted path of each record's timestamp (ISO-8601 or epoch ms). */
  readonly timeField?: string
  /** The file name for the report's source (`-` for stdin). */
  readonly ref: string
  /** --only/--skip narrowed the checks: verdicts must not claim more than was checked. */
  readonly partial?: boolean
}

/**
 * Diagnoses one line of a batch. Clean tokens take the fast path (no checks run, no sentence
 * built) and come back synchronously; everything else runs the real token checks and comes back as
 * a promise. Pure apart from the clock it is given: no I/O.
 */
export class BatchDiagnoser {
  readonly #options: BatchOptions
  readonly #fieldPath: readonly string[] | undefined
  readonly #timePath: readonly string[] | undefined
  /** The sentence the checks give a clean token, learnt from the first one (see #calibrate). */
  #cleanVerdict: string | undefined
  #fastPath: boolean
  /** The clock, leeway and prepared secret of the fast path; one object for the whole batch. */
  readonly #context: FastPathContext

  constructor(options: BatchOptions) {
    this.#options = options
    const primary = options.secrets.find((secret) => secret.label === 'primary')
    this.#context =
      primary === undefined ? { now: options.now, leewayMs: options.leewayMs } : { now: options.now, leewayMs: options.leewayMs, key: hmacKey(primary.bytes) }
    this.#fieldPath = options.field?.split('.')
    this.#timePath = options.timeField?.split('.')
    // --expect-email compares each token to one address: rare in a batch, and the checks do it.
    this.#fastPath = options.expectEmail === undefined
  }

  /** Whether the fast path is still on (it switches itself off if the checks ever disagree with it). */
  get fastPathEnabled(): boolean {
    return this.#fastPath
  }

  diagnose(text: string, line: number): LineOutcome | Promise<LineOutcome> {
    let input = text
    let now = this.#options.now
    let evaluatedAt: number | undefined
    if (this.#fieldPath !== undefined) {
      let record: unknown
      try {
        record = JSON.parse(text)
      } catch {
        return bad(line, 'not-json', text)
      }
      if (!isPlainObject(record)) return bad(line, 'not-json', text)
      const value = pick(record, this.#fieldPath)
      if (value === undefined || value === null || value === '') return bad(line, 'no-field', `no "${this.#options.field}" in the record`)
      input = typeof value === 'string' ? value : JSON.stringify(value)
      if (this.#timePath !== undefined) {
        const at = instantOf(pick(record, this.#timePath))
        if (at === undefined) return bad(line, 'bad-time', `"${this.#options.timeField}" is ${JSON.stringify(pick(record, this.#timePath)) ?? 'absent'}`)
        now = at
        evaluatedAt = at
      }
    }
    // One context for the batch, unless each record brings its own time.
    const context = now === this.#context.now ? this.#context : { ...this.#context, now }
    if (this.#fastPath && isCleanToken(input, context)) {
      if (this.#cleanVerdict === undefined) return this.#calibrate(input, line, now, evaluatedAt)
      // A clean token is a bare a.b.c with a 43-character signature: masking is cutting it off.
      const token = this.#options.reveal ? input : `${input.slice(0, input.length - 43)}***`
      const signatureUnverified = this.#context.key === undefined
      const verdict = this.#cleanVerdict
      // Two literals rather than one with a conditional spread: the spread costs more than the rest
      // of a clean token's bookkeeping (measured in bench/batch-bench.js).
      return evaluatedAt === undefined
        ? { kind: 'token', line, token, accepted: true, failing: NONE, warnings: NONE, warningHits: NONE, verdict, signatureUnverified }
        : { kind: 'token', line, token, accepted: true, failing: NONE, warnings: NONE, warningHits: NONE, verdict, signatureUnverified, evaluatedAt }
    }
    return this.#slow(input, line, now, evaluatedAt)
  }

  /**
   * The first token the fast path accepts also runs through the checks: their sentence is what
   * every later clean token gets, and if they find anything at all the fast path is switched off,
   * so a check added or changed later can make batch mode slower, never wrong.
   */
  async #calibrate(input: string, line: number, now: number, evaluatedAt: number | undefined): Promise<LineOutcome> {
    const outcome = await this.#slow(input, line, now, evaluatedAt)
    if (outcome.kind === 'token' && outcome.accepted && outcome.warnings.length === 0 && outcome.failing.length === 0) this.#cleanVerdict = outcome.verdict
    else this.#fastPath = false
    return outcome
  }

  async #slow(input: string, line: number, now: number, evaluatedAt: number | undefined): Promise<LineOutcome> {
    let subject: SubjectReport
    try {
      subject = await diagnoseToken({
        input,
        source: { kind: 'file', ref: this.#options.ref, entryIndex: line },
        checks: this.#options.checks,
        now,
        leewayMs: this.#options.leewayMs,
        secrets: this.#options.secrets,
        expectEmail: this.#options.expectEmail,
        reveal: this.#options.reveal,
        partial: this.#options.partial ?? false,
      })
    } catch (error) {
      if (isAsapDoctorError(error) && error.code === 'ERR_NO_TOKEN') return bad(line, 'no-token', input)
      throw error
    }
    return tokenOutcome(subject, line, evaluatedAt)
  }
}

function tokenOutcome(subject: SubjectReport, line: number, evaluatedAt: number | undefined): TokenOutcome {
  const failures = subject.checks.filter((check) => check.status === 'fail' || check.status === 'error')
  const warnings = subject.checks.filter((check) => check.status === 'warn')
  const root = failures.find((check) => check.id === subject.rootCause?.checkId && check.messageId === subject.rootCause.messageId) ?? failures[0]
  const signature = subject.checks.find((check) => check.id === 'signature')
  return {
    kind: 'token',
    line,
    token: subject.token?.masked ?? '',
    accepted: failures.length === 0,
    failing: failures.map((check) => check.id),
    warnings: warnings.map((check) => check.id),
    ...(root === undefined ? {} : { rootCause: hitOf(root) }),
    warningHits: warnings.map(hitOf),
    verdict: subject.verdict,
    signatureUnverified: signature?.status === 'skip' && signature.messageId === 'no-secret',
    ...(evaluatedAt === undefined ? {} : { evaluatedAt }),
  }
}

/** Data keys that carry how far off a token is, for the ranges of a summary. */
const AMOUNT_KEYS = ['agoMs', 'byMs', 'lengthMs'] as const

function hitOf(check: CheckResult): CauseHit {
  const status = check.status === 'warn' ? 'warn' : check.status === 'error' ? 'error' : 'fail'
  const amount = AMOUNT_KEYS.map((key) => check.data[key]).find((value: DataValue | undefined): value is number => typeof value === 'number')
  return amount === undefined
    ? { checkId: check.id, messageId: check.messageId, status }
    : { checkId: check.id, messageId: check.messageId, status, amountMs: amount }
}

function bad(line: number, reason: BadLine['reason'], detail: string): BadLine {
  // The detail may be a whole log line: keep it short, and mask anything shaped like a JWT's signature.
  // Cut first: the pattern backtracks over long runs without dots, so on a 40,000-character line it
  // took seconds (quadratic, issue 12); only the first 80 characters are shown anyway.
  const masked = detail.slice(0, 400).replace(/([\w-]{2,}\.[\w-]{2,})\.[\w+/=-]{8,}/g, '$1.***')
  const short = masked.length > 80 ? `${masked.slice(0, 77)}…` : masked
  return { kind: 'bad-line', line, reason, detail: short }
}

function pick(record: Record<string, unknown>, path: readonly string[]): unknown {
  let value: unknown = record
  for (const key of path) {
    if (!isPlainObject(value) || !Object.hasOwn(value, key)) return undefined
    value = value[key]
  }
  return value
}

/** A record's timestamp: ISO-8601 text, or epoch milliseconds as a number or digits. */
function instantOf(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) && Math.abs(value) >= 1e11 ? value : undefined
  return typeof value === 'string' ? parseInstant(value) : undefined
}
