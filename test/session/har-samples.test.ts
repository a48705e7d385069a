import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { runCliInProcess } from '../helpers/run-cli.js'
import * as facts from '../simulation/facts.js'

// Real headless-Chromium recordings from the repository's corpus (fixtures/scenarios, recorded by
// scripts/record-scenarios.mjs against test/simulation): each must fail exactly the check ids a
// correct diagnosis names, with the simulation's facts as configuration. The full corpus, with
// root causes and verdicts, is scored by test/eval; these are the reader-level classics.
const CORPUS = 'fixtures/scenarios'
const SHARED = '../shared/har-samples'
const SIMULATION = facts.CLI_ARGS
const SECRET = ['--secret', facts.ASAP_SECRET]
const USERS = ['--users', 'test/fixtures/users/simulation-end-users.txt']
/** Observations (what Zoho answered), not causes: they fail whenever Zoho refused a login. */
const OBSERVATIONS = new Set(['login-outcome'])

interface Report {
  subjects: Array<{
    checks: Array<{ id: string; status: string; messageId: string }>
    diagnosis?: { outcome: string; suspects: Array<{ id: string }> }
    verdict: string
    source: { entryIndex?: number }
  }>
  summary: { exitCode: number }
}

async function har(path: string, extra: readonly string[] = []): Promise<{ report: Report; exitCode: number }> {
  const run = await runCliInProcess(['har', path, ...SIMULATION, ...SECRET, ...extra, '--format', 'json'])
  expect(run.stderr.replace(/^asap-doctor: warning: --secret.*\n/m, '')).toBe('')
  return { report: JSON.parse(run.stdout) as Report, exitCode: run.exitCode }
}

const failing = (report: Report) =>
  [
    ...new Set(
      report.subjects.flatMap((subject) => subject.checks.filter((check) => check.status === 'fail' && !OBSERVATIONS.has(check.id)).map((check) => check.id)),
    ),
  ].sort()

type Case = readonly [file: string, failing: readonly string[], extra: readonly string[], outcome: string]

function classics(dir: string, cases: readonly Case[]): void {
  for (const [file, expected, extra, outcome] of cases) {
    it(`${file} fails ${expected.join(', ') || 'nothing'}`, async () => {
      const { report, exitCode } = await har(`${dir}/${file}`, extra)
      expect(failing(report)).toEqual([...expected].sort())
      expect(report.subjects).toHaveLength(1)
      expect(report.subjects[0]?.diagnosis?.outcome).toBe(outcome)
      // Exit 1 when a check failed or Zoho visibly refused the login.
      expect(exitCode).toBe(expected.length === 0 && outcome !== 'general_error' ? 0 : 1)
    })
  }
}

describe('corpus recordings: fixture → failing check ids', () => {
  classics(CORPUS, [
    ['ok/session.har', [], USERS, 'accepted'],
    ['user-missing/session.har', ['help-center-user'], USERS, 'general_error'],
    ['user-missing-devtools/session.har', ['help-center-user'], USERS, 'general_error'],
    ['seconds/session.har', ['time-units', 'time-validity'], USERS, 'general_error'],
    ['domain-not-allowed/session.har', ['allowed-domain'], USERS, 'general_error'],
    ['login-outside-ready/session.har', ['login-timing'], USERS, 'never-attempted'],
  ])

  it('without a user list, user-missing is a ranked suspect, not a failure', async () => {
    const { report } = await har(`${CORPUS}/user-missing/session.har`)
    expect(failing(report)).toEqual([])
    const subject = report.subjects[0]
    expect(subject?.checks.find((check) => check.id === 'help-center-user')?.status).toBe('skip')
    expect(subject?.diagnosis?.suspects[0]?.id).toBe('help-center-user')
    expect(subject?.verdict).toMatch(/general_error.*most likely.*Help Center end user/)
  })

  it('evaluates time checks at the request time, not today', async () => {
    const { report } = await har(`${CORPUS}/ok/session.har`, [...USERS, '--only', 'time-validity'])
    expect(report.subjects[0]?.checks[0]?.status).toBe('pass')
  })

  it('login-outside-ready: org, data centre and domain of the widget pass', async () => {
    const { report } = await har(`${CORPUS}/login-outside-ready/session.har`)
    const status = (id: string) => report.subjects[0]?.checks.find((check) => check.id === id)?.status
    expect([status('org-id'), status('data-center'), status('allowed-domain')]).toEqual(['pass', 'pass', 'pass'])
    expect(report.subjects[0]?.checks.find((check) => check.id === 'login-timing')?.messageId).toBe('before-widget-ready')
  })
})

describe.skipIf(!existsSync(SHARED))('../shared/har-samples (optional extra): fixture → failing check ids', () => {
  classics(SHARED, [
    ['ok.har', [], USERS, 'accepted'],
    ['user-missing.har', ['help-center-user'], USERS, 'general_error'],
    ['user-missing-devtools.har', ['help-center-user'], USERS, 'general_error'],
    ['seconds.har', ['time-units', 'time-validity'], USERS, 'general_error'],
    ['domain-not-allowed.har', ['allowed-domain'], USERS, 'general_error'],
    ['login-before-ready.har', ['login-timing'], USERS, 'never-attempted'],
  ])
})

describe('har output never shows a token signature or other credential', () => {
  const files = readdirSync(CORPUS, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(`${CORPUS}/${d.name}/session.har`))
    .map((d) => `${CORPUS}/${d.name}/session.har`)
  it('covers the whole corpus', () => expect(files.length).toBeGreaterThanOrEqual(25))
  for (const file of files) {
    it(file, async () => {
      const raw = readFileSync(file, 'utf8')
      const signatures = [...new Set([...raw.matchAll(/eyJ[\w-]+\.eyJ[\w-]+\.([\w-]{20,})/g)].map((match) => match[1] ?? ''))]
      expect(signatures.length).toBeGreaterThan(0)
      for (const format of ['human', 'json', 'github', 'junit']) {
        const run = await runCliInProcess(['har', file, ...SIMULATION, '--format', format])
        const visible =
          format === 'github'
            ? run.stdout
                .split('\n')
                .filter((line) => !line.startsWith('::add-mask::'))
                .join('\n')
            : run.stdout
        for (const signature of signatures) expect(visible + run.stderr).not.toContain(signature)
        expect(visible).not.toContain('correct-horse-battery-staple')
      }
    })
  }
})
