// Cold start of `asap-doctor verify` on one token against `node -e 0`, measured in the same run,
// interleaved so that machine noise hits every variant alike. Variants:
// - the shipped bin (bin/asap-doctor.js: the tsc build, with its prefetch of verify's modules),
// - the tsc build without that prefetch (bench/tsc-entry.js),
// - an esbuild bundle of the CLI (code splitting, dependencies external), built here into
//   bench/.bundle/ and removed afterwards: the question of issue 8 was whether shipping it would
//   bring verify to ≤ 1.3× `node -e 0`. It did not (see the figures), so the package ships the tsc build.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const token = readFileSync(new URL('../fixtures/tokens/good.txt', import.meta.url), 'utf8').trim()
const verifyArgs = ['verify', token, '--secret-file', 'fixtures/examples/asap-secret.txt', '--now', '2026-11-21T06:00:00Z']

// CPU time (user + sys) of the child as well as wall-clock: on a loaded machine the wall-clock
// includes waiting for a core, CPU time much less so. GNU time reports it when installed.
const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined
const cpuSamples = new Map()

function time(args, key) {
  const start = process.hrtime.bigint()
  const [command, commandArgs] = gnuTime === undefined ? [process.execPath, args] : [gnuTime, ['-f', '@cpu %U %S', process.execPath, ...args]]
  const result = spawnSync(command, commandArgs, { cwd: root, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] })
  const ms = Number(process.hrtime.bigint() - start) / 1e6
  if (result.status !== 0 && result.status !== 1) throw new Error(`${args[0]}: exit ${result.status}: ${result.stderr}`)
  const cpu = /@cpu ([\d.]+) ([\d.]+)\s*$/.exec(result.stderr.toString())
  if (key !== undefined && cpu !== null) cpuSamples.set(key, [...(cpuSamples.get(key) ?? []), (Number(cpu[1]) + Number(cpu[2])) * 1000])
  return ms
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/** Bundles the CLI as a release could ship it. Two levels below the package root, like dist/cli/, so package.json and docs/ resolve. */
async function buildBundle() {
  const { build } = await import('esbuild')
  const outdir = fileURLToPath(new URL('./.bundle/', import.meta.url))
  rmSync(outdir, { recursive: true, force: true })
  await build({
    absWorkingDir: root,
    stdin: {
      contents:
        "import { runCli } from './src/cli/main.ts'\nimport { processIO } from './src/cli/process-io.ts'\nprocess.exitCode = await runCli(process.argv.slice(2), processIO())\n",
      resolveDir: root,
      sourcefile: 'cli-entry.ts',
      loader: 'ts',
    },
    bundle: true,
    // Without splitting, every static import of a dependency anywhere (undici, acorn) is hoisted to
    // the top of the one file and loaded at start; with it, each command's chunk loads its own.
    splitting: true,
    outdir,
    entryNames: 'cli',
    chunkNames: '[name]-[hash]',
    platform: 'node',
    format: 'esm',
    target: 'node20.19',
    packages: 'external',
    logLevel: 'warning',
  })
  return { file: 'bench/.bundle/cli.js', remove: () => rmSync(outdir, { recursive: true, force: true }) }
}

/** `{ runs, baselineMs, verifyMs, ratio }` for the shipped bin, and `variants` with each start-up path. */
export async function measureColdStart(runs = 15) {
  const bundle = await buildBundle()
  try {
    return measure(runs, [
      { name: 'bin/asap-doctor.js (shipped)', args: ['bin/asap-doctor.js', ...verifyArgs] },
      { name: 'tsc build, no prefetch', args: ['bench/tsc-entry.js', ...verifyArgs] },
      { name: 'esbuild bundle', args: [bundle.file, ...verifyArgs] },
    ])
  } finally {
    bundle.remove()
  }
}

function measure(runs, variants) {
  const baseline = []
  const samples = variants.map(() => [])
  cpuSamples.clear()
  // One warm-up each: the first run pays for the disk cache.
  time(['-e', '0'])
  for (const variant of variants) time(variant.args)
  for (let i = 0; i < runs; i++) {
    baseline.push(time(['-e', '0'], 'baseline'))
    for (const [index, variant] of variants.entries()) samples[index].push(time(variant.args, variant.name))
  }
  const baselineMs = median(baseline)
  const baselineCpu = cpuSamples.has('baseline') ? median(cpuSamples.get('baseline')) : undefined
  const measured = variants.map((variant, index) => {
    const cpu = cpuSamples.get(variant.name)
    return {
      name: variant.name,
      ms: median(samples[index]),
      ratio: median(samples[index]) / baselineMs,
      ...(cpu === undefined || baselineCpu === undefined ? {} : { cpuMs: median(cpu), cpuRatio: median(cpu) / baselineCpu }),
    }
  })
  const shipped = measured[0]
  return { runs, baselineMs, baselineCpuMs: baselineCpu, verifyMs: shipped.ms, ratio: shipped.ratio, variants: measured }
}

export function describeColdStart(result) {
  const cpu = (ms) => (ms === undefined ? '' : `, CPU ${ms.toFixed(0)} ms`)
  const lines = [`cold start of verify (median of ${result.runs}, interleaved): node -e 0 ${result.baselineMs.toFixed(1)} ms${cpu(result.baselineCpuMs)}`]
  for (const variant of result.variants) {
    const cpuPart = variant.cpuMs === undefined ? '' : `   CPU ${variant.cpuMs.toFixed(0).padStart(4)} ms  ${variant.cpuRatio.toFixed(2)}×`
    lines.push(`  ${variant.name.padEnd(30)} ${variant.ms.toFixed(1).padStart(7)} ms  ${variant.ratio.toFixed(2)}×${cpuPart}`)
  }
  lines.push(`  shipped (bin): ${result.ratio.toFixed(2)}× wall-clock (target ≤ 1.3×)`)
  return `${lines.join('\n')}\n`
}

if (import.meta.url === `file://${process.argv[1]}`) process.stdout.write(describeColdStart(await measureColdStart(Number(process.argv[2] ?? 15))))
