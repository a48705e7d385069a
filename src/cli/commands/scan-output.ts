import type { Report } from '../../core/report.js'
import type { CliIO } from '../cli-io.js'
import { optFlag, optString, type ParsedOptions } from '../common-options.js'
import { createStyle, wantsColor, writeReport } from '../output.js'

/**
 * Prints a scan report in the chosen format; the exit code is the report's whatever the format.
 * human, html and markdown are the scan's own renderers (grouped by file, with the code line);
 * json, github and sarif are the shared ones. Used by the tree scan and by `scan --url`.
 */
export async function printScanReport(report: Report, scannedFiles: number, options: ParsedOptions, io: CliIO): Promise<number> {
  const format = optFlag(options, 'json') ? 'json' : (optString(options, 'format') ?? 'human')
  if (format === 'human') {
    const { renderScanHuman } = await import('../../render/scan-human.js')
    const style = wantsColor(optString(options, 'color'), io) ? await createStyle() : undefined
    io.stdout(renderScanHuman(report, scannedFiles, style))
    return report.summary.exitCode
  }
  if (format === 'html') {
    const { renderScanHtml } = await import('../../render/scan-html.js')
    io.stdout(renderScanHtml(report, scannedFiles))
    return report.summary.exitCode
  }
  if (format === 'markdown') {
    const { renderScanMarkdown } = await import('../../render/scan-markdown.js')
    io.stdout(renderScanMarkdown(report, scannedFiles))
    return report.summary.exitCode
  }
  return writeReport(report, format, optString(options, 'color'), io)
}
