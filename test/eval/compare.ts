import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/**
 * Scores asap-doctor's JSON report of one corpus case against its expected.json
 * (fixtures/scenarios/README.md). Shared by `npm run eval` (scripts/eval.mjs) and
 * test/eval/scenarios.test.ts, so both judge by the same rules.
 */

export interface ExpectedFile {
  description: string
  command?: 'har' | 'verify'
  args: string[]
  attempts?: number
  outcomes?: string[]
  fail: string[]
  mayFail: string[]
  rootCause: string | null
  rootCauseAlternatives?: string[]
  rootCauseByAttempt?: Array<string | null>
  topSuspect?: string
  verdictIncludes: string[]
  messageIncludes?: Record<string, string[]>
}

export interface CorpusCase {
  /** `ok`, `tokens/php-base64`, … */
  id: string
  expected: ExpectedFile
  /** The CLI arguments, relative to the repository root (run with cwd = root). */
  argv: string[]
}

export interface Judgement {
  ok: boolean
  /** What a correct diagnosis says that this report does not. */
  problems: string[]
  /** Failures the report names that a correct diagnosis does not (and a root cause where none is due). */
  falseAlarms: string[]
}

/**
 * Results that record an observation (what Zoho answered), not a cause: the lead's `login-outcome`
 * fails whenever Zoho visibly rejected a login, so that `har` exits 1. They never count as a
 * failing check here and can never be the root cause.
 */
export const OBSERVATION_CHECKS: ReadonlySet<string> = new Set(['login-outcome'])
const AUTH_OUTCOMES = new Set(['accepted', 'general_error', 'blocked', 'empty', 'other'])

export function loadCorpus(root: string): CorpusCase[] {
  const base = join(root, 'fixtures/scenarios')
  const cases: CorpusCase[] = []
  const read = (dir: string): ExpectedFile => JSON.parse(readFileSync(join(base, dir, 'expected.json'), 'utf8'))
  for (const name of readdirSync(base).sort()) {
    if (name === 'tokens' || !existsSync(join(base, name, 'expected.json'))) continue
    const expected = read(name)
    cases.push({ id: name, expected, argv: ['har', `fixtures/scenarios/${name}/session.har`, ...expected.args, '--format', 'json'] })
  }
  const tokens = join(base, 'tokens')
  if (existsSync(tokens)) {
    for (const name of readdirSync(tokens).sort()) {
      const expected = read(`tokens/${name}`)
      cases.push({ id: `tokens/${name}`, expected, argv: [expected.command ?? 'verify', ...expected.args, '--format', 'json'] })
    }
  }
  return cases
}

interface CheckView {
  id: string
  status: string
  severity?: string
  messageId?: string
  message?: string
  hints?: string[]
}

interface SubjectView {
  checks: CheckView[]
  verdict: string
  rootCause?: string
  outcome?: string
  suspects: string[]
}

export function judge(c: CorpusCase, exitCode: number, stdout: string): Judgement {
  const problems: string[] = []
  const falseAlarms: string[] = []
  const e = c.expected
  const subjects = parseSubjects(stdout)
  if (subjects === undefined) return { ok: false, problems: [`no JSON report (exit ${exitCode}): ${stdout.slice(0, 200)}`], falseAlarms }

  if (c.argv[0] === 'har') {
    const outcomes = subjects.map((s) => s.outcome ?? '(none)')
    const attempts = outcomes.filter((o) => AUTH_OUTCOMES.has(o)).length
    if (e.attempts !== undefined && attempts !== e.attempts) problems.push(`${attempts} login attempts, expected ${e.attempts}`)
    if (e.outcomes !== undefined && JSON.stringify(outcomes) !== JSON.stringify(e.outcomes))
      problems.push(`outcomes ${outcomes.join(', ')}, expected ${e.outcomes.join(', ')}`)
  }

  const failing = new Set<string>()
  for (const s of subjects) {
    for (const check of s.checks) {
      if (OBSERVATION_CHECKS.has(check.id)) continue
      if (check.status === 'error') problems.push(`check ${check.id} crashed: ${check.message ?? ''}`)
      if (check.status === 'fail' && check.severity !== 'info') failing.add(check.id)
    }
  }
  const allowed = new Set([...e.fail, ...e.mayFail])
  for (const id of e.fail) if (!failing.has(id)) problems.push(`${id} does not fail`)
  for (const id of failing) if (!allowed.has(id)) falseAlarms.push(`${id} fails`)

  const roots = subjects.map((s) => s.rootCause ?? null)
  const acceptable = (id: string | null, want: string | null) => id === want || (want !== null && id !== null && (e.rootCauseAlternatives ?? []).includes(id))
  if (e.rootCauseByAttempt !== undefined) {
    e.rootCauseByAttempt.forEach((want, i) => {
      const got = roots[i] ?? null
      if (acceptable(got, want)) return
      if (want === null) falseAlarms.push(`attempt ${i + 1}: root cause ${got}, expected none`)
      else problems.push(`attempt ${i + 1}: root cause ${got ?? 'none'}, expected ${want}`)
    })
  } else if (e.rootCause === null) {
    for (const got of roots) if (got !== null) falseAlarms.push(`root cause ${got}, expected none`)
  } else {
    const final = [...roots].reverse().find((r) => r !== null) ?? null
    if (!acceptable(final, e.rootCause)) problems.push(`root cause ${final ?? 'none'}, expected ${e.rootCause}`)
  }
  if (e.rootCause !== null && roots.some((r) => r !== null && OBSERVATION_CHECKS.has(r))) problems.push('an observation is named as the root cause')

  if (e.topSuspect !== undefined) {
    const top = subjects.find((s) => s.suspects.length > 0)?.suspects[0]
    if (top !== e.topSuspect) problems.push(`top suspect ${top ?? 'none'}, expected ${e.topSuspect}`)
  }

  if (e.verdictIncludes.length > 0) {
    const said = subjects
      .flatMap((s) => {
        const root = s.checks.find((ch) => ch.id === s.rootCause)
        return [s.verdict, root?.message ?? '', ...(root?.hints ?? [])]
      })
      .join('\n')
      .toLowerCase()
    for (const words of e.verdictIncludes) if (!said.includes(words.toLowerCase())) problems.push(`the verdict does not say "${words}"`)
  }

  for (const [id, words] of Object.entries(e.messageIncludes ?? {})) {
    const messages = subjects.flatMap((s) => s.checks.filter((ch) => ch.id === id).map((ch) => (ch.message ?? '').toLowerCase()))
    if (messages.length === 0) problems.push(`no ${id} result`)
    for (const w of words) if (!messages.some((m) => m.includes(w.toLowerCase()))) problems.push(`the ${id} message does not say "${w}"`)
  }

  // Exit codes tell the truth: 1 when a check failed or Zoho visibly refused a login, else 0.
  const rejected = (e.outcomes ?? []).some((o) => o !== 'accepted' && AUTH_OUTCOMES.has(o))
  const wantExit = e.fail.length > 0 || rejected ? 1 : 0
  if (exitCode !== wantExit) problems.push(`exit ${exitCode}, expected ${wantExit}`)

  return { ok: problems.length === 0 && falseAlarms.length === 0, problems, falseAlarms }
}

function parseSubjects(stdout: string): SubjectView[] | undefined {
  let doc: unknown
  try {
    doc = JSON.parse(stdout)
  } catch {
    return undefined
  }
  if (!isRecord(doc) || !Array.isArray(doc.subjects)) return undefined
  return doc.subjects.filter(isRecord).map((s): SubjectView => {
    const diagnosis = isRecord(s.diagnosis) ? s.diagnosis : {}
    const root = isRecord(s.rootCause) && typeof s.rootCause.checkId === 'string' ? s.rootCause.checkId : undefined
    return {
      checks: (Array.isArray(s.checks) ? s.checks : []).filter(isRecord).map((ch) => ({
        id: String(ch.id),
        status: String(ch.status),
        ...(typeof ch.severity === 'string' ? { severity: ch.severity } : {}),
        ...(typeof ch.messageId === 'string' ? { messageId: ch.messageId } : {}),
        ...(typeof ch.message === 'string' ? { message: ch.message } : {}),
        hints: Array.isArray(ch.hints) ? ch.hints.map(String) : [],
      })),
      verdict: typeof s.verdict === 'string' ? s.verdict : '',
      ...(root === undefined ? {} : { rootCause: root }),
      ...(typeof diagnosis.outcome === 'string' ? { outcome: diagnosis.outcome } : {}),
      suspects: (Array.isArray(diagnosis.suspects) ? diagnosis.suspects : []).filter(isRecord).map((x) => String(x.id)),
    }
  })
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** One line per case, as `npm run eval` prints it. */
export function describeJudgement(c: CorpusCase, j: Judgement): string {
  if (j.ok) return `PASS ${c.id}`
  return `FAIL ${c.id}: ${[...j.problems, ...j.falseAlarms.map((f) => `false alarm: ${f}`)].join('; ')}`
}
