import { MAX_WINDOW_MS } from '../../checks/validity-window.js'
import type { Report, SubjectReport, TimelineEvent } from '../../core/report.js'
import { formatDuration, formatInstant, MINUTE, SECOND } from '../../core/time.js'
import { describeTimeClaims } from '../../core/token/describe-claims.js'
import { guessUnit, readTimeClaims, type ReadTimeClaim, validityWindow } from '../../core/token/time-claims.js'

/**
 * What the HTML page shows beyond the report's own fields, derived here in typed code: the headline,
 * the fixes, the claims with human dates, and the geometry of the two pictures as fractions of the
 * drawing width (0…1). The in-page script only turns this into DOM nodes, so every decision about
 * wording and scale is made once, in TypeScript, with the same time formatting as the other formats.
 */
export interface PageView {
  readonly headline: string
  readonly summary: string
  readonly attempts: readonly AttemptView[]
  readonly fixes: readonly FixView[]
  readonly timeline?: TimelineView
}

export type Tone = 'good' | 'bad' | 'warn' | 'neutral'

export interface AttemptView {
  readonly title: string
  /** A short outcome word for the badge: general_error, accepted, failed, passed… */
  readonly outcome: string
  readonly tone: Tone
  /** The instant the claims and the validity window are judged at (ISO). */
  readonly at: string
  readonly claims: readonly ClaimRow[]
  readonly validity?: ValidityView
  /** Why there is no validity picture, when there is none. */
  readonly validityNote?: string
}

export interface ClaimRow {
  readonly claim: string
  /** The value as JSON text. */
  readonly value: string
  /** For time claims: the date Zoho reads, relative to `at`, and a unit warning. */
  readonly meaning?: string
  readonly warning?: string
}

export interface FixView {
  readonly checkId: string
  readonly cause: string
  readonly hints: readonly string[]
  /** 1-based numbers of the attempts this fix applies to. */
  readonly attempts: readonly number[]
}

export interface Tick {
  readonly x: number
  readonly label: string
}

export interface TimelineMark {
  readonly x: number
  readonly kind: TimelineEvent['kind'] | 'mint'
  readonly short: string
  readonly label: string
  readonly time: string
  readonly failed: boolean
  /** The auth call of this lane's own attempt (other attempts on the same page are context). */
  readonly current: boolean
}

export interface TimelineLane {
  readonly label: string
  readonly outcome: string
  readonly tone: Tone
  readonly marks: readonly TimelineMark[]
  readonly gap?: { readonly x0: number; readonly x1: number; readonly label: string; readonly bad: boolean }
}

export interface TimelineView {
  readonly ticks: readonly Tick[]
  /** Where the axis is broken: left of it sit instants long before the session (a cached token's mint). */
  readonly breaks: readonly number[]
  readonly lanes: readonly TimelineLane[]
  readonly caption: string
}

export interface ValidityMark {
  readonly x: number
  readonly kind: 'start' | 'end' | 'at' | 'limit' | 'intended'
  readonly label: string
  readonly detail: string
}

export interface ValidityView {
  readonly headline: string
  readonly tone: Tone
  readonly segments: ReadonlyArray<{ readonly x0: number; readonly x1: number; readonly kind: 'window' | 'window-missed' | 'over-limit' | 'intended' }>
  readonly marks: readonly ValidityMark[]
  readonly breaks: readonly number[]
  readonly caption: string
}

const SHORT: Record<TimelineEvent['kind'], string> = {
  page: 'page load',
  'widget-script': 'widget script',
  'token-endpoint': 'token endpoint',
  'auth-call': 'remote/auth',
  'page-error': 'page error',
  sighting: 'token seen',
}

const OUTCOME_WORD: Record<string, string> = {
  accepted: 'accepted',
  general_error: 'general_error',
  blocked: 'blocked',
  empty: 'empty answer',
  other: 'not accepted',
  'never-attempted': 'no login',
  'widget-not-loaded': 'no widget',
  'not-applicable': 'n/a',
}

export function buildPageView(report: Report): PageView {
  const evaluatedAt = Date.parse(report.evaluatedAt)
  const attempts = report.subjects.map((subject, index) => attemptView(subject, index, evaluatedAt, report.command))
  const { summary } = report
  const total = summary.passed + summary.failed + summary.warnings + summary.skipped + summary.errors
  const counts = `${total} check${total === 1 ? '' : 's'}: ${summary.passed} passed, ${summary.failed} failed, ${summary.warnings} warning${summary.warnings === 1 ? '' : 's'}, ${summary.skipped} skipped${summary.errors > 0 ? `, ${summary.errors} crashed` : ''}`
  const timeline = timelineView(report.subjects)
  return {
    headline: headline(report, attempts),
    summary: counts,
    attempts,
    fixes: fixesFor(report.subjects),
    ...(timeline === undefined ? {} : { timeline }),
  }
}

function headline(report: Report, attempts: readonly AttemptView[]): string {
  const subjects = report.subjects
  const only = subjects[0]
  if (subjects.length === 0) return 'Nothing to check.'
  if (subjects.length === 1 && only !== undefined) return only.verdict
  const noun = subjects.every((subject) => subject.diagnosis?.outcome !== undefined && subject.token !== null) ? 'login attempts' : 'subjects'
  const byOutcome = new Map<string, number>()
  for (const attempt of attempts) byOutcome.set(attempt.outcome, (byOutcome.get(attempt.outcome) ?? 0) + 1)
  const parts = [...byOutcome].map(([outcome, count]) => `${count} ${outcome}`)
  const firstBad = subjects.find((_, index) => attempts[index]?.tone === 'bad')
  return `${subjects.length} ${noun} (${parts.join(', ')}).${firstBad === undefined ? '' : ` First problem: ${firstBad.verdict}`}`
}

function attemptView(subject: SubjectReport, index: number, evaluatedAt: number, command: string): AttemptView {
  const at = subject.source.time === undefined ? evaluatedAt : Date.parse(subject.source.time)
  const failing = subject.checks.some((check) => check.status === 'fail' || check.status === 'error')
  const warned = subject.checks.some((check) => check.status === 'warn')
  const diagnosed = subject.diagnosis?.outcome
  const outcome = diagnosed === undefined ? (failing ? 'failed' : warned ? 'warnings' : 'passed') : (OUTCOME_WORD[diagnosed] ?? diagnosed)
  const tone: Tone = diagnosed === undefined ? (failing ? 'bad' : warned ? 'warn' : 'good') : diagnosed === 'accepted' ? (failing ? 'warn' : 'good') : 'bad'
  const where = subject.source.entryIndex === undefined ? subject.source.ref : `entry #${subject.source.entryIndex}`
  const when = subject.source.time === undefined ? '' : ` at ${subject.source.time.slice(11, 19)} UTC`
  const noun = command === 'har' ? (subject.token === null ? 'Page load' : 'Login attempt') : subject.token === null ? 'Subject' : 'Token'
  const payload = subject.token?.payload ?? undefined
  const validity = payload === undefined || payload === null ? undefined : validityView(payload, at, subject.source.time !== undefined)
  return {
    title: `${noun} ${index + 1}: ${where}${when}`,
    outcome,
    tone,
    at: isoOrUnknown(at),
    claims: payload === undefined || payload === null ? [] : claimRows(payload, at),
    ...(validity === undefined
      ? { validityNote: subject.token === null ? 'No token in this subject.' : 'The token has no numeric not_before/not_after (or nbf/iat/exp) to draw.' }
      : { validity }),
  }
}

/** The payload's claims in order; time claims with the date Zoho reads and a unit warning. */
export function claimRows(payload: Readonly<Record<string, unknown>>, at: number): ClaimRow[] {
  const times = new Map(describeTimeClaims(payload, at).map((view) => [view.claim, view]))
  return Object.entries(payload).map(([claim, value]) => {
    const view = times.get(claim)
    const text = JSON.stringify(value) ?? String(value)
    if (view === undefined) return { claim, value: text }
    const looks =
      view.looksLike === undefined
        ? undefined
        : `looks like ${view.looksLike === 's' ? 'seconds' : view.looksLike === 'ms' ? 'milliseconds' : 'microseconds'}; Zoho reads ${view.unit === 'ms' ? 'milliseconds' : 'seconds'}`
    return {
      claim,
      value: text,
      meaning: `${view.iso} (${view.relative}), read as ${view.unit === 'ms' ? 'milliseconds' : 'seconds'}`,
      ...(looks === undefined ? {} : { warning: looks }),
    }
  })
}

function fixesFor(subjects: readonly SubjectReport[]): FixView[] {
  const fixes = new Map<string, { cause: string; hints: readonly string[]; attempts: number[] }>()
  subjects.forEach((subject, index) => {
    for (const check of subject.checks) {
      if (check.status !== 'fail' && check.status !== 'error') continue
      const known = fixes.get(check.id)
      if (known === undefined) fixes.set(check.id, { cause: check.verdict ?? check.message, hints: check.hints, attempts: [index + 1] })
      else known.attempts.push(index + 1)
    }
  })
  if (fixes.size === 0) {
    // Nothing failed but Zoho still said no: the first suspect a recording cannot rule out is the fix to try.
    subjects.forEach((subject, index) => {
      const top = subject.diagnosis?.outcome !== 'accepted' ? subject.diagnosis?.suspects[0] : undefined
      if (top === undefined) return
      const known = fixes.get(top.id)
      if (known === undefined) fixes.set(top.id, { cause: top.title, hints: [top.confirm], attempts: [index + 1] })
      else known.attempts.push(index + 1)
    })
  }
  // The verdict's root cause leads: it is the fix that makes the others moot (a cached token's expiry).
  const roots = new Set(subjects.flatMap((subject) => (subject.rootCause === undefined ? [] : [subject.rootCause.checkId])))
  const all = [...fixes].map(([checkId, fix]) => ({ checkId, ...fix }))
  return [...all.filter((fix) => roots.has(fix.checkId)), ...all.filter((fix) => !roots.has(fix.checkId))]
}

// ---- the session timeline -------------------------------------------------------------------

/** Instants further before the session than this share of its span go left of an axis break. */
const BREAK_FACTOR = 0.5
const BREAK_ZONE = 0.14
const TICK_STEPS = [
  100,
  200,
  500,
  SECOND,
  2 * SECOND,
  5 * SECOND,
  10 * SECOND,
  15 * SECOND,
  30 * SECOND,
  MINUTE,
  2 * MINUTE,
  5 * MINUTE,
  10 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  60 * MINUTE,
  120 * MINUTE,
  360 * MINUTE,
  720 * MINUTE,
  1440 * MINUTE,
]

interface RawMark extends Omit<TimelineMark, 'x'> {
  readonly at: number
}

function timelineView(subjects: readonly SubjectReport[]): TimelineView | undefined {
  const withTimeline = subjects.filter((subject) => subject.diagnosis !== undefined && subject.diagnosis.timeline.length > 0)
  if (withTimeline.length === 0) return undefined
  // Each lane runs from its own page load (time 0), so attempts minutes apart line up and compare.
  const raw = withTimeline.map((subject) => {
    const lane = rawLane(subject, subjects.indexOf(subject))
    const origin = Math.min(...lane.marks.filter((mark) => mark.kind !== 'mint').map((mark) => mark.at))
    return { ...lane, origin }
  })
  let start = 0
  let end = Math.max(...raw.flatMap((lane) => lane.marks.filter((mark) => mark.kind !== 'mint').map((mark) => mark.at - lane.origin)))
  if (end < 200) end = 200
  const span = end - start
  const mints = raw.flatMap((lane) => lane.marks.filter((mark) => mark.kind === 'mint').map((mark) => mark.at - lane.origin))
  const broken = mints.some((at) => at < start - span * BREAK_FACTOR)
  // Near mints (and late ones) widen the axis; far ones sit left of the break.
  for (const at of mints) {
    if (at >= start - span * BREAK_FACTOR) start = Math.min(start, at)
    end = Math.max(end, at)
  }
  const zone0 = broken ? BREAK_ZONE : 0
  const pad = (end - start) * 0.03
  const lo = start - pad
  const hi = end + pad
  const x = (at: number) => (at < lo ? zone0 * 0.4 : zone0 + ((at - lo) / (hi - lo)) * (1 - zone0))
  const lanes = raw.map((lane): TimelineLane => {
    const marks = lane.marks.map(({ at, ...mark }) => ({ ...mark, x: x(at - lane.origin) }))
    return {
      label: `${lane.label} · page load ${clock(lane.origin, false)} UTC`,
      outcome: lane.outcome,
      tone: lane.tone,
      marks,
      ...(lane.gap === undefined
        ? {}
        : { gap: { x0: x(lane.gap.from - lane.origin), x1: x(lane.gap.to - lane.origin), label: lane.gap.label, bad: lane.gap.bad } }),
    }
  })
  const gaps = lanes.flatMap((lane) => (lane.gap === undefined ? [] : [`${lane.label}: ${lane.gap.label}`]))
  return {
    ticks: ticks(Math.max(lo, 0), hi, (at) => x(at)),
    breaks: broken ? [zone0 * 0.75] : [],
    lanes,
    caption: `Session timeline: one lane per attempt, each from its page load (+0 s).${gaps.length === 0 ? '' : ` ${gaps.join('. ')}.`}`,
  }
}

function rawLane(subject: SubjectReport, index: number) {
  const diagnosis = subject.diagnosis
  const events = diagnosis?.timeline ?? []
  const attemptAt = subject.source.time === undefined ? undefined : Date.parse(subject.source.time)
  const outcome = diagnosis === undefined ? 'n/a' : (OUTCOME_WORD[diagnosis.outcome] ?? diagnosis.outcome)
  const rejected = diagnosis !== undefined && diagnosis.outcome !== 'accepted'
  const marks: RawMark[] = events.map((event) => {
    const current = event.kind === 'auth-call' && event.entryIndex === subject.source.entryIndex
    return {
      at: Date.parse(event.time),
      kind: event.kind,
      short: event.kind === 'auth-call' && current ? `remote/auth → ${outcome}` : SHORT[event.kind],
      label: `${event.entryIndex === undefined ? '' : `#${event.entryIndex} `}${event.label}`,
      time: event.time,
      failed:
        event.kind === 'page-error' ||
        (current && rejected) ||
        (event.kind === 'auth-call' && /→ HTTP (0|[45]\d\d)\b/.test(event.label)) ||
        (event.kind === 'widget-script' && /→ HTTP [45]\d\d/.test(event.label)),
      current,
    }
  })
  const mint = mintInstant(subject)
  const check = (id: string) => subject.checks.find((item) => item.id === id)
  const validity = check('time-validity')
  const timing = check('login-timing')
  const staleToken = validity?.messageId === 'expired' || timing?.messageId === 'minted-early' || timing?.messageId === 'token-reused'
  if (mint !== undefined && attemptAt !== undefined && Math.abs(attemptAt - mint) < 7 * 24 * 60 * MINUTE && (staleToken || attemptAt - mint > MINUTE)) {
    marks.push({
      at: mint,
      kind: 'mint',
      short: 'token minted',
      label: `token minted (its not_before/iat) at ${new Date(mint).toISOString()}`,
      time: new Date(mint).toISOString(),
      failed: staleToken,
      current: false,
    })
  }
  const gap = attemptAt === undefined ? undefined : gapFor(subject, marks, attemptAt, mint, staleToken)
  const where = subject.source.entryIndex === undefined ? '' : ` (entry #${subject.source.entryIndex})`
  const tone: Tone = diagnosis?.outcome === 'accepted' ? 'good' : 'bad'
  return {
    label: `${subject.token === null ? 'Page load' : 'Attempt'} ${index + 1}${where}`,
    outcome,
    tone,
    marks: marks.sort((a, b) => a.at - b.at),
    gap,
  }
}

/** When the token was minted: `iat`, else the window start, with a seconds value read as seconds. */
function mintInstant(subject: SubjectReport): number | undefined {
  const claims = readTimeClaims(subject.token?.payload)
  const iat = claims.find((claim) => claim.claim === 'iat')
  if (iat !== undefined) return iat.zohoMs
  const { start } = validityWindow(claims)
  if (start === undefined) return undefined
  return start.unit === 'ms' && guessUnit(start.value) === 's' ? start.value * 1000 : start.zohoMs
}

function gapFor(subject: SubjectReport, marks: readonly RawMark[], attemptAt: number, mint: number | undefined, staleToken: boolean) {
  if (mint !== undefined && staleToken) {
    const { end } = validityWindow(readTimeClaims(subject.token?.payload))
    const expired =
      end !== undefined && end.zohoMs < attemptAt && guessUnit(end.value) !== 's' ? `, expired ${formatDuration(attemptAt - end.zohoMs)} before` : ''
    return { from: mint, to: attemptAt, label: `token minted ${formatDuration(attemptAt - mint)} before use${expired}`, bad: true }
  }
  const before = marks.filter((mark) => mark.at <= attemptAt)
  const timing = subject.checks.find((check) => check.id === 'login-timing')
  const widget = before.filter((mark) => mark.kind === 'widget-script').at(-1)
  if (timing?.messageId === 'before-widget-ready' && widget !== undefined) {
    return {
      from: widget.at,
      to: attemptAt,
      label: `login ${formatDuration(attemptAt - widget.at)} after the widget script started, before it was ready`,
      bad: true,
    }
  }
  const endpoint = before.filter((mark) => mark.kind === 'token-endpoint').at(-1)
  if (endpoint !== undefined)
    return { from: endpoint.at, to: attemptAt, label: `token fetched ${formatDuration(attemptAt - endpoint.at)} before use`, bad: false }
  if (widget !== undefined)
    return { from: widget.at, to: attemptAt, label: `login ${formatDuration(attemptAt - widget.at)} after the widget script`, bad: false }
  return undefined
}

function ticks(lo: number, hi: number, x: (at: number) => number): Tick[] {
  const span = hi - lo
  const step = TICK_STEPS.find((candidate) => span / candidate <= 6) ?? TICK_STEPS.at(-1) ?? span
  const result: Tick[] = []
  for (let at = Math.ceil(lo / step) * step; at <= hi; at += step) result.push({ x: x(at), label: at === 0 ? '+0 s' : `+${formatDuration(at)}` })
  return result
}

function clock(ms: number, withMs: boolean): string {
  const iso = isoOrUnknown(ms)
  return iso === 'unknown time' ? iso : iso.slice(11, withMs ? 23 : 19)
}

/**
 * An instant as ISO-8601, or "unknown time": a damaged HAR's startedDateTime parses to NaN, and
 * toISOString throws on it ("Invalid time value", found by the issue 12 fuzzer).
 */
function isoOrUnknown(ms: number): string {
  const date = new Date(ms)
  return Number.isFinite(date.getTime()) ? date.toISOString() : 'unknown time'
}

// ---- the token's validity window --------------------------------------------------------------

interface Point {
  readonly at: number
  readonly kind: ValidityMark['kind']
  readonly label: string
  readonly detail: string
}

/** The validity window Zoho enforces, the 10-minute limit and the judged instant, on one axis. */
export function validityView(payload: Readonly<Record<string, unknown>>, at: number, recorded: boolean): ValidityView | undefined {
  const claims = readTimeClaims(payload)
  const { start, end } = validityWindow(claims)
  if (start === undefined && end === undefined) return undefined
  const inSeconds = (claim: ReadTimeClaim | undefined) => claim !== undefined && claim.unit === 'ms' && guessUnit(claim.value) === 's'
  const secondsIssue = inSeconds(start) || inSeconds(end)
  const atLabel = recorded ? 'request' : 'evaluated'
  const points: Point[] = [
    { at, kind: 'at', label: `${atLabel} ${stamp(at, at)}`, detail: `${recorded ? 'the login request' : 'the evaluation instant'}, ${formatInstant(at)}` },
  ]
  if (start !== undefined)
    points.push({
      at: start.zohoMs,
      kind: 'start',
      label: `${start.claim} ${stamp(start.zohoMs, at)}`,
      detail: `${start.claim} = ${start.value} → ${formatInstant(start.zohoMs)}`,
    })
  if (end !== undefined)
    points.push({
      at: end.zohoMs,
      kind: 'end',
      label: `${end.claim} ${stamp(end.zohoMs, at)}`,
      detail: `${end.claim} = ${end.value} → ${formatInstant(end.zohoMs)}`,
    })
  if (start !== undefined && end !== undefined && end.zohoMs - start.zohoMs > MAX_WINDOW_MS) {
    const limit = start.zohoMs + MAX_WINDOW_MS
    points.push({
      at: limit,
      kind: 'limit',
      label: '10-min limit',
      detail: `${start.claim} + 10 min = ${formatInstant(limit)}, the latest not_after Zoho allows`,
    })
  }
  const intended = secondsIssue
    ? {
        from: start === undefined ? undefined : inSeconds(start) ? start.value * 1000 : start.zohoMs,
        to: end === undefined ? undefined : inSeconds(end) ? end.value * 1000 : end.zohoMs,
      }
    : undefined
  if (intended?.from !== undefined)
    points.push({
      at: intended.from,
      kind: 'intended',
      label: `meant ${stamp(intended.from, at)}`,
      detail: `read as seconds, ${start?.claim ?? 'the start'} would mean ${formatInstant(intended.from)}`,
    })
  if (intended?.to !== undefined)
    points.push({
      at: intended.to,
      kind: 'intended',
      label: `meant ${stamp(intended.to, at)}`,
      detail: `read as seconds, ${end?.claim ?? 'the end'} would mean ${formatInstant(intended.to)}`,
    })

  const axis = brokenAxis(
    points.map((point) => point.at),
    MAX_WINDOW_MS,
  )
  const segments: Array<ValidityView['segments'][number]> = []
  if (start !== undefined && end !== undefined && end.zohoMs > start.zohoMs) {
    const limit = start.zohoMs + MAX_WINDOW_MS
    // The window is drawn grey when the judged instant falls outside it: it existed, but not then.
    const missed = at < start.zohoMs || at > end.zohoMs
    segments.push({ x0: axis.x(start.zohoMs), x1: axis.x(Math.min(end.zohoMs, limit)), kind: missed ? 'window-missed' : 'window' })
    if (end.zohoMs > limit) segments.push({ x0: axis.x(limit), x1: axis.x(end.zohoMs), kind: 'over-limit' })
  }
  if (intended?.from !== undefined && intended.to !== undefined && intended.to > intended.from)
    segments.push({ x0: axis.x(intended.from), x1: axis.x(intended.to), kind: 'intended' })

  const { text, tone } = validityHeadline(start, end, at, recorded, secondsIssue)
  return {
    headline: text,
    tone,
    segments,
    marks: points.map((point) => ({ x: axis.x(point.at), kind: point.kind, label: point.label, detail: point.detail })),
    breaks: axis.breaks,
    caption: `Validity window: ${text}. ${points.map((point) => point.detail).join('; ')}.`,
  }
}

function validityHeadline(
  start: ReadTimeClaim | undefined,
  end: ReadTimeClaim | undefined,
  at: number,
  recorded: boolean,
  secondsIssue: boolean,
): { text: string; tone: Tone } {
  if (secondsIssue) {
    const claim = end ?? start
    const date = claim === undefined ? '' : `: ${claim.claim} = ${claim.value} means ${formatInstant(claim.zohoMs)}`
    return { text: `read as 1970 because it is in seconds${date}`, tone: 'bad' }
  }
  const parts: string[] = []
  let tone: Tone = 'good'
  if (end !== undefined && at > end.zohoMs) {
    parts.push(`expired ${formatDuration(at - end.zohoMs)} ${recorded ? 'before the request' : 'ago'}`)
    tone = 'bad'
  } else if (start !== undefined && at < start.zohoMs) {
    parts.push(`not valid for another ${formatDuration(start.zohoMs - at)} ${recorded ? 'at the request' : ''}`.trim())
    tone = 'bad'
  }
  if (start !== undefined && end !== undefined) {
    const length = end.zohoMs - start.zohoMs
    if (length <= 0) {
      parts.push('the window is empty')
      tone = 'bad'
    } else if (length > MAX_WINDOW_MS) {
      parts.push(`window ${formatDuration(length)}, limit 10 min`)
      tone = 'bad'
    } else if (tone === 'good') {
      parts.push(`valid, ${formatDuration(end.zohoMs - at)} left ${recorded ? 'at the request' : 'now'} (window ${formatDuration(length)}, limit 10 min)`)
    } else {
      parts.push(`window ${formatDuration(length)}, limit 10 min`)
    }
  } else if (tone === 'good') {
    parts.push(`only ${start === undefined ? 'an end' : 'a start'} claim: the window is open-ended`)
    tone = 'warn'
  }
  return { text: parts.join('; '), tone }
}

/** "06:00:01", or the date too when it is another day than the reference. */
function stamp(ms: number, reference: number): string {
  const iso = formatInstant(ms)
  if (!iso.endsWith('Z')) return iso
  const sameDay = iso.slice(0, 10) === formatInstant(reference).slice(0, 10)
  return sameDay ? iso.slice(11, 19) : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`
}

/**
 * A monotonic time → x mapping over clusters of instants: instants close together (relative to
 * `scale`) share a linear zone; far-apart clusters get their own zone with a break between them,
 * so a 1970 reading and a 2026 request are both visible on one axis.
 */
export function brokenAxis(times: readonly number[], scale: number): { x: (at: number) => number; breaks: number[] } {
  const sorted = [...new Set(times)].sort((a, b) => a - b)
  const clusters: number[][] = []
  for (const at of sorted) {
    const last = clusters.at(-1)
    const previous = last?.at(-1)
    if (last !== undefined && previous !== undefined && at - previous <= 3 * scale) last.push(at)
    else clusters.push([at])
  }
  const gapWidth = 0.06
  const zoneWidth = (1 - gapWidth * (clusters.length - 1)) / clusters.length
  const zones = clusters.map((cluster, index) => {
    const lo = cluster[0] ?? 0
    const hi = cluster.at(-1) ?? lo
    const pad = Math.max((hi - lo) * 0.08, 1)
    return { lo: lo - pad, hi: hi + pad, x0: index * (zoneWidth + gapWidth) }
  })
  const x = (at: number): number => {
    for (let index = 0; index < zones.length; index += 1) {
      const zone = zones[index]
      if (zone === undefined) continue
      const next = zones[index + 1]
      if (at <= zone.hi || next === undefined) {
        const clamped = Math.min(Math.max(at, zone.lo), zone.hi)
        return zone.x0 + ((clamped - zone.lo) / (zone.hi - zone.lo)) * zoneWidth
      }
      // Between two zones (an over-limit bar crossing the break): inside the gap.
      if (at < next.lo) return zone.x0 + zoneWidth + gapWidth / 2
    }
    return 1
  }
  return { x, breaks: zones.slice(1).map((zone) => zone.x0 - gapWidth / 2) }
}
