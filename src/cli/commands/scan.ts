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
import { type ScanJob, type ScanJobResult, scanFiles } from './scan-worker.js'
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
  const results = files.length >= PARALLEL_FROM && availableParallelism() > 1 ? await startWorkers().run(job) : [scanFiles(job)]
  for (const warning of results.flatMap((result) => result.warnings)) io.stderr(`asap-doctor: warning: ${warning}\n`)
  // The threads took files in no fixed order: the report lists them in walk order.
  const scans = results.flatMap((result) => result.scans).sort((a, b) => a.order - b.order)
  // The tree passes a nonce when any file does, also one that had nothing else to report.
  const passesNonce = results.some((result) => result.passesNonce)
  const loadsWidget = results.some((result) => result.loadsWidget)
  const jsonEndpoints = results.flatMap((result) => result.jsonEndpoints)
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
 * Worker threads, one per core (at most four). They take files from one shared counter (see
 * scan-worker.ts), so the load evens out however the large bundles are spread over the tree.
 */
function startWorkers(): { run(job: ScanJob): Promise<ScanJobResult[]> } {
  const count = Math.min(availableParallelism(), 4)
  const url = new URL('./scan-worker.js', import.meta.url)
  // A bounded heap per worker: it holds one file at a time, and a bounded heap keeps peak RSS down.
  const workers = Array.from(
    { length: count },
    () => new Worker(url, { workerData: { scanWorker: true }, resourceLimits: { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 192 } }),
  )
  return {
    run(job) {
      const next = new Int32Array(new SharedArrayBuffer(4))
      return Promise.all(
        workers.map(
          (worker) =>
            new Promise<ScanJobResult>((resolveResult, reject) => {
              worker.once('message', (message: ScanJobResult | { error: string }) => {
                void worker.terminate()
                if ('error' in message) reject(new Error(message.error))
                else resolveResult(message)
              })
              worker.once('error', reject)
              worker.postMessage({ ...job, next })
            }),
        ),
      )
    },
  }
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
