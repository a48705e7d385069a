import type { Check } from './define-check.js'
import type { SubjectReport, SubjectSource } from './report.js'
import { tokenVerdict } from './report.js'
import { runChecks } from './run-checks.js'
import { extractToken } from './token/extract-token.js'
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
}

export interface DiagnoseTokenInput extends DiagnoseInput {
  /** What the user gave us: pasted text, possibly with junk around the token. */
  readonly input: string
}

/**
 * Cleans, parses and checks one token. Pure apart from what the injected ports do (a user lookup
 * may use the network, but only if the caller passed one that does).
 *
 * @throws InputError `ERR_NO_TOKEN` when the input holds nothing token-like.
 */
export async function diagnoseToken(input: DiagnoseTokenInput): Promise<SubjectReport> {
  const extracted = extractToken(input.input)
  const token = parseToken(extracted.token)
  const context = contextFor(input, { token, removedWrapping: extracted.removed, exact: input.exact ?? false })
  const checks = await runChecks(input.checks, context)
  const removedNotes = extracted.removed.map((what) =>
    input.exact === true ? `The input carried ${what} (kept for token-format: --exact).` : `Removed ${what} from the input.`,
  )
  return {
    source: input.source,
    token: {
      masked: input.reveal === true ? token.raw : maskToken(token.raw),
      header: token.header ?? null,
      payload: token.payload ?? null,
    },
    notes: [...(input.notes ?? []), ...removedNotes],
    checks,
    verdict: tokenVerdict(checks),
  }
}

/**
 * Runs checks for a subject that has no token (a recorded page load where login never happened,
 * a configuration). Token checks skip themselves; pass the ones that apply.
 */
export async function diagnoseWithoutToken(input: DiagnoseInput, verdict: (checks: readonly CheckResult[]) => string): Promise<SubjectReport> {
  const checks = await runChecks(input.checks, contextFor(input, { removedWrapping: [], exact: false }))
  return { source: input.source, token: null, notes: [...(input.notes ?? [])], checks, verdict: verdict(checks) }
}

/** The check context for a subject: the token facet (if any) plus the facts the caller passed. */
function contextFor(
  input: DiagnoseInput,
  tokenFacet: Pick<CheckContext, 'token' | 'removedWrapping' | 'exact'>,
): Omit<CheckContext, 'earlier'> {
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
