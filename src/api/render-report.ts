import type { Report } from '../core/report.js'
import { renderGithub } from '../render/github.js'
import { renderHtml } from '../render/html.js'
import { renderHuman } from '../render/human.js'
import type { FormatName } from '../render/index.js'
import { renderJson } from '../render/json.js'
import { renderJunit } from '../render/junit.js'
import { renderMarkdown } from '../render/markdown.js'

export type { FormatName } from '../render/index.js'

export interface RenderReportOptions {
  /**
   * For `github`: raw tokens to hide with `::add-mask::`. The report holds only masked tokens, so pass
   * the tokens you diagnosed if the log may show them elsewhere.
   */
  readonly masks?: readonly string[]
}

/**
 * The report as the CLI prints it with `--format <format>`: plain text (no colour), JSON
 * (schemaVersion 1, see docs/json-output.md and schema/report.schema.json), GitHub workflow commands,
 * or JUnit XML. Pure; synchronous, unlike the CLI, which loads one renderer on demand.
 */
export function renderReport(report: Report, format: FormatName = 'human', options: RenderReportOptions = {}): string {
  switch (format) {
    case 'human':
      return renderHuman(report)
    case 'json':
      return renderJson(report)
    case 'github':
      return renderGithub(report, options.masks === undefined ? {} : { masks: options.masks })
    case 'junit':
      return renderJunit(report)
    case 'html':
      return renderHtml(report)
    case 'markdown':
      return renderMarkdown(report)
  }
}
