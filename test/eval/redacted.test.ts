import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { runCliInProcess } from '../helpers/run-cli.js'
import { describeJudgement, judge, loadCorpus } from './compare.js'

/**
 * A redacted copy (`har --redact`) must show the same attempts and the same failures as the
 * original: the redactor may mask signatures, never drop a token's header and payload or turn a
 * wrapped token into a placeholder. Signature verdicts are the exception: a masked signature
 * cannot be verified, so the cases whose diagnosis is the signature are left out.
 */
const ROOT = fileURLToPath(new URL('../../', import.meta.url))
const dir = mkdtempSync(join(tmpdir(), 'asap-doctor-eval-redacted-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const cases = loadCorpus(ROOT).filter((c) => c.argv[0] === 'har' && !c.expected.fail.includes('signature'))

describe('diagnosis corpus, redacted copies', () => {
  for (const c of cases) {
    it(c.id, async () => {
      const copy = join(dir, `${c.id}.har`)
      const written = await runCliInProcess(['har', c.argv[1] ?? '', '--redact', copy], { cwd: ROOT })
      expect(written.exitCode, written.stderr).toBe(0)
      const argv = ['har', copy, ...c.argv.slice(2)]
      const run = await runCliInProcess(argv, { cwd: ROOT, now: () => Date.now() })
      const judgement = judge({ ...c, argv }, run.exitCode, run.stdout)
      expect(judgement.ok, describeJudgement(c, judgement)).toBe(true)
    })
  }
})
