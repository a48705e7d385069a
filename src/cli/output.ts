import type { Report } from '../core/report.js'
import { renderers, type FormatName } from '../render/index.js'
import type { Style } from '../render/style.js'
import type { CliIO } from './cli-io.js'

/** Whether to colour stdout: only on a terminal, never with NO_COLOR, unless forced. */
export function wantsColor(color: string | undefined, io: CliIO): boolean {
  if (color === 'always') return true
  if (color === 'never') return false
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false
  if (io.env.FORCE_COLOR !== undefined) return io.env.FORCE_COLOR !== '0'
  return io.stdoutIsTTY && io.env.TERM !== 'dumb'
}

/** chalk is loaded only when colour is really wanted: it costs start-up time for nothing otherwise. */
export async function createStyle(): Promise<Style> {
  const { Chalk } = await import('chalk')
  const chalk = new Chalk({ level: 1 })
  return { pass: chalk.green, fail: chalk.red, warn: chalk.yellow, skip: chalk.gray, dim: chalk.dim, bold: chalk.bold }
}

/** Renders the report in the chosen format and returns the exit code the report implies. */
export async function writeReport(report: Report, format: string, color: string | undefined, io: CliIO): Promise<number> {
  const name: FormatName = format === 'json' ? 'json' : 'human'
  const style = name === 'human' && wantsColor(color, io) ? await createStyle() : undefined
  io.stdout(renderers[name](report, style === undefined ? {} : { style }))
  return report.summary.exitCode
}
