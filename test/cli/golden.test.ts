import { describe, expect, it } from 'vitest'
import { runCliInProcess } from '../helpers/run-cli.js'

// Golden CLI outputs (NO_COLOR, fixed --now): the command, stdout, stderr and exit code in one file,
// like attw's snapshot tests. Update deliberately with `npx vitest run test/cli -u` and review the diff.
const NOW = '--now=2026-11-21T06:00:00Z'
const SECRET = '--secret-file=fixtures/examples/asap-secret.txt'
const SIMULATION = ['--org-id', '712340056', '--data-center', 'us', '--allowed-domain', 'app.example.com', '--allowed-domain', 'support.example.com']
const USERS = '--users=fixtures/scenarios/end-users.txt'
// Headless-Chromium recordings of the simulation, committed in the repository (fixtures/scenarios/README.md).
const scenario = (id: string) => `fixtures/scenarios/${id}/session.har`

const cases: ReadonlyArray<{ name: string; argv: string[]; stdin?: string; env?: Record<string, string>; cwd?: string }> = [
  { name: 'verify-quick-start-example', argv: ['verify', '--token-file', 'fixtures/examples/token-in-seconds.txt', SECRET, NOW] },
  { name: 'verify-good-json', argv: ['verify', '--token-file', 'fixtures/tokens/good.txt', SECRET, NOW, '--format', 'json'] },
  { name: 'verify-good-expect-email', argv: ['verify', '--token-file', 'fixtures/tokens/good.txt', SECRET, NOW, '--expect-email', 'jane.doe@example.com'] },
  { name: 'verify-no-secret', argv: ['verify', '--token-file', 'fixtures/tokens/good.txt', NOW] },
  { name: 'verify-expired-cached', argv: ['verify', '--token-file', 'fixtures/tokens/expired-cached.txt', SECRET, NOW] },
  { name: 'verify-exp-in-seconds', argv: ['verify', '--token-file', 'fixtures/tokens/exp-in-seconds.txt', SECRET, NOW] },
  { name: 'verify-window-one-hour', argv: ['verify', '--token-file', 'fixtures/tokens/window-one-hour.txt', SECRET, NOW] },
  {
    name: 'verify-old-secret',
    argv: ['verify', '--token-file', 'fixtures/tokens/wrong-secret.txt', SECRET, '--alt-secret-file', 'fixtures/tokens/old-secret.txt', NOW],
  },
  { name: 'verify-base64-decoded-secret', argv: ['verify', '--token-file', 'fixtures/tokens/base64-decoded-secret.txt', SECRET, NOW] },
  { name: 'verify-rs256', argv: ['verify', '--token-file', 'fixtures/tokens/rs256-header.txt', SECRET, NOW] },
  { name: 'verify-string-claims', argv: ['verify', '--token-file', 'fixtures/tokens/string-claims.txt', SECRET, NOW] },
  {
    name: 'verify-mixed-case-email-strict',
    argv: ['verify', '--token-file', 'fixtures/tokens/mixed-case-email.txt', SECRET, NOW, '--strict', '--expect-email', 'jane.doe@example.com'],
  },
  { name: 'verify-pasted-json-stdin', argv: ['verify', '-', NOW, '--only', 'token-format,time-validity'], stdin: '' },
  { name: 'verify-exact-wrapped', argv: ['verify', '--token-file', 'fixtures/tokens/pasted-from-devtools.txt', '--exact', NOW, '--only=token-format'] },
  {
    name: 'verify-secret-on-command-line',
    argv: ['verify', '--token-file', 'fixtures/tokens/good.txt', '--secret', 'k3Xq9ZtR2vLm8WbN5cYp1HsD7fGj4Ua6', NOW, '--only=signature'],
  },
  { name: 'decode-good', argv: ['decode', '--token-file', 'fixtures/tokens/good.txt', NOW] },
  { name: 'decode-exp-in-seconds-json', argv: ['decode', '--token-file', 'fixtures/tokens/exp-in-seconds.txt', NOW, '--format', 'json'] },
  { name: 'checks', argv: ['checks'] },
  { name: 'har-user-missing', argv: ['har', scenario('user-missing'), ...SIMULATION, SECRET, USERS] },
  { name: 'har-user-missing-no-list', argv: ['har', scenario('user-missing'), ...SIMULATION, SECRET] },
  {
    name: 'har-domain-not-allowed-only-integration',
    argv: ['har', scenario('domain-not-allowed'), ...SIMULATION, '--only', 'org-id,data-center,allowed-domain'],
  },
  { name: 'har-login-outside-ready', argv: ['har', scenario('login-outside-ready'), ...SIMULATION] },
  {
    name: 'har-seconds-github',
    argv: ['har', scenario('seconds'), ...SIMULATION, SECRET, '--format', 'github', '--only', 'time-units,time-validity,signature'],
  },
  {
    name: 'har-user-missing-junit',
    argv: ['har', scenario('user-missing'), ...SIMULATION, USERS, '--format', 'junit', '--only', 'help-center-user,allowed-domain'],
  },
  { name: 'har-bearer-prefix', argv: ['har', scenario('bearer-prefix'), ...SIMULATION, SECRET, USERS] },
  { name: 'har-data-object', argv: ['har', scenario('data-object'), ...SIMULATION, SECRET, USERS] },
  { name: 'har-cached-localstorage', argv: ['har', scenario('cached-localstorage'), ...SIMULATION, SECRET, USERS] },
  { name: 'har-replay', argv: ['har', scenario('replay'), ...SIMULATION, SECRET, USERS] },
  { name: 'har-user-case-mismatch', argv: ['har', scenario('user-case-mismatch'), ...SIMULATION, SECRET, USERS] },
  { name: 'har-csp-blocks-widget', argv: ['har', scenario('csp-blocks-widget'), ...SIMULATION] },
  { name: 'error-har-not-a-file', argv: ['har', 'fixtures'] },
  { name: 'verify-plain-base64', argv: ['verify', '--token-file', 'fixtures/scenarios/tokens/php-base64/token.txt', SECRET, NOW] },
  { name: 'error-check-nothing-to-check', argv: ['check'], cwd: 'fixtures' },
  {
    name: 'check-config-flags-only',
    argv: ['check', '--org-id', '712340056', '--data-center', 'eu', '--allowed-domain', 'app.example.com', '--page-url', 'https://app.example.com/'],
  },
  { name: 'error-no-token', argv: ['verify', 'hello world', NOW] },
  { name: 'error-missing-file', argv: ['verify', '--token-file', 'fixtures/tokens/does-not-exist.txt'] },
  { name: 'error-bad-now', argv: ['verify', '--token-file', 'fixtures/tokens/good.txt', '--now', 'yesterday'] },
  { name: 'error-unknown-check', argv: ['verify', '--token-file', 'fixtures/tokens/good.txt', '--only', 'no-such-check'] },
  { name: 'error-unknown-option', argv: ['verify', '--frobnicate'] },
  { name: 'error-bad-format', argv: ['verify', '--token-file', 'fixtures/tokens/good.txt', '--format', 'xml'] },
]

describe('golden CLI output', () => {
  for (const testCase of cases) {
    it(testCase.name, async () => {
      const stdin =
        testCase.name === 'verify-pasted-json-stdin'
          ? (await import('node:fs')).readFileSync('fixtures/tokens/pasted-from-devtools.txt', 'utf8')
          : testCase.stdin
      const run = await runCliInProcess(testCase.argv, {
        ...(stdin === undefined ? {} : { stdin }),
        env: { NO_COLOR: '1', ...testCase.env },
        ...(testCase.cwd === undefined ? {} : { cwd: testCase.cwd }),
      })
      const text = [
        `$ asap-doctor ${testCase.argv.join(' ')}`,
        '--- stdout',
        run.stdout.replace(/"version": "[^"]+"/g, '"version": "<version>"').trimEnd(),
        '--- stderr',
        run.stderr.trimEnd(),
        `--- exit code: ${run.exitCode}`,
        '',
      ].join('\n')
      await expect(text).toMatchFileSnapshot(`./golden/${testCase.name}.txt`)
    })
  }
})
