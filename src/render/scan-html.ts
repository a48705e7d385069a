import type { Report } from '../core/report.js'
import { escapeHtml, renderPage } from './html/page-shell.js'
import { SCAN_PAGE_SCRIPT } from './html/scan-page-script.js'
import { SCAN_PAGE_STYLE } from './html/scan-page-style.js'
import { buildScanView } from './scan-view.js'

/**
 * The scan report as one self-contained HTML page, built like the check report (page-shell.ts):
 * the schemaVersion 1 report (what `scan --format json` prints) and the scan view as JSON data
 * blocks, one inline stylesheet and one inline script, allowed by hash and nothing else. Code lines
 * are shown with textContent; secrets in them are already `***` (build-report.ts).
 */
export function renderScanHtml(report: Report, scannedFiles: number): string {
  const view = buildScanView(report, scannedFiles)
  const page = { ...view, tool: `${report.tool.name} ${report.tool.version}`, evaluatedAt: report.evaluatedAt }
  // Without scripts (a mail preview, a locked-down viewer) every finding still shows, as escaped text.
  const fallback = view.files
    .flatMap((file) => file.findings.filter((finding) => finding.status !== 'pass'))
    .map(
      (finding) =>
        `<li>${escapeHtml(`${finding.where} ${finding.ruleId}: ${finding.message}`)}${finding.snippet === undefined ? '' : `<br><code>${escapeHtml(finding.snippet)}</code>`}</li>`,
    )
    .join('')
  return renderPage({
    title: `asap-doctor scan (${report.evaluatedAt})`,
    style: SCAN_PAGE_STYLE,
    script: SCAN_PAGE_SCRIPT,
    data: [
      { id: 'asap-doctor-report', value: report },
      { id: 'asap-doctor-scan-view', value: page },
    ],
    noscript: `<h1>ASAP integration scan</h1><p>${escapeHtml(view.headline)}</p><ul>${fallback}</ul><p>${escapeHtml(view.summary)}</p>`,
  })
}
