import type { Check } from '../core/define-check.js'
import { diagnoseToken, diagnoseWithoutToken } from '../core/diagnose-token.js'
import { mainFailure, type Diagnosis, type SubjectReport, type Suspect, type TimelineEvent } from '../core/report.js'
import { maskToken } from '../core/token/mask-token.js'
import type { CheckResult, IntegrationFacts, PageRuntimeFacts, SecretCandidate, TimingFacts, UserDirectory } from '../core/types.js'
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
  const lastScript = scripts.filter((script) => (script.startedAt ?? 0) <= attempt.startedAt).at(-1) ?? scripts[0]
  const endpoint = facts.sightings.find((sighting) => sighting.place === 'response body' && sighting.token === attempt.token && sighting.entryIndex < attempt.entryIndex)
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
    widgetLoaded: scripts.length > 0,
    ...(lastScript?.finishedAt === undefined ? {} : { widgetFinishedAt: lastScript.finishedAt }),
    attemptsOnPage: facts.attempts.filter((other) => other.pageLoad === attempt.pageLoad && other.kind === attempt.kind).length,
    sameTokenAttempts: facts.attempts.filter((other) => other !== attempt && other.token === attempt.token).length,
    pageErrors: facts.pageErrors.map((error) => error.message),
    loginOutsideReady: facts.pageLoads[attempt.pageLoad]?.loginOutsideReady ?? false,
    tokenEndpointSeen: endpoint !== undefined,
  }
  const notes = [
    ...options.notes,
    `Zoho answered HTTP ${attempt.status}: ${describeOutcome(attempt.outcome)}.`,
    ...(endpoint === undefined ? [] : [`The token came from ${endpoint.url} (entry #${endpoint.entryIndex}).`]),
    ...pageNote(attempt, facts),
    `Time checks are evaluated at the request time ${attempt.startedDateTime}, not at today's clock.`,
  ]
  const subject = await diagnoseToken({
    input: attempt.token,
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
  })
  const suspects = attempt.outcome === 'accepted' ? [] : rankSuspects(subject.checks, attempt)
  const diagnosis: Diagnosis = {
    outcome: attempt.outcome,
    timeline: timelineFor(attempt.pageLoad, facts, options.reveal),
    suspects,
  }
  return { ...subject, verdict: attemptVerdict(attempt, subject.checks, suspects), diagnosis }
}

async function diagnoseNoAttempt(facts: SessionFacts, options: DiagnoseSessionOptions): Promise<SubjectReport[]> {
  const loads = facts.pageLoads.filter((load) => facts.widgetScripts.some((script) => script.pageLoad === load.index) || load.hasAsapSnippet)
  const targets: ReadonlyArray<PageLoad | undefined> = loads.length > 0 ? loads : [facts.pageLoads.at(-1)]
  const subjects: SubjectReport[] = []
  for (const load of targets) {
    const scripts = load === undefined ? facts.widgetScripts : scriptsFor(load.index, facts)
    const pageHost = load?.host ?? scripts[0]?.pageHost
    const tokenEndpointSeen = facts.sightings.some((sighting) => sighting.place === 'response body' && (load === undefined || sighting.entryIndex >= load.entryIndex))
    const subject = await diagnoseWithoutToken(
      {
        source: { kind: 'har', ref: options.ref, ...(load === undefined ? {} : { entryIndex: load.entryIndex, url: load.url, time: new Date(load.startedAt).toISOString() }) },
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
          widgetLoaded: scripts.some((script) => script.status !== undefined && script.status >= 200 && script.status < 400),
          ...(scripts[0]?.status === undefined ? {} : { widgetStatus: scripts[0].status }),
          attemptsOnPage: 0,
          sameTokenAttempts: 0,
          pageErrors: facts.pageErrors.filter((error) => load === undefined || error.entryIndex >= load.entryIndex).map((error) => error.message),
          loginOutsideReady: load?.loginOutsideReady ?? false,
          tokenEndpointSeen,
        },
      },
      (checks) => noAttemptVerdict(checks, scripts),
    )
    const outcome = scripts.length === 0 ? 'widget-not-loaded' : 'never-attempted'
    subjects.push({ ...subject, diagnosis: { outcome, timeline: timelineFor(load?.index ?? 0, facts, options.reveal), suspects: [] } })
  }
  return subjects
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
  if (load !== undefined) events.push({ at: load.startedAt, time: iso(load.startedAt), kind: 'page', label: `page ${load.url}`, entryIndex: load.entryIndex })
  for (const script of facts.widgetScripts.filter((item) => inPage(item.entryIndex))) {
    events.push({ at: script.startedAt ?? 0, time: iso(script.startedAt ?? 0), kind: 'widget-script', label: `ASAP ${script.version} widget script ${script.host} app ${script.appId ?? '?'} org ${script.orgId ?? '?'} → HTTP ${script.status ?? '?'}`, entryIndex: script.entryIndex })
  }
  for (const sighting of facts.sightings.filter((item) => inPage(item.entryIndex))) {
    const endpoint = sighting.place === 'response body' && facts.attempts.some((attempt) => attempt.token === sighting.token)
    events.push({
      at: sighting.startedAt,
      time: sighting.startedDateTime,
      kind: endpoint ? 'token-endpoint' : 'sighting',
      label: `${endpoint ? 'token endpoint' : `token in ${sighting.place}${sighting.detail === undefined ? '' : ` (${sighting.detail})`}`} ${sighting.url}${endpoint ? '' : `: ${show(sighting.token)}`}${sighting.count > 1 ? ` (seen ${sighting.count} times)` : ''}`,
      entryIndex: sighting.entryIndex,
    })
  }
  for (const error of facts.pageErrors.filter((item) => inPage(item.entryIndex))) {
    events.push({ at: error.startedAt, time: iso(error.startedAt), kind: 'page-error', label: `page error reported: ${error.message}`, entryIndex: error.entryIndex })
  }
  for (const attempt of facts.attempts.filter((item) => inPage(item.entryIndex))) {
    events.push({ at: attempt.startedAt, time: attempt.startedDateTime, kind: 'auth-call', label: `${attempt.method} ${attempt.host} remote/auth → HTTP ${attempt.status} ${describeOutcome(attempt.outcome)}`, entryIndex: attempt.entryIndex })
  }
  return events.sort((a, b) => a.at - b.at || (a.entryIndex ?? 0) - (b.entryIndex ?? 0)).map(({ at: _at, ...event }) => event)
}

/** What a HAR cannot prove, ranked by how often it is the cause, minus what the checks ruled out. */
function rankSuspects(checks: readonly CheckResult[], attempt: LoginAttempt): Suspect[] {
  const status = (id: string) => checks.find((check) => check.id === id)?.status
  const candidates: Array<Suspect & { ruledOutBy?: string }> = [
    {
      id: 'help-center-user',
      title: 'The user is not an active Help Center end user of this org (no contact, not "Add as End User", deactivated, or another org)',
      confirm: 'Run again with --users <contacts export> or --online; or in Zoho Desk search the contact and check it is an active end user.',
      ruledOutBy: 'help-center-user',
    },
    {
      id: 'signature',
      title: 'The token is signed with another secret (Help Center secret, another add-on, or an old one)',
      confirm: 'Run again with --secret-file <the ASAP JWT secret>.',
      ruledOutBy: 'signature',
    },
    {
      id: 'allowed-domain',
      title: `The page host${attempt.pageHost === undefined ? '' : ` ${attempt.pageHost}`} is not in the ASAP JWT allowed domains`,
      confirm: 'Run again with --allowed-domain for each host in the ASAP JWT settings (exact host names).',
      ruledOutBy: 'allowed-domain',
    },
    {
      id: 'email-normalization',
      title: `The address in the token differs from the end user's address in Zoho (case, whitespace or an alias)`,
      confirm: 'Run again with --expect-email <the address Zoho has>, or compare the two character by character.',
    },
    {
      id: 'jwt-setup',
      title: 'JWT is not the widget\'s authentication method, or SSO is not enabled on the default help center',
      confirm: 'In Zoho Desk: ASAP → your web add-on → "Secure your help widget" must be JWT; Help Center → SSO must be on for the default (not a multi-brand) help center.',
    },
  ]
  return candidates
    .filter((candidate) => candidate.ruledOutBy === undefined || (status(candidate.ruledOutBy) !== 'pass' && status(candidate.ruledOutBy) !== 'fail'))
    .map(({ ruledOutBy: _ruledOutBy, ...suspect }) => suspect)
}

function attemptVerdict(attempt: LoginAttempt, checks: readonly CheckResult[], suspects: readonly Suspect[]): string {
  const failure = mainFailure(checks)
  const cause = failure?.cause
  const more = failure?.more ?? ''
  switch (attempt.outcome) {
    case 'accepted':
      return cause === undefined ? 'Zoho accepted this login (an access token was issued); nothing to fix.' : `Zoho accepted this login, but ${cause}${more}.`
    case 'blocked':
      return `The login request got no response (blocked by CORS, a Content-Security-Policy connect-src, or an extension)${cause === undefined ? '' : `; also ${cause}`}.`
    default: {
      const answer = attempt.outcome === 'general_error' ? 'Zoho answered general_error' : `Zoho did not accept this login (HTTP ${attempt.status})`
      if (cause !== undefined) return `${answer} because ${cause}${more}.`
      const top = suspects[0]
      return top === undefined ? `${answer}; every check passed.` : `${answer}; every check the recording allows passed, so the most likely cause is: ${lowerFirst(top.title)}.`
    }
  }
}

function noAttemptVerdict(checks: readonly CheckResult[], scripts: readonly WidgetScriptSeen[]): string {
  const timing = checks.find((check) => check.id === 'login-timing')
  const other = checks.find((check) => check.id !== 'login-timing' && (check.status === 'fail' || check.status === 'error'))
  const base =
    timing?.status === 'fail' && timing.verdict !== undefined
      ? `No login attempt: ${timing.verdict}`
      : scripts.length === 0
        ? 'No login attempt: the ASAP widget was never loaded'
        : 'No login attempt in this recording'
  return `${base}${other?.verdict === undefined ? '' : `; also ${other.verdict}`}.`
}

function pageNote(attempt: LoginAttempt, facts: SessionFacts): string[] {
  const title = attempt.pageref === undefined ? undefined : facts.pageTitles.get(attempt.pageref)
  const from = attempt.pageOrigin === undefined ? 'an unknown page (no Origin or Referer)' : attempt.pageOrigin
  return [`Sent from ${from}${title === undefined ? '' : `, HAR page "${title}"`}.`]
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

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1)
}
