// `npm run bench`: every benchmark of the project, figures printed as tables.
//   node bench/run.js              cold start, then HAR at 200 MB and 1 GB
//   node bench/run.js --sizes 200  HAR at 200 MB only (quicker)
//   then verify --batch (bench/batch-bench.js: --tokens N, --batch-mb MB)
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { measureColdStart } from './cold-start.js'

const cold = measureColdStart(31)
process.stdout.write(
  `cold start (median of ${cold.runs}): node -e 0 ${cold.baselineMs.toFixed(1)} ms, verify ${cold.verifyMs.toFixed(1)} ms, ratio ${cold.ratio.toFixed(2)}× (target ≤ 1.6×)\n`,
)
const har = spawnSync(process.execPath, [fileURLToPath(new URL('./har-bench.js', import.meta.url)), ...process.argv.slice(2)], { stdio: 'inherit' })
// verify --batch: tokens/s against the node:crypto HMAC ceiling (--tokens N, --batch-mb MB for the CLI file).
const batch = spawnSync(process.execPath, [fileURLToPath(new URL('./batch-bench.js', import.meta.url)), ...process.argv.slice(2)], { stdio: 'inherit' })
process.exitCode = (har.status ?? 1) || (batch.status ?? 1)
