import { readdir, readFile, stat } from 'node:fs/promises'
import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import { join, relative, resolve, sep } from 'node:path'
import { InputError } from '../../core/errors.js'
import { allRules } from '../../rules/index.js'
import { scanReport } from '../../scan/build-report.js'
import type { ScanConfig } from '../../scan/types.js'
import { listFiles, type TreeReader } from '../../scan/walk.js'
import type { CliIO } from '../cli-io.js'
import { type ScanJob, type ScanJobResult, scanCollector, scanFiles } from './scan-files.js'
import type { FilterJob, FilterMessage } from './scan-worker.js'
import { optFlag, optList, optString, type ParsedOptions } from '../common-options.js'
import { loadConfig } from '../io/integration-setup.js'
import { printScanReport } from './scan-output.js'
import { toolVersion } from '../package-root.js'

/** Trees with at least this many files are scanned in worker threads, one per core (at most four). */
const PARALLEL_FROM = 2000

/** Files larger than this are skipped (noted on stderr): generated data, not code. */
const MAX_FILE_BYTES = 20 * 1024 * 1024

/** `asap-doctor scan [paths…]`: the rules over a source tree. Thin: file access here, logic in src/scan. */
export async function scanCommand(paths: readonly string[], options: ParsedOptions, io: CliIO): Promise<number> {
  const roots = paths.length === 0 ? ['.'] : paths
  const rules = selectRules(optList(options, 'only'), optList(options, 'skip'))
  // Flags win over the config file, as in the other commands.
  const { config: file } = loadConfig(optString(options, 'config'), io)
  const orgId = optString(options, 'orgId') ?? file.orgId
  const dataCenter = optString(options, 'dataCenter') ?? file.dataCenter
  const appId = optString(options, 'appId') ?? file.appId
  const config: ScanConfig = {
    ...(orgId === undefined ? {} : { orgId }),
    ...(dataCenter === undefined ? {} : { dataCenter }),
    ...(appId === undefined ? {} : { appId }),
  }
  // Online only when asked: the page at --url and its same-origin scripts, instead of a tree.
  const url = optString(options, 'url')
  if (url !== undefined) {
    if (paths.length > 0) throw new InputError('ERR_USAGE', '--url scans a live page: give it without paths')
    return (await import('./scan-url.js')).scanUrlCommand(url, rules, config, options, io)
  }
  const files: Array<{ absolute: string; display: string }> = []
  for (const root of roots) {
    const absolute = resolve(io.cwd, root)
    const info = await stat(absolute).catch(() => undefined)
    if (info === undefined) throw new InputError('ERR_FILE', `${root}: no such file or directory`)
    if (info.isFile()) {
      files.push({ absolute, display: toPosix(relative(io.cwd, absolute)) })
      continue
    }
    const listed = await listFiles(fsReader(absolute), { include: optList(options, 'include') ?? [], exclude: optList(options, 'exclude') ?? [] })
    for (const path of listed)
      files.push({ absolute: join(absolute, ...path.split('/')), display: toPosix(relative(io.cwd, join(absolute, ...path.split('/')))) })
  }
  const job = { files, ruleIds: rules.map((rule) => rule.id), config, maxBytes: MAX_FILE_BYTES }
  const result = files.length >= PARALLEL_FROM && availableParallelism() > 1 ? await scanInWorkers(job) : scanFiles(job)
  for (const warning of result.warnings) io.stderr(`asap-doctor: warning: ${warning}\n`)
  // Files reach the scan in no fixed order when threads share the list: the report lists them in walk order.
  const scans = [...result.scans].sort((a, b) => a.order - b.order)
  // The tree passes a nonce, or uses the widget, when any file does, also one that had nothing else to report.
  const { passesNonce, loadsWidget, jsonEndpoints } = result
  const report = scanReport(scans, allRules, {
    toolVersion: toolVersion(),
    now: io.now(),
    strict: optFlag(options, 'strict'),
    scannedFiles: files.length,
    passesNonce,
    loadsWidget,
    jsonEndpoints,
  })
  return printScanReport(report, files.length, options, io)
}

/**
 * Large trees: worker threads, one per core (at most four), read and filter the files, taking them
 * from one shared counter so the load evens out; the main thread parses and scans the few that may
 * matter as they arrive. One parsing thread warms up its JIT once (the first parses run several
 * times slower than the later ones, and every thread pays that again) and overlaps with the filter:
 * measured about 20 % faster than every worker parsing its own matches (bench/scan-bench.js).
 */
function scanInWorkers(job: ScanJob): Promise<ScanJobResult> {
  const count = Math.min(availableParallelism(), 4)
  const url = new URL('./scan-worker.js', import.meta.url)
  const collector = scanCollector(job.ruleIds, job.config)
  // Only what filtering needs: the rules and config stay on this thread, which scans.
  const filterJob: FilterJob = { files: job.files, maxBytes: job.maxBytes, next: new Int32Array(new SharedArrayBuffer(4)) }
  const warnings: string[] = []
  const pending = Array.from(
    { length: count },
    () =>
      new Promise<void>((resolveDone, reject) => {
        // A bounded heap per worker: it holds one file at a time, and a bounded heap keeps peak RSS down.
        const worker = new Worker(url, { workerData: { scanWorker: true }, resourceLimits: { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 192 } })
        worker.on('message', (message: FilterMessage) => {
          if (message.kind === 'file') collector.add(message.order, job.files[message.order]?.display ?? '', message.text)
          else {
            void worker.terminate()
            if (message.kind === 'error') reject(new Error(message.error))
            else {
              warnings.push(...message.warnings)
              resolveDone()
            }
          }
        })
        worker.once('error', reject)
        worker.postMessage(filterJob)
      }),
  )
  return Promise.all(pending).then(() => collector.result(warnings))
}

function selectRules(only: readonly string[] | undefined, skip: readonly string[] | undefined) {
  const split = (values: readonly string[] | undefined) =>
    (values ?? [])
      .flatMap((value) => value.split(','))
      .map((id) => id.trim())
      .filter((id) => id !== '')
  const onlyIds = split(only)
  const skipIds = split(skip)
  for (const id of [...onlyIds, ...skipIds]) {
    if (!allRules.some((rule) => rule.id === id)) throw new InputError('ERR_USAGE', `unknown rule id "${id}" (asap-doctor checks lists them)`)
  }
  return allRules.filter((rule) => (onlyIds.length === 0 || onlyIds.includes(rule.id)) && !skipIds.includes(rule.id))
}

function fsReader(root: string): TreeReader {
  return {
    async list(dir) {
      const entries = await readdir(join(root, ...dir.split('/').filter(Boolean)), { withFileTypes: true }).catch(() => [])
      return entries.map((entry) => ({ name: entry.name, kind: entry.isDirectory() ? 'dir' : entry.isFile() ? 'file' : 'other' }))
    },
    async readText(path) {
      return readFile(join(root, ...path.split('/')), 'utf8').catch(() => undefined)
    },
  }
}

function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/')
}
