import type { Check } from './define-check.js'
import type { SubjectReport, SubjectSource } from './report.js'
import { tokenVerdict, type Verdict } from '../verdict/verdict.js'
import { InputError } from './errors.js'
import { runChecks } from './run-checks.js'
import { extractToken } from './token/extract-token.js'
import { limitObjectDepth } from './token/limit-depth.js'
import { maskToken } from './token/mask-token.js'
import { parseToken } from './token/parse-token.js'
import type { CheckContext, CheckResult, EndpointFacts, IntegrationFacts, PageRuntimeFacts, SecretCandidate, TimingFacts, UserDirectory } from './types.js'

export interface DiagnoseInput {
  readonly source: SubjectSource
  readonly checks: readonly Check[]
  readonly now: number
  readonly leewayMs?: number
  readonly secrets?: readonly SecretCandidate[]
  readonly expectEmail?: string
  /** The input is the exact string handed to successCallback: any wrapping fails token-format. */
  readonly exact?: boolean
  readonly reveal?: boolean
  readonly notes?: readonly string[]
  readonly integration?: IntegrationFacts
  readonly timing?: TimingFacts
  readonly users?: UserDirectory
  readonly endpoint?: EndpointFacts
  readonly signatureUnavailable?: string
  readonly runtime?: PageRuntimeFacts
  /** --only/--skip narrowed the checks: the verdict must not claim more than was checked. */
  readonly partial?: boolean
}

export interface DiagnoseTokenInput extends DiagnoseInput {
  /** What the user gave us: pasted text, possibly with junk around the token. */
  readonly input: string
  /**
   * The input is what a recorded login sent (exact, like `exact`), and may hold no JWT at all
   * ("[object Object]", "undefined"): that is token-format's finding, not a reason to refuse.
   */
  readonly recorded?: boolean
}

/**
 * Cleans, parses and checks one token. Pure apart from what the injected ports do (a user lookup
 * may use the network, but only if the caller passed one that does).
 *
 * @throws InputError `ERR_NO_TOKEN` when the input holds nothing token-like.
 */
export async function diagnoseToken(input: DiagnoseTokenInput): Promise<SubjectReport> {
  const recorded = input.recorded === true
  const exact = recorded || input.exact === true
  const extracted = recorded ? extractIfAny(input.input) : extractToken(input.input)
  const parsed = extracted === undefined ? undefined : parseToken(extracted.token)
  // Checks and renderers walk header and payload recursively: give them a depth-limited view.
  const token =
    parsed === undefined ? undefined : { ...parsed, header: limitObjectDepth(parsed.header, 'header'), payload: limitObjectDepth(parsed.payload, 'payload') }
  const removed = extracted?.removed ?? []
  const context = contextFor(input, { token, removedWrapping: removed, exact, ...(exact ? { sent: input.input } : {}) })
  const checks = await runChecks(input.checks, context)
  const removedNotes = removed.map((what) =>
    exact ? `What was sent carries ${what}; the token inside it was checked too (see token-format).` : `Removed ${what} from the input.`,
  )
  return {
    source: input.source,
    token:
      token === undefined
        ? null
        : {
            masked: input.reveal === true ? token.raw : maskToken(token.raw),
            header: token.header ?? null,
            payload: token.payload ?? null,
          },
    notes: [...(input.notes ?? []), ...removedNotes],
    checks,
    ...subjectVerdict(tokenVerdict(checks, { partial: input.partial ?? false })),
  }
}

/**
 * Runs checks for a subject that has no token (a recorded page load where login never happened,
 * a configuration). Token checks skip themselves; pass the ones that apply.
 */
export async function diagnoseWithoutToken(input: DiagnoseInput, verdict: (checks: readonly CheckResult[]) => Verdict): Promise<SubjectReport> {
  const checks = await runChecks(input.checks, contextFor(input, { removedWrapping: [], exact: false }))
  return { source: input.source, token: null, notes: [...(input.notes ?? [])], checks, ...subjectVerdict(verdict(checks)) }
}

/** The report fields of a verdict: the sentence, and the root cause it names (if any). */
export function subjectVerdict(verdict: Verdict): Pick<SubjectReport, 'verdict' | 'rootCause'> {
  return verdict.rootCause === undefined ? { verdict: verdict.sentence } : { verdict: verdict.sentence, rootCause: verdict.rootCause }
}

function extractIfAny(text: string): ReturnType<typeof extractToken> | undefined {
  try {
    return extractToken(text)
  } catch (error) {
    if (error instanceof InputError && error.code === 'ERR_NO_TOKEN') return undefined
    throw error
  }
}

/** The check context for a subject: the token facet (if any) plus the facts the caller passed. */
function contextFor(input: DiagnoseInput, tokenFacet: Pick<CheckContext, 'token' | 'removedWrapping' | 'exact' | 'sent'>): Omit<CheckContext, 'earlier'> {
  return {
    now: input.now,
    leewayMs: input.leewayMs ?? 0,
    ...tokenFacet,
    secrets: input.secrets ?? [],
    expectEmail: input.expectEmail,
    integration: input.integration,
    timing: input.timing,
    users: input.users,
    endpoint: input.endpoint,
    signatureUnavailable: input.signatureUnavailable,
    runtime: input.runtime,
  }
}
