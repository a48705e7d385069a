#!/usr/bin/env node
// npm run eval: scores the built CLI (bin/asap-doctor.js → dist/) on the diagnosis corpus in
// fixtures/scenarios/ and prints one line per case, then "N/M scenarios, K false alarms".
// A false alarm is a failing check id outside expected fail ∪ mayFail, or a root cause where none
// is due. Exits 1 unless every case passes. The rules live in test/eval/compare.ts (shared with
// test/eval/scenarios.test.ts); esbuild, a dev dependency, bundles them for Node.
import { execFile } from 'node:child_process'
import { existsSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { build } from 'esbuild'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const BIN = join(ROOT, 'bin/asap-doctor.js')
if (!existsSync(join(ROOT, 'dist/cli/main.js'))) {
  console.error('eval: dist/ is missing; run npm run build first (npm run eval does).')
  process.exit(2)
}

const bundle = join(ROOT, `test/eval/.compare-${process.pid}.mjs`)
let compare
try {
  await build({
    entryPoints: [join(ROOT, 'test/eval/compare.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: bundle,
    logLevel: 'error',
  })
  compare = await import(pathToFileURL(bundle).href)
} finally {
  rmSync(bundle, { force: true })
}

const run = (argv) =>
  new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...argv], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 64 * 1024 * 1024 }, (err, stdout) => {
      resolve({ exitCode: err ? (typeof err.code === 'number' ? err.code : 2) : 0, stdout })
    })
  })

const only = new Set(process.argv.slice(2))
const cases = compare.loadCorpus(ROOT).filter((c) => only.size === 0 || only.has(c.id))
let passed = 0
let falseAlarms = 0
for (const c of cases) {
  const { exitCode, stdout } = await run(c.argv)
  const j = compare.judge(c, exitCode, stdout)
  if (j.ok) passed++
  falseAlarms += j.falseAlarms.length
  console.log(compare.describeJudgement(c, j))
}
console.log(`${passed}/${cases.length} scenarios, ${falseAlarms} false alarms`)
process.exit(passed === cases.length && falseAlarms === 0 ? 0 : 1)
