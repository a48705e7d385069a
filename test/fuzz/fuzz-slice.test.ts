import { describe, expect, it } from 'vitest'
import { runCli } from '../../src/cli/main.js'
import { runCampaign, summaryLine } from './engine.mjs'

/**
 * The quick, seeded slice of the hardening campaign (issue 12) that `npm test` runs: the same
 * generators and oracles as `npm run fuzz -- --runs 100000`, on the sources, a fixed seed so a
 * failure reproduces. Hangs are judged with four times the campaign's budget: this is a
 * correctness test on a shared machine, not a benchmark.
 */
describe('fuzz slice', () => {
  it('800 seeded hostile inputs: no crash, hang, stack trace, leak or unsafe redacted copy', { timeout: 240_000 }, async () => {
    const result = await runCampaign({ runCli, runs: 800, seed: 20261201, budgetScale: 4 })
    console.log(summaryLine(result))
    for (const example of result.examples) console.log(`  [${example.kind}] ${example.family}: ${example.detail}\n    argv: ${JSON.stringify(example.argv)}`)
    expect(result.examples).toEqual([])
    expect(result.counts.inputs).toBe(800)
  })
})
