// HAR I/O benchmark: throughput and peak memory of the streaming HAR layer on big generated files.
//
//   npx tsc -p tsconfig.build.json        # the bench runs against dist/
//   node bench/har-bench.js               # 200 MB and 1 GB files
//   node bench/har-bench.js --sizes 200   # quick run
//   node bench/har-bench.js --keep        # keep the generated files (in os.tmpdir())
//
// Each task runs in a fresh child process that reports its own peak RSS
// (process.resourceUsage().maxRSS), so tasks do not share heaps or page caches of objects.
// Targets: readHar >= 150 MB/s and <= 192 MiB at 1 GB; scanTokens >= 500 MB/s; redactHar <= 192 MiB.
//
// To add rows for other commands (e.g. the CLI), use measureCommand() from the place marked
// "EXTRA ROWS" below, or import it from another script:
//   measureCommand('cli har', ['bin/asap-doctor.js', 'har', file], { bytes })
//   measureCommand('cli har --redact', ['bin/asap-doctor.js', 'har', '--redact', out, file], { bytes })

import { spawnSync } from 'node:child_process'
import { once } from 'node:events'
import { createReadStream, createWriteStream, existsSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { generateHar } from './generate-har.js'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const DIST = join(ROOT, 'dist', 'har')
const CHUNK = 1 << 20
const MIB = 1024 * 1024

// Loaded with --import into measured node commands: writes the peak RSS (KiB) at exit.
const RSS_REPORTER =
  'data:text/javascript,' +
  encodeURIComponent(
    "import{writeFileSync}from'node:fs';const f=process.env.ASAP_BENCH_RSS_FILE;" +
      "if(f)process.on('exit',()=>{try{writeFileSync(f,String(process.resourceUsage().maxRSS))}catch{}})",
  )

/** One row of the result table. */
function row(label, bytes, ms, maxRssKiB, note = '') {
  return { label, bytes, ms, rssMiB: maxRssKiB === undefined ? undefined : maxRssKiB / 1024, note }
}

/**
 * Runs `argv` (a node script and its arguments, or any executable) in a child process and measures
 * wall time and, for node scripts, peak RSS. `bytes` is the input size used for MB/s.
 * @param {string} label
 * @param {string[]} argv
 * @param {{ bytes?: number, cwd?: string, env?: Record<string, string> }} [opts]
 */
export function measureCommand(label, argv, opts = {}) {
  const [first = '', ...rest] = argv
  const isNodeScript = /\.(c|m)?js$/.test(first)
  const rssFile = join(tmpdir(), `asap-doctor-bench-rss-${process.pid}-${Date.now()}.txt`)
  const cmd = isNodeScript ? process.execPath : first
  const args = isNodeScript ? ['--import', RSS_REPORTER, first, ...rest] : rest
  const start = performance.now()
  const res = spawnSync(cmd, args, {
    cwd: opts.cwd ?? ROOT,
    env: { ...process.env, ...opts.env, ASAP_BENCH_RSS_FILE: rssFile },
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 64 * MIB,
  })
  const ms = performance.now() - start
  let rss
  if (existsSync(rssFile)) {
    rss = Number(readFileSync(rssFile, 'utf8'))
    rmSync(rssFile, { force: true })
  }
  const note =
    res.status === 0
      ? ''
      : `exit ${res.status ?? res.signal}: ${
          String(res.stderr ?? '')
            .trim()
            .split('\n')[0] ?? ''
        }`
  return row(label, opts.bytes ?? 0, ms, rss, note)
}

/** Runs one built-in task in a child process (this script with --task). */
function measureTask(task, file, bytes) {
  const res = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--task', task, '--file', file], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 16 * MIB,
  })
  if (res.status !== 0) return row(task, bytes, 0, undefined, `failed: ${(res.stderr ?? '').trim().split('\n').slice(0, 3).join(' | ')}`)
  const out = JSON.parse(res.stdout.trim().split('\n').pop() ?? '{}')
  return row(task, bytes, out.ms, out.maxRSS, out.note)
}

async function runTask(task, file) {
  const input = () => createReadStream(file, { highWaterMark: CHUNK })
  const start = performance.now()
  let note = ''
  if (task === 'fs read') {
    let n = 0
    for await (const chunk of input()) n += chunk.length
    note = `${n} bytes`
  } else if (task === 'readHar') {
    const { readHar } = await import(pathToFileURL(join(DIST, 'read-har.js')).href)
    const { events, summary } = readHar(input())
    let entries = 0
    let logins = 0
    let oversized = 0
    for await (const ev of events) {
      if (ev.kind !== 'entry') continue
      entries++
      oversized += ev.oversized.length
      if (ev.entry.request.url.includes('/oauth/v2/remote/auth')) logins++
    }
    const s = await summary
    note = `${entries} entries, ${logins} logins, ${oversized} long strings${s.truncated ? ', TRUNCATED' : ''}`
  } else if (task === 'scanTokens') {
    const { scanTokens } = await import(pathToFileURL(join(DIST, 'scan-tokens.js')).href)
    let n = 0
    const distinct = new Set()
    for await (const hit of scanTokens(input())) {
      n++
      distinct.add(hit.token)
    }
    note = `${n} tokens, ${distinct.size} distinct`
  } else if (task === 'redactHar') {
    const { redactHar } = await import(pathToFileURL(join(DIST, 'redact.js')).href)
    const out = createWriteStream('/dev/null')
    const write = async (chunk) => {
      if (!out.write(chunk)) await once(out, 'drain')
    }
    const stats = await redactHar(input(), write, { redactEmails: true })
    out.end()
    await once(out, 'finish')
    note = `${stats.entries} entries, ${stats.jwtSignatures} JWT sigs, ${stats.emails} emails, ${stats.oversizedStrings} long strings`
  } else throw new Error(`unknown task ${task}`)
  const ms = performance.now() - start
  return { ms, maxRSS: process.resourceUsage().maxRSS, note }
}

function fmt(rows) {
  const head = ['task', 'size', 'time s', 'MB/s', 'peak RSS MiB', 'notes']
  const body = rows.map((r) => [
    r.label,
    `${(r.bytes / 1e6).toFixed(0)} MB`,
    (r.ms / 1000).toFixed(2),
    r.ms > 0 ? (r.bytes / 1e6 / (r.ms / 1000)).toFixed(0) : '-',
    r.rssMiB === undefined ? '-' : r.rssMiB.toFixed(0),
    r.note,
  ])
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => String(b[i]).length)))
  const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i] ?? 0)).join(' | ')} |`
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n')
}

async function main() {
  const args = process.argv.slice(2)
  const opt = (name) => {
    const i = args.indexOf(name)
    return i >= 0 ? args[i + 1] : undefined
  }
  const task = opt('--task')
  if (task !== undefined) {
    const result = await runTask(task, opt('--file') ?? '')
    process.stdout.write(`${JSON.stringify(result)}\n`)
    return
  }
  if (!existsSync(join(DIST, 'read-har.js'))) {
    process.stderr.write('dist/har is missing: build first with `npx tsc -p tsconfig.build.json`\n')
    process.exitCode = 1
    return
  }
  const sizes = (opt('--sizes') ?? '200,1000')
    .split(',')
    .map(Number)
    .filter((n) => n > 0)
  const keep = args.includes('--keep')
  const rows = []
  for (const sizeMb of sizes) {
    const file = join(tmpdir(), `asap-doctor-bench-${sizeMb}mb.har`)
    try {
      const gen = await generateHar(sizeMb * 1e6, file)
      const bytes = statSync(file).size
      process.stderr.write(`generated ${file}: ${gen.entries} entries, ${gen.logins} logins, ${gen.bigBodies} big bodies\n`)
      for (const t of ['fs read', 'readHar', 'scanTokens', 'redactHar']) {
        const r = measureTask(t, file, bytes)
        rows.push(r)
        process.stderr.write(`${fmt([r]).split('\n')[2]}\n`)
      }
      // The real CLI on the same file: what a support engineer runs.
      const cliRows = [
        measureCommand(
          'cli har',
          ['bin/asap-doctor.js', 'har', file, '--org-id', '712340056', '--data-center', 'us', '--allowed-domain', 'app.example.com', '--format', 'json'],
          { bytes },
        ),
        measureCommand('cli har --tokens-only', ['bin/asap-doctor.js', 'har', '--tokens-only', file, '--format', 'json'], { bytes }),
      ]
      const out = join(tmpdir(), `asap-doctor-bench-${sizeMb}mb.redacted.har`)
      cliRows.push(measureCommand('cli har --redact', ['bin/asap-doctor.js', 'har', '--redact', out, file], { bytes }))
      rmSync(out, { force: true })
      for (const r of cliRows) {
        rows.push(r)
        process.stderr.write(`${fmt([r]).split('\n')[2]}\n`)
      }
    } finally {
      if (!keep) rmSync(file, { force: true })
    }
  }
  process.stdout.write(`\n${fmt(rows)}\n`)
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main()
