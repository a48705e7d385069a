// Report benchmark: what `--format html` / `--format markdown` cost on a big HAR, next to the
// `--format json` run of the same file as the yardstick (same process shape, same input, same run).
//
//   npx tsc -p tsconfig.build.json        # the bench runs against dist/
//   node bench/report-bench.js            # a generated 1 GB HAR (default)
//   node bench/report-bench.js --size 200 # quicker
//   node bench/report-bench.js --keep     # keep the generated file (in os.tmpdir())
//
// The HTML is built from the report (the diagnosis), never from the HAR: its time on top of the
// json run is the renderer alone, and peak RSS must stay that of the streaming HAR reader. The last
// row renders the same report in-process, to show the renderer's own time.

import { existsSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { generateHar } from './generate-har.js'
import { measureCommand } from './har-bench.js'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const MIB = 1024 * 1024
const args = process.argv.slice(2)
const opt = (name) => {
  const index = args.indexOf(name)
  return index === -1 ? undefined : args[index + 1]
}

if (!existsSync(join(ROOT, 'dist', 'render', 'html.js'))) {
  process.stderr.write('dist/render/html.js is missing: build first with `npx tsc -p tsconfig.build.json`\n')
  process.exit(1)
}

const sizeMb = Number(opt('--size') ?? 1000)
const file = join(tmpdir(), `asap-doctor-report-bench-${sizeMb}mb.har`)
const outDir = tmpdir()
const flags = ['--org-id', '712340056', '--data-center', 'us', '--allowed-domain', 'app.example.com']
const rows = []
try {
  const generated = await generateHar(sizeMb * 1e6, file)
  const bytes = statSync(file).size
  process.stderr.write(`generated ${file}: ${(bytes / MIB).toFixed(0)} MiB, ${generated.entries} entries, ${generated.logins} logins\n`)
  const outputs = {}
  for (const format of ['json', 'html', 'markdown']) {
    const out = join(outDir, `asap-doctor-report-bench.${format}`)
    const row = measureCommand(`har --format ${format}`, ['bin/asap-doctor.js', 'har', file, ...flags, '--format', format, '--out', out], { bytes })
    outputs[format] = existsSync(out) ? readFileSync(out, 'utf8') : ''
    rmSync(out, { force: true })
    rows.push({ ...row, outBytes: Buffer.byteLength(outputs[format]) })
    process.stderr.write(`${format}: ${(row.ms / 1000).toFixed(1)} s, peak RSS ${row.rssMiB?.toFixed(0)} MiB ${row.note}\n`)
  }
  // The renderer alone, in this process, on the report the json run printed.
  const report = JSON.parse(outputs.json)
  const { renderHtml } = await import(pathToFileURL(join(ROOT, 'dist', 'render', 'html.js')).href)
  const { renderMarkdown } = await import(pathToFileURL(join(ROOT, 'dist', 'render', 'markdown.js')).href)
  for (const [label, render] of [
    ['renderHtml(report)', renderHtml],
    ['renderMarkdown(report)', renderMarkdown],
  ]) {
    render(report)
    const runs = 20
    const start = performance.now()
    let size = 0
    for (let index = 0; index < runs; index += 1) size = render(report).length
    rows.push({
      label: `${label} ×${runs}, per run`,
      bytes: 0,
      ms: (performance.now() - start) / runs,
      rssMiB: undefined,
      note: `${report.subjects.length} subjects`,
      outBytes: size,
    })
  }
} finally {
  if (!args.includes('--keep')) rmSync(file, { force: true })
}

const yardstick = rows[0]
const lines = ['| task | time | vs json | peak RSS | output | note |', '| --- | ---: | ---: | ---: | ---: | --- |']
for (const row of rows) {
  const ratio = yardstick !== undefined && row.bytes > 0 ? `${(row.ms / yardstick.ms).toFixed(2)}×` : ''
  const time = row.ms >= 1000 ? `${(row.ms / 1000).toFixed(2)} s` : `${row.ms.toFixed(1)} ms`
  lines.push(
    `| ${row.label} | ${time} | ${ratio} | ${row.rssMiB === undefined ? '' : `${row.rssMiB.toFixed(0)} MiB`} | ${(row.outBytes / 1024).toFixed(0)} KB | ${row.note} |`,
  )
}
process.stdout.write(`\nHAR of ${sizeMb} MB\n${lines.join('\n')}\n`)
