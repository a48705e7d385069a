import { describe, expect, it } from 'vitest'
import { runCliInProcess } from '../helpers/run-cli.js'
import { expired, good, inSeconds, upperCaseEmail, wrongSecret } from './helpers.js'

// Golden batch outputs (NO_COLOR, fixed --now, deterministic tokens on stdin): what a support engineer
// reads. Update deliberately with `npx vitest run test/batch -u` and review the diff.
const STDIN = [
  good(1),
  expired(2, 150_000),
  `Bearer ${good(3)}`,
  inSeconds(4),
  'no token here',
  '',
  upperCaseEmail(5),
  wrongSecret(6),
  expired(7, 240_000),
  good(8),
].join('\n')

const cases = [
  { name: 'batch-human', argv: ['verify', '--batch', '-', '--secret-file=fixtures/examples/asap-secret.txt', '--now=2026-11-21T06:00:00Z'] },
  { name: 'batch-json-no-secret', argv: ['verify', '--batch', '-', '--now=2026-11-21T06:00:00Z', '--format', 'json'] },
  {
    name: 'batch-jsonl',
    argv: ['verify', '--batch', '-', '--secret-file=fixtures/examples/asap-secret.txt', '--now=2026-11-21T06:00:00Z', '--format', 'jsonl'],
  },
]

describe('golden verify --batch output', () => {
  for (const testCase of cases) {
    it(testCase.name, async () => {
      const run = await runCliInProcess(testCase.argv, { stdin: STDIN })
      const text = [
        `$ asap-doctor ${testCase.argv.join(' ')} < (10 lines)`,
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
