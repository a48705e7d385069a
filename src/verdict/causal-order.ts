import type { CheckResult } from '../core/types.js'

/**
 * One step of the chain from "the page hands the widget a token" to "Zoho maps it to an end user".
 * `messages` narrows the step to some of the check's message ids (login-timing is three steps).
 */
export interface CausalStep {
  readonly check: string
  readonly messages?: readonly string[]
  /** Why a failure here comes before the steps after it; docs/verdicts.md prints this table. */
  readonly why: string
}

/**
 * The causal order of failures, earliest cause first. When several checks fail, the verdict names
 * the earliest as the root cause and lists the rest after "also:": a later failure is often only
 * the effect of an earlier one (a token in seconds also reads as expired; a cached token expires).
 * Kept as data so that the order is documented, tested and changed in one place.
 */
export const CAUSAL_ORDER: readonly CausalStep[] = [
  { check: 'page-runtime', why: 'The page broke in the browser (a page error, a CSP block): nothing after it could run.' },
  {
    check: 'login-timing',
    messages: ['snippet-missing', 'widget-blocked', 'widget-failed', 'widget-not-loaded', 'before-widget-ready', 'never-invoked'],
    why: 'The widget never started, or login was never handed to it: there is no token to judge.',
  },
  { check: 'endpoint-response', why: 'The token endpoint gave the page no usable token.' },
  { check: 'token-format', why: 'What reached Zoho is not a bare token: nothing in it can be read as Zoho reads it.' },
  { check: 'algorithm', why: 'A token signed with another algorithm cannot verify, whatever its claims.' },
  { check: 'signature', why: 'A token that does not verify is refused before its claims matter.' },
  { check: 'required-claims', why: 'A missing or mistyped claim makes every later claim check moot.' },
  { check: 'email-verified', why: 'Zoho needs email_verified true before it maps the address.' },
  {
    check: 'login-timing',
    messages: ['replayed', 'cached-token'],
    why: 'A cached or replayed token is the cause; its expiry at use time is only the effect.',
  },
  { check: 'time-units', why: 'Claims in the wrong unit make the window and the expiry wrong too.' },
  { check: 'validity-window', why: 'A window over 10 minutes is refused whatever the instant.' },
  { check: 'time-validity', why: 'A well-formed token that is expired or not yet valid when Zoho sees it.' },
  { check: 'email-format', why: "An address that cannot be an end user's address." },
  { check: 'org-id', why: 'The widget, the login and the configuration must name one org.' },
  { check: 'data-center', why: 'The widget, the login and the Desk API must be in one data centre.' },
  { check: 'allowed-domain', why: 'Zoho refuses logins from a page host that is not on the allowed list.' },
  { check: 'help-center-user', why: 'The identity mapping comes last: a valid token for someone who is not an active end user.' },
  { check: 'email-normalization', why: "The address differs from the end user's only in spelling (case, whitespace)." },
  { check: 'name-claims', why: 'Names are cosmetic; never the reason for a rejection.' },
  { check: 'login-timing', why: 'Other timing findings (several logins on one page) explain no rejection by themselves.' },
  { check: 'login-outcome', why: 'What Zoho answered is the observation to explain, never its own cause.' },
]

/**
 * Facts that two checks see from two sides. Both still report (each with its own evidence), but the
 * verdict names the fact once: after the root cause, "also:" leaves out the failures of the same
 * fact. Kept as data, like the order; docs/verdicts.md lists it.
 */
export const SAME_FACT: ReadonlyArray<{ readonly results: readonly string[]; readonly why: string }> = [
  {
    results: [
      'page-runtime/callback-object',
      'page-runtime/callback-wrapped',
      'page-runtime/callback-no-token',
      'token-format/wrapped',
      'token-format/not-a-token',
    ],
    why: 'What the page handed to successCallback, seen in the browser (record) and on the wire (the remote/auth call).',
  },
  {
    results: ['help-center-user/case-mismatch', 'email-normalization/differs-from-user'],
    why: "The address matches a Help Center user only when case or whitespace is ignored: the user's side and the token's side of one difference.",
  },
]

function factOf(result: Pick<CheckResult, 'id' | 'messageId'>): number {
  return SAME_FACT.findIndex((fact) => fact.results.includes(`${result.id}/${result.messageId}`))
}

/** Checks whose failure is an observation, not a cause: never named as the root cause. */
const OBSERVATIONS = new Set(['login-outcome'])

/** Whether a result records what happened rather than a possible cause. */
export function isObservation(result: Pick<CheckResult, 'id'>): boolean {
  return OBSERVATIONS.has(result.id)
}

/** Position of a result in the causal order; unknown checks (scan rules, new checks) sort last. */
export function causalRank(result: Pick<CheckResult, 'id' | 'messageId'>): number {
  const index = CAUSAL_ORDER.findIndex((step) => step.check === result.id && (step.messages === undefined || step.messages.includes(result.messageId)))
  return index < 0 ? CAUSAL_ORDER.length - 1 : index
}

/** Whether a result explains a failure: it failed (and is not merely informational). */
export function isFailure(result: CheckResult): boolean {
  return result.status === 'fail' && result.severity !== 'info'
}

/**
 * The failures of one subject in causal order, split into the root cause (the earliest failure
 * that is a cause, not an observation), the other failures, and checks that crashed.
 */
export function rankFailures(checks: readonly CheckResult[]): { root?: CheckResult; others: CheckResult[]; crashed: CheckResult[] } {
  const failures = checks.filter(isFailure).sort((a, b) => causalRank(a) - causalRank(b))
  const root = failures.find((failure) => !OBSERVATIONS.has(failure.id))
  // One fact is named once: a failure of the same fact as the root cause, or as an earlier one, is left out.
  const named = new Set(root === undefined ? [] : [factOf(root)])
  const others = failures.filter((failure) => {
    if (failure === root || OBSERVATIONS.has(failure.id)) return false
    const fact = factOf(failure)
    if (fact < 0) return true
    if (named.has(fact)) return false
    named.add(fact)
    return true
  })
  return { ...(root === undefined ? {} : { root }), others, crashed: checks.filter((check) => check.status === 'error') }
}
