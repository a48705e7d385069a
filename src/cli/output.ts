import type { Report } from '../core/report.js'
import { isFormatName, renderers } from '../render/index.js'
import type { Style } from '../render/style.js'
import type { CliIO } from './cli-io.js'
import { activeGuard, guardFileText } from './output-guard.js'

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

/**
 * Renders the report in the chosen format and returns the exit code the report implies.
 * `scrub` holds credentials the run was given (cookies, header values): they are replaced in the
 * output as a last line of defence, although no renderer is meant to print them.
 */
export async function writeReport(
  report: Report,
  format: string,
  color: string | undefined,
  io: CliIO,
  masks: readonly string[] = [],
  scrub: readonly string[] = [],
): Promise<number> {
  const name = isFormatName(format) ? format : 'human'
  const style = name === 'human' && wantsColor(color, io) ? await createStyle() : undefined
  const render = await renderers[name]()
  // The guard masks these in every later write too (and lets github's ::add-mask:: lines carry them).
  const guard = activeGuard()
  for (const token of masks) guard?.registerTokensIn(token)
  for (const secret of scrub) guard?.registerCredential(secret)
  guard?.allowAddMask([...masks, ...scrub, ...masks.map((mask) => mask.split('.')[2] ?? '')])
  const text = render(report, { ...(style === undefined ? {} : { style }), masks: [...masks, ...scrub] })
  io.stdout(scrubSecrets(text, scrub))
  if (name === 'github') {
    const summaryFile = io.env.GITHUB_STEP_SUMMARY
    if (summaryFile !== undefined && summaryFile !== '') {
      const [{ appendFileSync }, { renderMarkdownSummary }] = await Promise.all([import('node:fs'), import('../render/github.js')])
      appendFileSync(summaryFile, guardFileText(scrubSecrets(renderMarkdownSummary(report), scrub)))
    }
  }
  return report.summary.exitCode
}

/** Replaces credentials in every line except `::add-mask::` lines, which must carry the value itself. */
function scrubSecrets(text: string, secrets: readonly string[]): string {
  const long = secrets.filter((secret) => secret.length >= 6)
  if (long.length === 0) return text
  return text
    .split('\n')
    .map((line) => (line.startsWith('::add-mask::') ? line : long.reduce((result, secret) => result.split(secret).join('***'), line)))
    .join('\n')
}
