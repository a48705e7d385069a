import type { Check } from '../core/define-check.js'
import { diagnoseToken, diagnoseWithoutToken, subjectVerdict } from '../core/diagnose-token.js'
import type { Diagnosis, SubjectReport, TimelineEvent } from '../core/report.js'
import { maskToken, maskUrl } from '../core/token/mask-token.js'
import { rankSuspects } from '../verdict/suspects.js'
import { attemptVerdict, pageVerdict } from '../verdict/verdict.js'
import type { IntegrationFacts, PageRuntimeFacts, SecretCandidate, TimingFacts, UserDirectory } from '../core/types.js'
import type { LoginAttempt, PageLoad, SessionFacts, WidgetScriptSeen } from './session-facts.js'

export interface DiagnoseSessionOptions {
  /** The HAR file, as the user named it. */
  readonly ref: string
  /** Token checks plus the integration, session and user checks to run for each attempt. */
  readonly attemptChecks: readonly Check[]
  /** The checks that apply to a page load without a login attempt. */
  readonly pageChecks: readonly Check[]
  readonly secrets: readonly SecretCandidate[]
  readonly users?: UserDirectory
  readonly expectEmail?: string
  readonly configured: IntegrationFacts['configured']
  readonly deskApiHost?: string
  readonly leewayMs: number
  readonly reveal: boolean
  /** Evaluation instant for subjects without a recorded time (an empty HAR). */
  readonly now: number
  readonly notes: readonly string[]
  /** What a real browser saw while the page ran (`record`); absent for a HAR from elsewhere. */
  readonly runtime?: PageRuntimeFacts
  /** --only/--skip narrowed the checks: verdicts must not claim more than was checked. */
  readonly partial?: boolean
}

/**
 * Turns the facts of one recorded session into report subjects: one per login attempt, with time
 * checks evaluated at the request's own time, or one per page load when login never happened.
 */
export async function diagnoseSession(facts: SessionFacts, options: DiagnoseSessionOptions): Promise<SubjectReport[]> {
  if (facts.attempts.length === 0) return diagnoseNoAttempt(facts, options)
  const subjects: SubjectReport[] = []
  for (const attempt of facts.attempts) subjects.push(await diagnoseAttempt(attempt, facts, options))
  return subjects
}

async function diagnoseAttempt(attempt: LoginAttempt, facts: SessionFacts, options: DiagnoseSessionOptions): Promise<SubjectReport> {
  const scripts = scriptsFor(attempt.pageLoad, facts)
  const load = facts.pageLoads[attempt.pageLoad]
  const pageStart = load?.entryIndex ?? 0
  const carriers = facts.sightings.filter((sighting) => sighting.place === 'response body' && attempt.token !== '' && sighting.token === attempt.token)
  // The page fetched the token if a response on this page load, before the attempt, carried it.
  const fetched = carriers.find((sighting) => sighting.entryIndexes.some((index) => index >= pageStart && index < attempt.entryIndex))
  const earlier = carriers.find((sighting) => sighting.entryIndex < pageStart)
  const sent = attempt.wire ?? attempt.token
  const acceptedBefore = facts.attempts.find(
    (other) => other.entryIndex < attempt.entryIndex && other.outcome === 'accepted' && (other.wire ?? other.token) === sent && sent !== '',
  )
  const integration: IntegrationFacts = {
    pageHost: attempt.pageHost,
    pageOrigin: attempt.pageOrigin,
    widgetScripts: scripts,
    authCall: {
      url: attempt.url,
      host: attempt.host,
      pathId: attempt.pathId,
      startedAt: attempt.startedAt,
      status: attempt.status,
      outcome: attempt.outcome,
      responseError: attempt.responseError,
    },
    deskApiHost: options.deskApiHost,
    configured: options.configured,
  }
  const timing: TimingFacts = {
    attempted: true,
    attemptAt: attempt.startedAt,
    outcome: attempt.outcome,
    widgetLoaded: scripts.length > 0,
    attemptsOnPage: facts.attempts.filter((other) => other.pageLoad === attempt.pageLoad && other.kind === attempt.kind).length,
    sameTokenAttempts: facts.attempts.filter((other) => other !== attempt && sent !== '' && (other.wire ?? other.token) === sent).length,
    ...(acceptedBefore === undefined ? {} : { acceptedBefore: { entryIndex: acceptedBefore.entryIndex, at: acceptedBefore.startedAt } }),
    pageErrors: facts.pageErrors.filter((error) => error.entryIndex >= pageStart).map((error) => error.message),
    loginOutsideReady: load?.loginOutsideReady ?? false,
    tokenEndpointSeen: fetched !== undefined,
    ...(earlier === undefined ? {} : { tokenSeenEarlier: { entryIndex: earlier.entryIndex, url: maskUrl(earlier.url) } }),
  }
  const notes = [
    ...options.notes,
    `Zoho answered HTTP ${attempt.status}: ${describeOutcome(attempt.outcome)}.`,
    ...(fetched === undefined
      ? []
      : [`The token came from ${maskUrl(fetched.url)} (entry #${fetched.entryIndexes.find((index) => index >= pageStart) ?? fetched.entryIndex}).`]),
    ...pageNote(attempt, facts),
    `Time checks are evaluated at the request time ${attempt.startedDateTime}, not at today's clock.`,
  ]
  const subject = await diagnoseToken({
    // Exactly what the widget sent: wrapping is token-format's finding, never cleaned away.
    input: attempt.wire ?? '',
    recorded: true,
    source: { kind: 'har', ref: options.ref, entryIndex: attempt.entryIndex, time: attempt.startedDateTime, url: attempt.url },
    checks: options.attemptChecks,
    now: attempt.startedAt,
    leewayMs: options.leewayMs,
    secrets: options.secrets,
    reveal: options.reveal,
    notes,
    integration,
    timing,
    users: options.users,
    expectEmail: options.expectEmail,
    runtime: options.runtime,
  })
  const proven = subject.checks.some((check) => check.status === 'fail' && check.id !== 'login-outcome')
  const suspects = attempt.outcome === 'accepted' || proven ? [] : rankSuspects(subject.checks, attempt.pageHost)
  const diagnosis: Diagnosis = {
    outcome: attempt.outcome,
    timeline: timelineFor(attempt.pageLoad, facts, options.reveal),
    suspects,
  }
  const { rootCause: _tokenRoot, ...rest } = subject
  return { ...rest, ...subjectVerdict(attemptVerdict(attempt, subject.checks, suspects, { partial: options.partial ?? false })), diagnosis }
}

async function diagnoseNoAttempt(facts: SessionFacts, options: DiagnoseSessionOptions): Promise<SubjectReport[]> {
  const loads = facts.pageLoads.filter((load) => facts.widgetScripts.some((script) => script.pageLoad === load.index) || load.hasAsapSnippet)
  const targets: ReadonlyArray<PageLoad | undefined> = loads.length > 0 ? loads : [facts.pageLoads.at(-1)]
  const subjects: SubjectReport[] = []
  for (const load of targets) {
    const scripts = load === undefined ? facts.widgetScripts : scriptsFor(load.index, facts)
    const pageHost = load?.host ?? scripts[0]?.pageHost
    const tokenEndpointSeen = facts.sightings.some(
      (sighting) => sighting.place === 'response body' && (load === undefined || sighting.entryIndexes.some((index) => index >= load.entryIndex)),
    )
    const subject = await diagnoseWithoutToken(
      {
        source: {
          kind: 'har',
          ref: options.ref,
          ...(load === undefined ? {} : { entryIndex: load.entryIndex, url: maskUrl(load.url), time: new Date(load.startedAt).toISOString() }),
        },
        checks: options.pageChecks,
        now: load?.startedAt ?? options.now,
        secrets: options.secrets,
        notes: [...options.notes, 'No ASAP login attempt (remote/auth call) in this recording.'],
        integration: {
          pageHost,
          ...(load === undefined ? {} : { pageOrigin: new URL(load.url).origin }),
          widgetScripts: scripts,
          deskApiHost: options.deskApiHost,
          configured: options.configured,
        },
        timing: {
          attempted: false,
          widgetLoaded: scripts.some(loaded),
          ...(scripts[0]?.status === undefined ? {} : { widgetStatus: scripts[0].status }),
          ...widgetFailure(scripts),
          attemptsOnPage: 0,
          sameTokenAttempts: 0,
          pageErrors: facts.pageErrors.filter((error) => load === undefined || error.entryIndex >= load.entryIndex).map((error) => error.message),
          loginOutsideReady: load?.loginOutsideReady ?? false,
          tokenEndpointSeen,
        },
        runtime: options.runtime,
      },
      (checks) => pageVerdict(checks, scripts.length > 0, { partial: options.partial ?? false }),
    )
    const outcome = scripts.some(loaded) ? 'never-attempted' : 'widget-not-loaded'
    subjects.push({ ...subject, diagnosis: { outcome, timeline: timelineFor(load?.index ?? 0, facts, options.reveal), suspects: [] } })
  }
  return subjects
}

function loaded(script: WidgetScriptSeen): boolean {
  return script.status !== undefined && script.status >= 200 && script.status < 400
}

function widgetFailure(scripts: readonly WidgetScriptSeen[]): Pick<TimingFacts, 'widgetFailure'> {
  // An HTTP answer (404…) is widget-failed; only a request that got no answer at all was blocked.
  const blocked = scripts.find((script) => script.failure !== undefined && (script.status === undefined || script.status <= 0))
  return blocked?.failure === undefined ? {} : { widgetFailure: { host: blocked.host, failure: blocked.failure } }
}

function scriptsFor(pageLoad: number, facts: SessionFacts): WidgetScriptSeen[] {
  const onPage = facts.widgetScripts.filter((script) => script.pageLoad === pageLoad)
  return onPage.length > 0 ? onPage : [...facts.widgetScripts]
}

function timelineFor(pageLoad: number, facts: SessionFacts, reveal: boolean): TimelineEvent[] {
  const load = facts.pageLoads[pageLoad]
  const next = facts.pageLoads[pageLoad + 1]
  const inPage = (entryIndex: number) => (load === undefined || entryIndex >= load.entryIndex) && (next === undefined || entryIndex < next.entryIndex)
  // Sightings are context, not the subject: a short, masked form is enough to tell them apart.
  const show = (token: string) => (reveal ? token : `${token.slice(0, 20)}…${maskToken(token).slice(-14)}`)
  const events: Array<TimelineEvent & { at: number }> = []
  if (load !== undefined)
    events.push({ at: load.startedAt, time: iso(load.startedAt), kind: 'page', label: `page ${maskUrl(load.url)}`, entryIndex: load.entryIndex })
  for (const script of facts.widgetScripts.filter((item) => inPage(item.entryIndex))) {
    events.push({
      at: script.startedAt ?? 0,
      time: iso(script.startedAt ?? 0),
      kind: 'widget-script',
      label: `ASAP ${script.version} widget script ${script.host} app ${script.appId ?? '?'} org ${script.orgId ?? '?'} → HTTP ${script.status ?? '?'}`,
      entryIndex: script.entryIndex,
    })
  }
  for (const sighting of facts.sightings.filter((item) => inPage(item.entryIndex))) {
    const endpoint = sighting.place === 'response body' && facts.attempts.some((attempt) => attempt.token === sighting.token)
    events.push({
      at: sighting.startedAt,
      time: sighting.startedDateTime,
      kind: endpoint ? 'token-endpoint' : 'sighting',
      label: `${endpoint ? 'token endpoint' : `token in ${sighting.place}${sighting.detail === undefined ? '' : ` (${sighting.detail})`}`} ${maskUrl(sighting.url)}${endpoint ? '' : `: ${show(sighting.token)}`}${sighting.count > 1 ? ` (seen ${sighting.count} times)` : ''}`,
      entryIndex: sighting.entryIndex,
    })
  }
  for (const error of facts.pageErrors.filter((item) => inPage(item.entryIndex))) {
    events.push({
      at: error.startedAt,
      time: iso(error.startedAt),
      kind: 'page-error',
      label: `page error reported: ${error.message}`,
      entryIndex: error.entryIndex,
    })
  }
  for (const attempt of facts.attempts.filter((item) => inPage(item.entryIndex))) {
    events.push({
      at: attempt.startedAt,
      time: attempt.startedDateTime,
      kind: 'auth-call',
      label: `${attempt.method} ${attempt.host} remote/auth → HTTP ${attempt.status} ${describeOutcome(attempt.outcome)}`,
      entryIndex: attempt.entryIndex,
    })
  }
  return events.sort((a, b) => a.at - b.at || (a.entryIndex ?? 0) - (b.entryIndex ?? 0)).map(({ at: _at, ...event }) => event)
}

function pageNote(attempt: LoginAttempt, facts: SessionFacts): string[] {
  const title = attempt.pageref === undefined ? undefined : facts.pageTitles.get(attempt.pageref)
  const from = attempt.pageOrigin === undefined ? 'an unknown page (no Origin or Referer)' : attempt.pageOrigin
  return [`Sent from ${from}${title === undefined || title.trim() === '' ? '' : `, HAR page "${title}"`}.`]
}

function describeOutcome(outcome: LoginAttempt['outcome']): string {
  switch (outcome) {
    case 'accepted':
      return 'accepted, access token issued'
    case 'general_error':
      return 'rejected with general_error'
    case 'blocked':
      return 'no response (blocked)'
    case 'empty':
      return 'empty response'
    case 'other':
      return 'not accepted'
  }
}

function iso(ms: number): string {
  return new Date(ms).toISOString()
}
