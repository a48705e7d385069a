import type { Report } from '../core/report.js'
import { type FormatName, isFormatName, renderers } from '../render/index.js'

export type { FormatName } from '../render/index.js'

export interface RenderReportOptions {
  /**
   * For `github`: raw tokens to hide with `::add-mask::`. The report holds only masked tokens, so pass
   * the tokens you diagnosed if the log may show them elsewhere.
   */
  readonly masks?: readonly string[]
}

/**
 * The report as the CLI prints it with `--format <format>` (plain text without colour for `human`),
 * through the very renderers the CLI uses. Asynchronous because each renderer is loaded on demand,
 * as in the CLI.
 *
 * @throws InputError `ERR_USAGE` for a format that does not exist.
 */
export async function renderReport(report: Report, format: FormatName = 'human', options: RenderReportOptions = {}): Promise<string> {
  // A JavaScript caller may pass any string; the CLI's parser would have refused it.
  if (!isFormatName(format)) {
    const { InputError } = await import('../core/errors.js')
    throw new InputError('ERR_USAGE', `unknown format ${JSON.stringify(format)}`)
  }
  const render = await renderers[format]()
  return render(report, options.masks === undefined ? {} : { masks: options.masks })
}
