import type { Suspect } from '../core/report.js'
import type { CheckResult } from '../core/types.js'
import { isObservation, rankFailures } from './causal-order.js'

/**
 * Every verdict sentence of the tool is built here, from the check results and the causal order
 * (causal-order.ts): "why did the verdict say X" is answered in this file and that one.
 */
export interface Verdict {
  readonly sentence: string
  /** The failure the sentence blames; absent when nothing failed or nothing could be proven. */
  readonly rootCause?: { readonly checkId: string; readonly messageId: string }
}

export interface VerdictOptions {
  /** --only/--skip narrowed the checks: never claim more than was checked. */
  readonly partial?: boolean
}

/** What a login attempt looked like from the recording. */
export interface AttemptOutcome {
  readonly outcome: 'accepted' | 'general_error' | 'empty' | 'blocked' | 'other'
  readonly status: number
}

const MAX_ALSO = 3

/** `verify`, `decode`-free token subjects: would Zoho accept this token? */
export function tokenVerdict(checks: readonly CheckResult[], options: VerdictOptions = {}): Verdict {
  const { root, others, crashed } = rankFailures(checks)
  if (root !== undefined) return blame(root, `Zoho would reject this token: ${cause(root)}${also(others)}.`)
  if (crashed.length > 0) return { sentence: `Nothing that ran explains a rejection, but ${couldNotRun(crashed)}.` }
  const warningNote = warnings(checks)
  if (options.partial === true) return { sentence: `The selected checks pass (${ranIds(checks)}); the other checks were not run.${warningNote}` }
  const signature = checks.find((check) => check.id === 'signature')
  if (signature !== undefined && signature.status === 'skip') {
    return {
      sentence: `Nothing in the token explains a rejection, but the signature was not verified (${signature.messageId === 'no-secret' ? 'no secret given' : 'signature unavailable'}).${warningNote}`,
    }
  }
  return {
    sentence: `Zoho should accept this token; if the widget still falls back to guest, the cause is outside the token (user, domain, org).${warningNote}`,
  }
}

/** One recorded login attempt: what Zoho answered, and the cause the evidence supports. */
export function attemptVerdict(attempt: AttemptOutcome, checks: readonly CheckResult[], suspects: readonly Suspect[], options: VerdictOptions = {}): Verdict {
  const { root, others, crashed } = rankFailures(checks)
  if (attempt.outcome === 'accepted') {
    if (root !== undefined) return blame(root, `Zoho accepted this login, but ${cause(root)}${also(others)}.`)
    return { sentence: `Zoho accepted this login (an access token was issued); nothing to fix.${warnings(checks)}` }
  }
  if (attempt.outcome === 'blocked') {
    const base = 'The login request got no response (blocked by CORS, a Content-Security-Policy connect-src, or an extension)'
    return root === undefined ? { sentence: `${base}.` } : blame(root, `${base}; also ${cause(root)}${also(others)}.`)
  }
  const answer = attempt.outcome === 'general_error' ? 'Zoho answered general_error' : `Zoho did not accept this login (HTTP ${attempt.status})`
  if (root !== undefined) return blame(root, `${answer} because ${cause(root)}${also(others)}.`)
  if (options.partial === true)
    return { sentence: `${answer}; the selected checks pass (${ranIds(checks)}), so the cause is among the checks that were not run.` }
  const unproven =
    crashed.length > 0 ? `${answer}; nothing that ran proves why, and ${couldNotRun(crashed)}` : `${answer}, and nothing in the recording proves why`
  if (suspects.length === 0) return { sentence: `${unproven}.` }
  return {
    sentence: `${unproven}. What to check, most likely first: ${suspects
      .slice(0, 3)
      .map((suspect, index) => `${index + 1}) ${lowerFirst(suspect.title)}`)
      .join('; ')}.`,
  }
}

/** A page load with no login attempt. */
export function pageVerdict(checks: readonly CheckResult[], widgetSeen: boolean, options: VerdictOptions = {}): Verdict {
  const { root, others } = rankFailures(checks)
  if (root !== undefined) return blame(root, `No login attempt: ${cause(root)}${also(others)}.`)
  if (options.partial === true) return { sentence: `No login attempt in this recording; the selected checks pass (${ranIds(checks)}).` }
  return { sentence: widgetSeen ? 'No login attempt in this recording.' : 'No login attempt: the ASAP widget was never loaded.' }
}

/** `check` without a token: the configuration and the user only. */
export function configVerdict(checks: readonly CheckResult[], options: VerdictOptions = {}): Verdict {
  const { root, others, crashed } = rankFailures(checks)
  if (root !== undefined) return blame(root, `The integration has a problem: ${cause(root)}${also(others)}.`)
  if (crashed.length > 0) return { sentence: `No problem found in what ran, but ${couldNotRun(crashed)}.` }
  if (options.partial === true) return { sentence: `The selected checks pass (${ranIds(checks)}); the other checks were not run.` }
  const unchecked = checks.filter((check) => check.status === 'skip').map((check) => check.id)
  return { sentence: unchecked.length === 0 ? 'The configuration is consistent.' : `The configuration is consistent; not checked: ${unchecked.join(', ')}.` }
}

/** The token endpoint gave no token to check. */
export function endpointVerdict(checks: readonly CheckResult[]): Verdict {
  const { root, others, crashed } = rankFailures(checks)
  if (root !== undefined) return blame(root, `The widget would get no usable token: ${cause(root)}${also(others)}.`)
  return { sentence: crashed.length > 0 ? `The endpoint returned no token to check, and ${couldNotRun(crashed)}.` : 'The endpoint returned no token to check.' }
}

function blame(root: CheckResult, sentence: string): Verdict {
  return { sentence, rootCause: { checkId: root.id, messageId: root.messageId } }
}

function cause(result: CheckResult): string {
  return result.verdict ?? `${result.id} failed (${result.message})`
}

/** The other failures after the root cause, in causal order, so none is hidden. */
function also(others: readonly CheckResult[]): string {
  if (others.length === 0) return ''
  const shown = others.slice(0, MAX_ALSO).map(cause)
  const rest = others.length - shown.length
  return `; also: ${shown.join('; ')}${rest > 0 ? ` (and ${rest} more)` : ''}`
}

function couldNotRun(crashed: readonly CheckResult[]): string {
  return crashed.length === 1
    ? `the ${crashed[0]?.id ?? ''} check could not run`
    : `${crashed.length} checks could not run (${crashed.map((check) => check.id).join(', ')})`
}

function warnings(checks: readonly CheckResult[]): string {
  const count = checks.filter((check) => check.status === 'warn').length
  return count > 0 ? ` ${count} warning${count > 1 ? 's' : ''} to review.` : ''
}

function ranIds(checks: readonly CheckResult[]): string {
  const ran = checks.filter((check) => check.status !== 'skip' && !isObservation(check)).map((check) => check.id)
  return ran.length === 0 ? 'none applied' : ran.join(', ')
}

/** "The user…" → "the user…", but "JWT is…" stays: an acronym keeps its case. */
function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text
}
