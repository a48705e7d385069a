import type { CheckResult, CheckStatus } from './types.js'

/** Bumped only on breaking changes of the JSON output; documented in docs/json-output.md. */
export const SCHEMA_VERSION = 1

export type SourceKind = 'argument' | 'stdin' | 'file' | 'har' | 'endpoint' | 'config'

export interface SubjectSource {
  readonly kind: SourceKind
  /** A file path, `-`, a URL, or `argument`. Never the token itself. */
  readonly ref: string
  readonly entryIndex?: number
  readonly time?: string
  readonly url?: string
}

export interface TokenView {
  /** The token with its signature masked, or the full token with `--reveal`. */
  readonly masked: string
  readonly header: Readonly<Record<string, unknown>> | null
  readonly payload: Readonly<Record<string, unknown>> | null
}

export interface SubjectReport {
  readonly source: SubjectSource
  readonly token: TokenView | null
  readonly notes: readonly string[]
  readonly checks: readonly CheckResult[]
  readonly verdict: string
  /** The failure the verdict names as the root cause (absent when nothing failed or nothing could be proven). */
  readonly rootCause?: { readonly checkId: string; readonly messageId: string }
  /** Set by commands that diagnose more than a token (har, check): outcome and ranked suspects. */
  readonly diagnosis?: Diagnosis
}

/** What a recorded session says beyond the checks: the outcome, and causes a HAR cannot prove. */
export interface Diagnosis {
  readonly outcome: 'accepted' | 'general_error' | 'blocked' | 'empty' | 'other' | 'never-attempted' | 'widget-not-loaded' | 'not-applicable'
  readonly timeline: readonly TimelineEvent[]
  readonly suspects: readonly Suspect[]
}

export interface TimelineEvent {
  readonly time: string
  readonly kind: 'page' | 'widget-script' | 'token-endpoint' | 'auth-call' | 'page-error' | 'sighting'
  readonly label: string
  readonly entryIndex?: number
}

export interface Suspect {
  readonly id: string
  readonly title: string
  readonly confirm: string
}

export interface Summary {
  readonly passed: number
  readonly failed: number
  readonly warnings: number
  readonly skipped: number
  readonly errors: number
  readonly exitCode: 0 | 1
}

export interface Report {
  readonly schemaVersion: typeof SCHEMA_VERSION
  readonly tool: { readonly name: string; readonly version: string }
  readonly command: string
  readonly evaluatedAt: string
  /** Whether warnings fail the run (`--strict`); the exit code in `summary` already reflects it. */
  readonly strict: boolean
  readonly subjects: readonly SubjectReport[]
  readonly summary: Summary
}

/**
 * The exit code as a pure function of the results: 1 when any check failed or crashed (or warned,
 * with `strict`), else 0. Exit 2 ("could not run") never comes from a report.
 */
export function exitCodeFor(checks: readonly CheckResult[], strict: boolean): 0 | 1 {
  const failing = checks.some(
    (check) => (check.status === 'fail' && check.severity !== 'info') || check.status === 'error' || (strict && check.status === 'warn'),
  )
  return failing ? 1 : 0
}

export function summarize(subjects: readonly SubjectReport[], strict: boolean): Summary {
  const checks = subjects.flatMap((subject) => subject.checks)
  const count = (status: CheckStatus) => checks.filter((check) => check.status === status).length
  return {
    passed: count('pass'),
    failed: count('fail'),
    warnings: count('warn'),
    skipped: count('skip'),
    errors: count('error'),
    exitCode: exitCodeFor(checks, strict),
  }
}

export function buildReport(input: { toolVersion: string; command: string; now: number; subjects: readonly SubjectReport[]; strict: boolean }): Report {
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: 'asap-doctor', version: input.toolVersion },
    command: input.command,
    evaluatedAt: new Date(input.now).toISOString(),
    strict: input.strict,
    subjects: input.subjects,
    summary: summarize(input.subjects, input.strict),
  }
}
