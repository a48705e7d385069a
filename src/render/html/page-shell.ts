import { createHash } from 'node:crypto'

/** What a self-contained report page is made of; {@link renderPage} puts it together. */
export interface PageSpec {
  /** Plain text: escaped here. */
  readonly title: string
  readonly style: string
  /** The page's one executable script: it builds the page from the data blocks. */
  readonly script: string
  /** JSON data blocks, `<script type="application/json" id=…>`, in this order. */
  readonly data: ReadonlyArray<{ readonly id: string; readonly value: unknown }>
  /** Markup shown without scripts. The caller escapes every input value in it (escapeHtml). */
  readonly noscript: string
}

/**
 * One self-contained HTML page: JSON data blocks, one inline stylesheet and one inline script
 * that builds the page from them. Nothing is loaded from anywhere; the CSP allows only that script
 * and that stylesheet, by hash, so even markup smuggled into the data could not run. Input values
 * never reach the markup: they live in the JSON, and the script shows them with textContent.
 * Shared by the check report (html.ts) and the scan report (scan-html.ts).
 */
export function renderPage(spec: PageSpec): string {
  const csp = [
    "default-src 'none'",
    `script-src '${cspHash(spec.script)}'`,
    `style-src '${cspHash(spec.style)}'`,
    "img-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ')
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light dark">',
    `<title>${escapeHtml(spec.title)}</title>`,
    `<style>${spec.style}</style>`,
    '</head>',
    '<body>',
    '<main id="report">',
    `<noscript>${spec.noscript}</noscript>`,
    '</main>',
    ...spec.data.map((block) => `<script type="application/json" id="${escapeHtml(block.id)}">${embedJson(block.value)}</script>`),
    `<script>${spec.script}</script>`,
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
