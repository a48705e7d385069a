import { createHash } from 'node:crypto'
import type { Report } from '../core/report.js'
import { PAGE_SCRIPT } from './html/page-script.js'
import { PAGE_STYLE } from './html/page-style.js'
import { buildPageView } from './html/view.js'

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
  const csp = [
    "default-src 'none'",
    `script-src '${cspHash(PAGE_SCRIPT)}'`,
    `style-src '${cspHash(PAGE_STYLE)}'`,
    "img-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ')
  const fallback = report.subjects.map((subject) => `<li>${escapeHtml(subject.verdict)}</li>`).join('')
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    `<title>asap-doctor report (${escapeHtml(report.command)}, ${escapeHtml(report.evaluatedAt)})</title>`,
    `<style>${PAGE_STYLE}</style>`,
    '</head>',
    '<body>',
    '<main id="report">',
    // Without scripts (a mail preview, a locked-down viewer) the verdicts still show, as escaped text.
    `<noscript><h1>ASAP login report</h1><ul>${fallback}</ul><p>Open this file in a browser with JavaScript enabled to see the checks and pictures.</p></noscript>`,
    '</main>',
    `<script type="application/json" id="asap-doctor-report">${embedJson(report)}</script>`,
    `<script type="application/json" id="asap-doctor-view">${embedJson(view)}</script>`,
    `<script>${PAGE_SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n')
}

/**
 * JSON safe inside a `<script>` element: `<` (so no `</script` or `<!--`), `>` and `&` become
 * \u escapes, as do U+2028/U+2029 (line terminators in older JavaScript). JSON.parse reads them back.
 */
export function embedJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
}

/** Text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)
}

/** A CSP source expression for an inline element's exact text. */
export function cspHash(text: string): string {
  return `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`
}
