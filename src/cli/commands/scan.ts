import { readdir, readFile, stat } from 'node:fs/promises'
import { join, relative, resolve, sep } from 'node:path'
import { InputError } from '../../core/errors.js'
import { allRules } from '../../rules/index.js'
import { scanReport } from '../../scan/build-report.js'
import { type FileScan, scanFile, sourceFile } from '../../scan/scan-file.js'
import type { ScanConfig } from '../../scan/types.js'
import { listFiles, type TreeReader } from '../../scan/walk.js'
import type { CliIO } from '../cli-io.js'
import { optFlag, optList, optString, type ParsedOptions } from '../common-options.js'
import { createStyle, wantsColor, writeReport } from '../output.js'
import { toolVersion } from '../package-root.js'

/** Files larger than this are skipped (noted on stderr): generated data, not code. */
const MAX_FILE_BYTES = 20 * 1024 * 1024

/** `asap-doctor scan [paths…]`: the rules over a source tree. Thin: file access here, logic in src/scan. */
export async function scanCommand(paths: readonly string[], options: ParsedOptions, io: CliIO): Promise<number> {
  const roots = paths.length === 0 ? ['.'] : paths
  const rules = selectRules(optList(options, 'only'), optList(options, 'skip'))
  const config: ScanConfig = {
    ...(optString(options, 'orgId') === undefined ? {} : { orgId: optString(options, 'orgId') }),
    ...(optString(options, 'dataCenter') === undefined ? {} : { dataCenter: optString(options, 'dataCenter') }),
    ...(optString(options, 'appId') === undefined ? {} : { appId: optString(options, 'appId') }),
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
    for (const path of listed) files.push({ absolute: join(absolute, ...path.split('/')), display: toPosix(relative(io.cwd, join(absolute, ...path.split('/')))) })
  }
  const scans: FileScan[] = []
  for (const file of files) {
    const info = await stat(file.absolute).catch(() => undefined)
    if (info === undefined || info.size > MAX_FILE_BYTES) {
      io.stderr(`asap-doctor: warning: skipped ${file.display} (${info === undefined ? 'unreadable' : 'larger than 20 MB'})\n`)
      continue
    }
    const text = await readFile(file.absolute, 'utf8').catch(() => undefined)
    const source = text === undefined ? undefined : sourceFile(file.display, text)
    if (source !== undefined) scans.push(scanFile(source, rules, config))
  }
  const report = scanReport(scans, allRules, { toolVersion: toolVersion(), now: io.now(), strict: optFlag(options, 'strict'), scannedFiles: files.length })
  const format = optFlag(options, 'json') ? 'json' : (optString(options, 'format') ?? 'human')
  if (format === 'human') {
    const { renderScanHuman } = await import('../../render/scan-human.js')
    const style = wantsColor(optString(options, 'color'), io) ? await createStyle() : undefined
    io.stdout(renderScanHuman(report, files.length, style))
    return report.summary.exitCode
  }
  return writeReport(report, format, optString(options, 'color'), io)
}

function selectRules(only: readonly string[] | undefined, skip: readonly string[] | undefined) {
  const split = (values: readonly string[] | undefined) => (values ?? []).flatMap((value) => value.split(',')).map((id) => id.trim()).filter((id) => id !== '')
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
