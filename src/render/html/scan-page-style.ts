import { PAGE_STYLE } from './page-style.js'

/**
 * The scan page's stylesheet: the report page's (colours, dark mode, print, badges) plus the few
 * rules a list of findings needs. Code lines wrap instead of widening the page on a phone.
 */
export const SCAN_PAGE_STYLE = `${PAGE_STYLE}
.counts { display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; margin: 0.5rem 0 0; }
.count { padding: 0 0.4rem; border-radius: 6px; }
.count dt { font-size: 0.85em; color: var(--muted); }
.count dd { margin: 0; font-size: 1.2rem; font-weight: 600; }
.file h2 { font-size: 1rem; overflow-wrap: anywhere; }
.findings { list-style: none; margin: 0; padding: 0; }
.finding { margin: 0 0 0.9rem; padding: 0.4rem 0.6rem; border-left: 3px solid var(--line); }
.finding-fail, .finding-error { border-left-color: var(--over); }
.finding-warn { border-left-color: var(--warn); }
.finding-head { margin: 0; }
.finding-head .check-title { display: block; }
.message { margin: 0.25rem 0; }
.where { overflow-wrap: anywhere; }
.snippet { margin: 0.3rem 0; padding: 0.4rem 0.6rem; background: var(--panel); border: 1px solid var(--line); border-radius: 6px; white-space: pre-wrap; overflow-wrap: anywhere; }
.hints { margin: 0.25rem 0 0; padding-left: 1.2rem; }
.notes { padding-left: 1.2rem; }
`
