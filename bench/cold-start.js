// Cold start of `asap-doctor verify` on one token against `node -e 0`, measured in the same run,
// interleaved so that machine noise hits both alike. Target: median ratio ≤ 1.6.
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const token = readFileSync(new URL('../fixtures/tokens/good.txt', import.meta.url), 'utf8').trim()
const verify = ['bin/asap-doctor.js', 'verify', token, '--secret-file', 'fixtures/examples/asap-secret.txt', '--now', '2026-11-21T06:00:00Z']

function time(args) {
  const start = process.hrtime.bigint()
  const result = spawnSync(process.execPath, args, { cwd: root, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] })
  const ms = Number(process.hrtime.bigint() - start) / 1e6
  if (result.status !== 0 && result.status !== 1) throw new Error(`exit ${result.status}: ${result.stderr}`)
  return ms
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

export function measureColdStart(runs = 15) {
  time(['-e', '0'])
  time(verify)
  const baseline = []
  const cli = []
  for (let i = 0; i < runs; i++) {
    baseline.push(time(['-e', '0']))
    cli.push(time(verify))
  }
  return { runs, baselineMs: median(baseline), verifyMs: median(cli), ratio: median(cli) / median(baseline) }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = measureColdStart(Number(process.argv[2] ?? 15))
  console.log(`cold start (median of ${result.runs}): node -e 0 ${result.baselineMs.toFixed(1)} ms, verify ${result.verifyMs.toFixed(1)} ms, ratio ${result.ratio.toFixed(2)}× (target ≤ 1.6×)`)
}
