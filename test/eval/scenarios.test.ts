import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { runCliInProcess } from '../helpers/run-cli.js'
import { describeJudgement, judge, loadCorpus } from './compare.js'

/**
 * The diagnosis corpus (fixtures/scenarios): every recorded scenario and token case must be
 * diagnosed as its expected.json says, with no false alarm. Same rules as `npm run eval`.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const cases = loadCorpus(ROOT)

describe('diagnosis corpus', () => {
  it('has the scenarios the issue asks for', () => {
    const required = [
      'ok',
      'seconds',
      'bearer-prefix',
      'data-object',
      'json-stringified',
      'wrong-field',
      'login-outside-ready',
      'cached-localstorage',
      'replay',
      'two-fresh-tokens',
      'domain-not-allowed',
      'user-missing',
      'user-missing-no-list',
      'user-missing-devtools',
      'user-case-mismatch',
      'wrong-secret',
      'base64-decoded-secret',
      'window-one-hour',
      'exp-in-seconds',
      'iat-exp-only',
      'standard-base64',
      'email-verified-string',
      'widget-404',
      'csp-blocks-widget',
      'tokens/php-base64',
      'tokens/jsonwebtoken-expiresin',
      'tokens/iat-exp-only',
      'tokens/smart-quoted-paste',
      'tokens/secret-file-bom',
    ]
    const ids = cases.map((c) => c.id)
    expect(required.filter((id) => !ids.includes(id))).toEqual([])
  })

  for (const c of cases) {
    it(c.id, async () => {
      // The real clock: the HAR checks evaluate at each request's startedDateTime, not today.
      const run = await runCliInProcess(c.argv, { cwd: ROOT, now: () => Date.now() })
      const judgement = judge(c, run.exitCode, run.stdout)
      expect(judgement.ok, describeJudgement(c, judgement)).toBe(true)
    })
  }
})
