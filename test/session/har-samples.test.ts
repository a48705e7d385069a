import { describe, expect, it } from 'vitest'
import { runCliInProcess } from '../helpers/run-cli.js'

// The browser recordings in shared/har-samples (see its README): each must fail exactly the check
// ids its README names, with the simulation's facts as configuration.
const SAMPLES = '../shared/har-samples'
const SIMULATION = ['--org-id', '712340056', '--data-center', 'us', '--app-id', '4213000000108007', '--allowed-domain', 'app.example.com', '--allowed-domain', 'support.example.com']
const SECRET = ['--secret', 'k3Xq9ZtR2vLm8WbN5cYp1HsD7fGj4Ua6']
const USERS = ['--users', 'test/fixtures/users/simulation-end-users.txt']

interface Report {
  subjects: Array<{ checks: Array<{ id: string; status: string; messageId: string }>; diagnosis?: { outcome: string; suspects: Array<{ id: string }> }; verdict: string; source: { entryIndex?: number } }>
  summary: { exitCode: number }
}

async function har(file: string, extra: readonly string[] = []): Promise<{ report: Report; exitCode: number }> {
  const run = await runCliInProcess(['har', `${SAMPLES}/${file}`, ...SIMULATION, ...SECRET, ...extra, '--format', 'json'])
  expect(run.stderr.replace(/^asap-doctor: warning: --secret.*\n/m, '')).toBe('')
  return { report: JSON.parse(run.stdout) as Report, exitCode: run.exitCode }
}

const failing = (report: Report) => [...new Set(report.subjects.flatMap((subject) => subject.checks.filter((check) => check.status === 'fail').map((check) => check.id)))].sort()

describe('shared/har-samples: fixture → failing check ids', () => {
  const cases: ReadonlyArray<readonly [string, readonly string[], readonly string[], string]> = [
    ['ok.har', [], USERS, 'accepted'],
    ['user-missing.har', ['help-center-user'], USERS, 'general_error'],
    ['user-missing-devtools.har', ['help-center-user'], USERS, 'general_error'],
    ['seconds.har', ['time-units', 'time-validity'], USERS, 'general_error'],
    ['domain-not-allowed.har', ['allowed-domain'], USERS, 'general_error'],
    ['login-before-ready.har', ['login-timing'], USERS, 'never-attempted'],
  ]
  for (const [file, expected, extra, outcome] of cases) {
    it(`${file} fails ${expected.join(', ') || 'nothing'}`, async () => {
      const { report, exitCode } = await har(file, extra)
      expect(failing(report)).toEqual([...expected].sort())
      expect(report.subjects).toHaveLength(1)
      expect(report.subjects[0]?.diagnosis?.outcome).toBe(outcome)
      expect(exitCode).toBe(expected.length === 0 ? 0 : 1)
    })
  }

  it('without a user list, user-missing is a ranked suspect, not a failure', async () => {
    const { report } = await har('user-missing.har')
    expect(failing(report)).toEqual([])
    const subject = report.subjects[0]
    expect(subject?.checks.find((check) => check.id === 'help-center-user')?.status).toBe('skip')
    expect(subject?.diagnosis?.suspects[0]?.id).toBe('help-center-user')
    expect(subject?.verdict).toMatch(/general_error.*most likely cause.*Help Center end user/)
  })

  it('evaluates time checks at the request time, not today', async () => {
    const { report } = await har('ok.har', [...USERS, '--only', 'time-validity'])
    expect(report.subjects[0]?.checks[0]?.status).toBe('pass')
  })

  it('login-before-ready: org, data centre and domain of the widget pass', async () => {
    const { report } = await har('login-before-ready.har')
    const status = (id: string) => report.subjects[0]?.checks.find((check) => check.id === id)?.status
    expect([status('org-id'), status('data-center'), status('allowed-domain')]).toEqual(['pass', 'pass', 'pass'])
    expect(report.subjects[0]?.checks.find((check) => check.id === 'login-timing')?.messageId).toBe('before-widget-ready')
  })
})

describe('har output never shows a token signature or other credential', () => {
  const files = ['ok.har', 'user-missing.har', 'user-missing-devtools.har', 'seconds.har', 'domain-not-allowed.har', 'login-before-ready.har']
  for (const file of files) {
    it(file, async () => {
      const raw = (await import('node:fs')).readFileSync(`${SAMPLES}/${file}`, 'utf8')
      const signatures = [...new Set([...raw.matchAll(/eyJ[\w-]+\.eyJ[\w-]+\.([\w-]{20,})/g)].map((match) => match[1] ?? ''))]
      expect(signatures.length).toBeGreaterThan(0)
      for (const format of ['human', 'json', 'github', 'junit']) {
        const run = await runCliInProcess(['har', `${SAMPLES}/${file}`, ...SIMULATION, '--format', format])
        const visible = format === 'github' ? run.stdout.split('\n').filter((line) => !line.startsWith('::add-mask::')).join('\n') : run.stdout
        for (const signature of signatures) expect(visible + run.stderr).not.toContain(signature)
        expect(visible).not.toContain('correct-horse-battery-staple')
      }
    })
  }
})
