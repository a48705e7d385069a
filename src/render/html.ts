import type { Report } from '../core/report.js'
import { PAGE_SCRIPT } from './html/page-script.js'
import { PAGE_STYLE } from './html/page-style.js'
import { escapeHtml, renderPage } from './html/page-shell.js'
import { buildPageView } from './html/view.js'

export { cspHash, embedJson, escapeHtml } from './html/page-shell.js'

/**
 * The report as one self-contained HTML page: the schemaVersion 1 report (exactly what
 * `--format json` prints) and its derived view embedded as JSON data blocks, one inline stylesheet
 * and one inline script that builds the page from them. Nothing is loaded from anywhere; the CSP
 * allows only that script and that stylesheet, by hash, so even markup smuggled into the data
 * could not run. Input values never reach the markup: they live in the JSON, and the script
 * shows them with textContent.
 */
export function renderHtml(report: Report): string {
  const view = buildPageView(report)
  const fallback = report.subjects.map((subject) => `<li>${escapeHtml(subject.verdict)}</li>`).join('')
  return renderPage({
    title: `asap-doctor report (${report.command}, ${report.evaluatedAt})`,
    style: PAGE_STYLE,
    script: PAGE_SCRIPT,
    data: [
      { id: 'asap-doctor-report', value: report },
      { id: 'asap-doctor-view', value: view },
    ],
    // Without scripts (a mail preview, a locked-down viewer) the verdicts still show, as escaped text.
    noscript: `<h1>ASAP login report</h1><ul>${fallback}</ul><p>Open this file in a browser with JavaScript enabled to see the checks and pictures.</p>`,
  })
}
