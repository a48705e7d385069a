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
    expect(cases.length).toBeGreaterThanOrEqual(25)
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
