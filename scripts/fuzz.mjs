#!/usr/bin/env node
// `npm run fuzz [-- --runs N] [--seed S] [--family verify,har,…] [--json]`: the hardening campaign of
// issue 12 on the built CLI (dist/). Prints the counts (inputs, crashes, hangs, stack traces, leaks,
// credentials left in redacted copies), a few failing examples with their seed, and the scaling
// probes (time at 1× and 8× the input size). Exit 1 if anything failed. `npm test` runs a seeded
// slice of the same engine (test/fuzz/fuzz-slice.test.ts).
import { existsSync } from 'node:fs'
import { parseArgs } from 'node:util'

const { values } = parseArgs({
  options: {
    replay: { type: 'string' },
    runs: { type: 'string', default: '5000' },
    seed: { type: 'string', default: '1' },
    family: { type: 'string' },
    json: { type: 'boolean', default: false },
    'no-probes': { type: 'boolean', default: false },
  },
})
const dist = new URL('../dist/cli/main.js', import.meta.url)
if (!existsSync(dist)) {
  process.stderr.write('fuzz: dist/ is missing: run `npm run build` first (npm run fuzz does)\n')
  process.exit(2)
}
const { runCli } = await import(dist.href)
const { replayCase, runCampaign, scalingProbes, summaryLine } = await import('../test/fuzz/engine.mjs')

if (values.replay !== undefined) {
  // `--replay <seed>` re-runs one failing input (the seed= of a failure line) and shows its output.
  const result = await replayCase({ runCli, caseSeed: Number(values.replay), families: values.family?.split(',') })
  const marked = (text) => result.forbidden.reduce((t, f) => (f.length >= 8 ? t.split(f).join(`⟦LEAK:${f.slice(0, 6)}…⟧`) : t), text)
  process.stdout.write(
    `argv: ${JSON.stringify(result.argv)}\nexit ${result.exitCode}\n--- stdout\n${marked(result.stdout)}\n--- stderr\n${marked(result.stderr)}\n`,
  )
  process.exit(0)
}

// A hostile input must never take the process down: count it instead of dying mid-campaign.
let uncaught = 0
process.on('uncaughtException', (error) => {
  uncaught++
  process.stderr.write(`fuzz: uncaught exception: ${error instanceof Error ? error.stack : String(error)}\n`)
})
process.on('unhandledRejection', (error) => {
  uncaught++
  process.stderr.write(`fuzz: unhandled rejection: ${error instanceof Error ? error.stack : String(error)}\n`)
})

const runs = Number(values.runs)
const seed = Number(values.seed)
const families = values.family === undefined ? undefined : values.family.split(',')
const result = await runCampaign({
  runCli,
  runs,
  seed,
  families,
  maxExamples: 60,
  onProgress: (done, counts) => {
    if (done % 1000 === 0) process.stderr.write(`fuzz: ${done}/${runs} after ${Math.round(process.uptime())} s … ${JSON.stringify(counts)}\n`)
  },
  onFailure: (e) => process.stderr.write(`fuzz: [${e.kind}] ${e.family} seed=${e.seed}: ${e.detail}\n      argv: ${JSON.stringify(e.argv)}\n`),
})
const probes = values['no-probes'] ? {} : await scalingProbes(runCli)
result.counts.crashes += uncaught
if (values.json) process.stdout.write(`${JSON.stringify({ ...result, probes, uncaught }, null, 2)}\n`)
else {
  const lines = [summaryLine(result), `seed ${seed}; slowest input ${Math.round(result.slowest.ms)} ms (${result.slowest.family}, seed ${result.slowest.seed})`]
  for (const [family, f] of Object.entries(result.byFamily))
    lines.push(
      `  ${family.padEnd(16)} ${String(f.inputs).padStart(7)} inputs  ${String(f.failures).padStart(5)} failing  ${(f.ms / Math.max(f.inputs, 1)).toFixed(1)} ms/input`,
    )
  if (Object.keys(probes).length > 0) lines.push('scaling (1× → 8× input size; linear ≈ 8, quadratic ≈ 64):')
  for (const [name, p] of Object.entries(probes)) lines.push(`  ${name.padEnd(36)} ${p.smallMs} ms → ${p.largeMs} ms  ×${p.ratio}`)
  if (result.examples.length > 0) lines.push('failures (first of each input; re-run one with --seed <seed> is not per input: use the argv shown):')
  for (const e of result.examples) lines.push(`  [${e.kind}] ${e.family} seed=${e.seed}: ${e.detail}\n      argv: ${JSON.stringify(e.argv)}`)
  process.stdout.write(`${lines.join('\n')}\n`)
}
const c = result.counts
process.exitCode = c.crashes + c.hangs + c.stackTraces + c.leaks + c.credentialsLeft + c.invalidCopies > 0 ? 1 : 0
