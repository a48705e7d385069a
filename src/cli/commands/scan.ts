import { type Dirent, readdirSync } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import { availableParallelism } from 'node:os'
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads'
import { isAbsolute, join, relative, resolve, sep } from 'node:path'
import { InputError } from '../../core/errors.js'
import type { Rule } from '../../rules/define-rule.js'
import type { ScanConfig } from '../../scan/types.js'
import { listFiles, type TreeReader } from '../../scan/walk.js'
import type { CliIO } from '../cli-io.js'
import type { ScanJob, ScanJobResult } from './scan-files.js'
import { type FilterJob, type FilterMessage, type FilterStart, filterSteps } from './scan-worker.js'
import { optFlag, optList, optString, type ParsedOptions } from '../common-options.js'
import { loadConfig } from '../io/integration-setup.js'
import { toolVersion } from '../package-root.js'

/** Trees with at least this many files are read by several threads, one per core (at most four). */
const PARALLEL_FROM = 2000

/** Files larger than this are skipped (noted on stderr): generated data, not code. */
const MAX_FILE_BYTES = 20 * 1024 * 1024

/** `asap-doctor scan [paths…]`: the rules over a source tree. Thin: file access here, logic in src/scan. */
export async function scanCommand(paths: readonly string[], options: ParsedOptions, io: CliIO): Promise<number> {
  const roots = paths.length === 0 ? ['.'] : paths
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
    const { allRules } = await import('../../rules/index.js')
    return (await import('./scan-url.js')).scanUrlCommand(url, selectRules(allRules, optList(options, 'only'), optList(options, 'skip')), config, options, io)
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
    // The walk gives normalised relative paths: the root's own paths are worked out once, not
    // per file (path.join and path.relative on 10,000 files cost about 40 ms).
    // Only when the working directory is inside the root (`scan ..`) can a file's shortest
    // relative path skip the root's: then per file.
    const shown = toPosix(relative(io.cwd, absolute))
    const cwdInRoot = relative(absolute, io.cwd)
    const perFile = cwdInRoot !== '' && !cwdInRoot.startsWith('..') && !isAbsolute(cwdInRoot)
    const base = absolute.endsWith(sep) ? absolute : `${absolute}${sep}`
    for (const path of listed) {
      const file = base + (sep === '/' ? path : path.split('/').join(sep))
      files.push({ absolute: file, display: perFile ? toPosix(relative(io.cwd, file)) : shown === '' ? path : `${shown}/${path}` })
    }
  }
  // The filter workers start before the rules and the parser load (about 60 ms): they need neither.
  const threads = files.length >= PARALLEL_FROM ? Math.min(availableParallelism(), 4) : 1
  const filterJob: FilterJob = { files, maxBytes: MAX_FILE_BYTES, ...(threads > 1 ? { next: new Int32Array(new SharedArrayBuffer(4)) } : {}) }
  const workers = Array.from({ length: threads - 1 }, () => startFilterWorker(filterJob))
  const ready = loadEngine().then((engine) => {
    const rules = selectRules(engine.allRules, optList(options, 'only'), optList(options, 'skip'))
    const job: ScanJob = { ...filterJob, ruleIds: rules.map((rule) => rule.id), config }
    return { engine, job }
  })
  let result: ScanJobResult
  try {
    result = workers.length > 0 ? await scanWithWorkers(filterJob, workers, ready) : await ready.then(({ engine, job }) => engine.scanFiles(job))
  } finally {
    for (const { worker } of workers) void worker.terminate()
  }
  const { allRules, scanReport, printScanReport } = (await ready).engine
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

type Engine = Awaited<ReturnType<typeof loadEngine>>

/** What scanning needs beyond the walk: loaded after the filter workers have started. */
async function loadEngine() {
  const [{ allRules }, { scanCollector, scanFiles }, { scanReport }, { printScanReport }] = await Promise.all([
    import('../../rules/index.js'),
    import('./scan-files.js'),
    import('../../scan/build-report.js'),
    import('./scan-output.js'),
  ])
  return { allRules, scanCollector, scanFiles, scanReport, printScanReport }
}

interface FilterWorker {
  readonly worker: Worker
  /** Where the worker answers: read synchronously while this thread filters, then by events. */
  readonly port: MessagePort
  /** Settles when the thread stops, with its error if it failed (listened to from the start). */
  readonly stopped: Promise<Error | undefined>
}

function startFilterWorker(job: FilterJob): FilterWorker {
  // A bounded heap per worker: it holds one file at a time, and a bounded heap keeps peak RSS down.
  const worker = new Worker(new URL('./scan-worker.js', import.meta.url), {
    workerData: { scanWorker: true },
    resourceLimits: { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 192 },
  })
  const stopped = new Promise<Error | undefined>((settle) => {
    worker.once('error', settle)
    worker.once('exit', () => settle(undefined))
  })
  const { port1, port2 } = new MessageChannel()
  const start: FilterStart = { job, port: port2 }
  worker.postMessage(start, [port2])
  return { worker, port: port1, stopped }
}

/**
 * Large trees: this thread and one worker per further core (at most four threads) read and filter
 * the files, taking them from one shared counter so the load evens out; this thread also parses
 * and scans the few that may matter, its own as it finds them and the workers' between its own
 * files. One thread per core: on two cores, two filter workers beside a parsing main thread only
 * shared them (measured on bench/scan-bench.js). One parsing thread also warms up its JIT once
 * (the first parses run several times slower than the later ones). While the rules and the parser
 * load (about 100 ms), this thread filters in short steps and keeps what matched for later.
 */
async function scanWithWorkers(
  filterJob: FilterJob,
  workers: readonly FilterWorker[],
  ready: Promise<{ readonly engine: Engine; readonly job: ScanJob }>,
): Promise<ScanJobResult> {
  let collector: ReturnType<Engine['scanCollector']> | undefined
  let failed = false
  const loaded = ready.then(
    ({ engine, job }) => {
      collector = engine.scanCollector(job.ruleIds, job.config)
    },
    () => {
      failed = true
    },
  )
  const queued: Array<{ order: number; text: string }> = []
  const add = (order: number, text: string) => {
    if (collector === undefined) queued.push({ order, text })
    else collector.add(order, filterJob.files[order]?.display ?? '', text)
  }
  const warnings: string[] = []
  const finished = workers.map(() => false)
  const failures: string[] = []
  const handle = (index: number, message: FilterMessage) => {
    if (message.kind === 'file') add(message.order, message.text)
    else {
      finished[index] = true
      if (message.kind === 'error') failures.push(message.error)
      else warnings.push(...message.warnings)
    }
  }
  const drain = () => {
    workers.forEach(({ port }, index) => {
      for (let received = receiveMessageOnPort(port); received !== undefined; received = receiveMessageOnPort(port))
        handle(index, received.message as FilterMessage)
    })
  }
  const steps = filterSteps(filterJob, add, warnings)
  let step = steps.next()
  while (!step.done && collector === undefined && !failed) {
    // Let the module loader run between two steps.
    await new Promise((resume) => setImmediate(resume))
    step = steps.next()
  }
  await loaded
  if (failed) await ready
  for (const { order, text } of queued.splice(0)) add(order, text)
  for (; !step.done; step = steps.next()) drain()
  drain()
  // This thread's share is done: what the workers still send arrives as events.
  await Promise.all(
    workers.map(
      ({ port, stopped }, index) =>
        new Promise<void>((resolveDone, reject) => {
          if (finished[index]) return resolveDone()
          port.on('message', (message: FilterMessage) => {
            handle(index, message)
            if (finished[index]) resolveDone()
          })
          void stopped.then((error) => {
            if (!finished[index]) reject(error ?? new Error('a filter thread stopped before it finished'))
          })
        }),
    ),
  )
  for (const { port } of workers) port.close()
  if (failures.length > 0) throw new Error(failures[0])
  if (collector === undefined) throw new Error('the scan engine did not load')
  return collector.result(warnings)
}

function selectRules(allRules: readonly Rule[], only: readonly string[] | undefined, skip: readonly string[] | undefined): Rule[] {
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
    // Synchronous listings: nothing else runs during the walk, and each asynchronous listing waits
    // for a thread-pool round trip (measured on 10,000 files in 370 folders: 95 ms against 30 ms).
    async list(dir) {
      let entries: Dirent[]
      try {
        entries = readdirSync(join(root, ...dir.split('/').filter(Boolean)), { withFileTypes: true })
      } catch {
        entries = []
      }
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
