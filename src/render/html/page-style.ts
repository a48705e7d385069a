/**
 * The report page's only stylesheet, inlined (the page loads nothing). Colours are custom
 * properties so dark mode and print swap them in one place; every status also has a word and an
 * icon, never colour alone. `overflow-wrap: anywhere` keeps long tokens and URLs inside a phone's
 * 375 px width.
 */
export const PAGE_STYLE = `
:root {
  color-scheme: light dark;
  --bg: #ffffff; --fg: #1f2328; --muted: #57606a; --line: #d0d7de; --panel: #f6f8fa; --accent: #0550ae;
  --pass: #116329; --pass-bg: #dafbe1; --fail: #a40e26; --fail-bg: #ffebe9; --warn: #7d4e00; --warn-bg: #fff8c5;
  --skip: #57606a; --skip-bg: #eaeef2; --window: #2da44e; --over: #cf222e; --intended: #8250df; --at: #0550ae;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0d1117; --fg: #e6edf3; --muted: #9ea7b3; --line: #3d444d; --panel: #161b22; --accent: #79c0ff;
    --pass: #7ee787; --pass-bg: #12261e; --fail: #ffa198; --fail-bg: #3a1519; --warn: #e3b341; --warn-bg: #2e2511;
    --skip: #b1bac4; --skip-bg: #21262d; --window: #3fb950; --over: #f85149; --intended: #bc8cff; --at: #79c0ff;
  }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; }
main { max-width: 64rem; margin: 0 auto; padding: 1rem 1rem 3rem; }
h1 { font-size: 1.5rem; margin: 0.5rem 0 0.25rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 0.5rem; padding-bottom: 0.25rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1rem; margin: 1.25rem 0 0.4rem; }
p, li, td, th, figcaption, dd, dt { overflow-wrap: anywhere; }
a { color: var(--accent); }
code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.9em; }
.meta, .muted { color: var(--muted); }
.headline { font-size: 1.15rem; font-weight: 600; margin: 0.5rem 0; }
.panel { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 0.75rem 1rem; }
.outcomes { margin: 0.5rem 0 0; padding-left: 1.4rem; }
.outcomes li { margin: 0.3rem 0; }
.badge { display: inline-block; padding: 0 0.45em; border-radius: 1em; font-size: 0.85em; font-weight: 600; white-space: nowrap; }
.tone-good, .status-pass { color: var(--pass); background: var(--pass-bg); }
.tone-bad, .status-fail, .status-error { color: var(--fail); background: var(--fail-bg); }
.tone-warn, .status-warn { color: var(--warn); background: var(--warn-bg); }
.tone-neutral, .status-skip { color: var(--skip); background: var(--skip-bg); }
.fix { margin: 0.6rem 0; }
.fix ul, td ul { margin: 0.25rem 0 0; padding-left: 1.2rem; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; margin: 0.25rem 0 0.5rem; }
th, td { text-align: left; vertical-align: top; padding: 0.35rem 0.5rem; border-bottom: 1px solid var(--line); }
th { font-size: 0.85em; color: var(--muted); font-weight: 600; }
tr.row-fail, tr.row-error { background: var(--fail-bg); } tr.row-warn { background: var(--warn-bg); }
tr.row-fail td:first-child, tr.row-error td:first-child { box-shadow: inset 3px 0 0 var(--over); }
col.status { width: 5.5rem; } col.check { width: 12rem; } col.claim { width: 9rem; } col.value { width: 40%; } col.time { width: 7.5rem; }
.check-title { display: block; color: var(--muted); font-size: 0.85em; }
.hint-label { font-weight: 600; }
figure { margin: 0.5rem 0 1rem; }
figcaption { font-size: 0.9em; margin-top: 0.25rem; }
figure svg { display: block; width: 100%; height: auto; max-width: 100%; }
svg text { fill: var(--fg); font: 11px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
svg .lane-label { font-weight: 600; font-size: 12px; }
svg .muted-text { fill: var(--muted); }
svg .gap-bad { fill: var(--fail); font-weight: 600; }
svg .axis, svg .track { stroke: var(--line); stroke-width: 1.5; fill: none; }
svg .tick { stroke: var(--line); stroke-width: 1; }
svg .break { stroke: var(--muted); stroke-width: 1.5; fill: none; }
svg .bracket { stroke: var(--muted); stroke-width: 1.5; fill: none; }
svg .bracket-bad { stroke: var(--fail); }
svg .mk { fill: var(--bg); stroke: var(--fg); stroke-width: 1.5; }
svg .mk-current { fill: var(--at); stroke: var(--at); }
svg .mk-failed { fill: var(--fail-bg); stroke: var(--over); stroke-width: 2; }
svg .cross { stroke: var(--over); stroke-width: 2; }
svg .seg-window { fill: var(--window); opacity: 0.55; }
svg .seg-window-missed { fill: var(--muted); opacity: 0.45; }
svg .seg-over-limit { fill: var(--over); opacity: 0.55; }
svg .seg-intended { fill: none; stroke: var(--intended); stroke-width: 1.5; stroke-dasharray: 4 3; }
svg .vm { stroke: var(--fg); stroke-width: 1.5; }
svg .vm-at { stroke: var(--at); stroke-width: 2.5; }
svg .vm-limit { stroke: var(--over); stroke-dasharray: 3 2; }
svg .vm-intended { stroke: var(--intended); stroke-dasharray: 3 2; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
footer { margin-top: 2rem; font-size: 0.9em; color: var(--muted); }
@media (max-width: 600px) {
  body { font-size: 14px; }
  main { padding: 0.75rem 0.6rem 2rem; }
  col.status { width: 4.4rem; } col.check { width: 7.5rem; } col.claim { width: 6.5rem; } col.time { width: 5.5rem; }
  .check-title { display: none; }
  th, td { padding: 0.3rem 0.3rem; }
}
@media print {
  :root {
    --bg: #ffffff; --fg: #000000; --muted: #444c56; --line: #b7bdc4; --panel: #ffffff; --accent: #0550ae;
    --pass: #116329; --pass-bg: #ffffff; --fail: #a40e26; --fail-bg: #ffffff; --warn: #7d4e00; --warn-bg: #ffffff; --skip: #444c56; --skip-bg: #ffffff;
  }
  @page { margin: 14mm 12mm; }
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  .badge { border: 1px solid currentColor; }
  figure, tr, .fix, .panel { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
}
`
