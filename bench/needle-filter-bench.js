// Needle filter benchmark: the SIMD needle filter (src/scan/needle-filter.ts) against the regex it
// stands for (the same needles, case-insensitive, on a latin1 view), on the same bytes in memory,
// in the same run; a plain copy of the bytes is the yardstick. Real code by default: this
// repository's node_modules (JavaScript, TypeScript declarations, JSON, Markdown).
//
//   npm run build && node bench/needle-filter-bench.js [folder] [--mb 150]
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createNeedleFilter } from '../dist/scan/needle-filter.js'
import { needleRegex, READ_NEEDLES } from '../dist/scan/prefilter.js'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
const at = args.indexOf('--mb')
const LIMIT = (at === -1 ? 150 : Number(args[at + 1])) * 1e6
const folder = resolve(args.find((arg, k) => !arg.startsWith('--') && args[k - 1] !== '--mb') ?? join(ROOT, 'node_modules'))

const files = []
let total = 0
;(function walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (total >= LIMIT) return
    const path = join(dir, entry.name)
    if (entry.isDirectory()) walk(path)
    else if (entry.isFile() && statSync(path).size <= 20e6) {
      const bytes = readFileSync(path)
      files.push(bytes)
      total += bytes.length
    }
  }
})(folder)

const filter = createNeedleFilter(READ_NEEDLES)
if (filter === undefined) throw new Error('no WebAssembly SIMD here')
const regex = needleRegex(READ_NEEDLES)
const tasks = {
  'copy (yardstick)': (bytes) => {
    filter.space(bytes.length).set(bytes)
    return false
  },
  'SIMD needle filter (copy included)': (bytes) => {
    filter.space(bytes.length).set(bytes)
    return filter.matches(bytes.length)
  },
  'regex on a latin1 view': (bytes) => regex.test(bytes.toString('latin1')),
}
console.log(`needle filter: ${files.length} files, ${(total / 1e6).toFixed(0)} MB from ${folder}; best of 5`)
console.log('task'.padEnd(38), 'ms'.padStart(7), 'MB/s'.padStart(7), 'matched'.padStart(8))
for (const [name, run] of Object.entries(tasks)) {
  let best = Number.POSITIVE_INFINITY
  let matched = 0
  for (let round = 0; round < 5; round += 1) {
    const started = performance.now()
    matched = 0
    for (const bytes of files) if (run(bytes)) matched += 1
    best = Math.min(best, performance.now() - started)
  }
  console.log(name.padEnd(38), best.toFixed(0).padStart(7), (total / 1e3 / best).toFixed(0).padStart(7), String(matched).padStart(8))
}
