// `npm run bench`: every benchmark of the project, figures printed as tables.
//   node bench/run.js              cold start, then HAR at 200 MB and 1 GB
//   node bench/run.js --sizes 200  HAR at 200 MB only (quicker)
//   then verify --batch (bench/batch-bench.js: --tokens N, --batch-mb MB)
//   then scan of a generated 10,000-file / 200 MB tree against grep (bench/scan-bench.js: --files N, --mb MB)
//   then the scan's SIMD needle filter against its regex on node_modules (bench/needle-filter-bench.js)
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describeColdStart, measureColdStart } from './cold-start.js'

// verify against `node -e 0`: the shipped bin, the tsc build without its prefetch, an esbuild bundle.
process.stdout.write(describeColdStart(await measureColdStart(31)))
const har = spawnSync(process.execPath, [fileURLToPath(new URL('./har-bench.js', import.meta.url)), ...process.argv.slice(2)], { stdio: 'inherit' })
// verify --batch: tokens/s against the node:crypto HMAC ceiling (--tokens N, --batch-mb MB for the CLI file).
const batch = spawnSync(process.execPath, [fileURLToPath(new URL('./batch-bench.js', import.meta.url)), ...process.argv.slice(2)], { stdio: 'inherit' })
// scan: a generated tree against `grep -r` over the same tree (--files N, --mb MB, --runs K).
const scan = spawnSync(process.execPath, [fileURLToPath(new URL('./scan-bench.js', import.meta.url)), ...process.argv.slice(2)], { stdio: 'inherit' })
// the needle filter: MB/s of the SIMD filter and of the regex it replaces, on the same bytes.
const needles = spawnSync(process.execPath, [fileURLToPath(new URL('./needle-filter-bench.js', import.meta.url))], { stdio: 'inherit' })
process.exitCode = (har.status ?? 1) || (batch.status ?? 1) || (scan.status ?? 1) || (needles.status ?? 1)
