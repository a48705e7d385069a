/**
 * The scan report page's one inline script. It reads the embedded scan view (a JSON data block) and
 * builds the page with createElement and textContent only: a code line that holds
 * `</script><img onerror=…>` is shown as those characters, never parsed. The page's CSP allows this
 * script alone (by hash). Plain ES2020 without template literals, like page-script.ts, so it needs
 * no build step.
 */
export const SCAN_PAGE_SCRIPT = String.raw`
(function () {
  'use strict';
  var node = document.getElementById('asap-doctor-scan-view');
  var view = JSON.parse(node ? node.textContent || 'null' : 'null');
  var root = document.getElementById('report');
  if (!view || !root) return;

  function el(tag, attrs, children) {
    var element = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (key) {
        var value = attrs[key];
        if (value === undefined || value === null || value === false) return;
        if (key === 'text') element.textContent = String(value);
        else element.setAttribute(key, String(value));
      });
    }
    (Array.isArray(children) ? children : children === undefined || children === null ? [] : [children]).forEach(function (child) {
      if (child === undefined || child === null || child === false) return;
      element.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    });
    return element;
  }
  var ICON = { fail: '\u2717', warn: '!', pass: '\u00B7', error: '\u2717', skip: '\u25CB' };
  var counts = view.counts;

  while (root.firstChild) root.removeChild(root.firstChild);
  root.appendChild(el('header', null, [
    el('h1', { text: 'ASAP integration scan' }),
    el('p', { class: 'meta', text: view.tool + ' \u00B7 scan \u00B7 ' + view.evaluatedAt }),
  ]));
  root.appendChild(el('section', { class: 'panel', 'aria-labelledby': 'summary-title' }, [
    el('h2', { id: 'summary-title', class: 'visually-hidden', text: 'Summary' }),
    el('p', { class: 'headline', 'data-testid': 'headline', text: view.headline }),
    el('dl', { class: 'counts', 'data-testid': 'counts' }, [
      ['Errors', counts.errors, 'fail'], ['Warnings', counts.warnings, 'warn'], ['Rule crashes', counts.crashes, 'error'],
      ['Notes', counts.notes, 'pass'], ['Files scanned', counts.scannedFiles, ''], ['Files with findings', counts.filesWithFindings, ''],
    ].map(function (entry) {
      return el('div', { class: 'count' + (entry[1] > 0 && entry[2] ? ' status-' + entry[2] : '') }, [el('dt', { text: entry[0] }), el('dd', { text: String(entry[1]) })]);
    })),
  ]));

  if (view.files.length === 0) root.appendChild(el('p', { 'data-testid': 'no-findings', text: 'No problems found.' }));
  view.files.forEach(function (file, index) {
    var id = 'file-' + (index + 1);
    var section = el('section', { class: 'file', 'data-testid': 'file', 'aria-labelledby': id }, el('h2', { id: id, class: 'mono', text: file.path }));
    var list = el('ol', { class: 'findings' });
    file.findings.forEach(function (finding) {
      var item = el('li', { class: 'finding finding-' + finding.status, 'data-testid': 'finding', 'data-rule': finding.ruleId, 'data-status': finding.status }, [
        el('p', { class: 'finding-head' }, [
          el('span', { class: 'badge status-' + finding.status, text: ICON[finding.status] + ' ' + finding.label }), ' ',
          el('code', { class: 'where', 'data-testid': 'where', text: finding.where }), ' ',
          el('code', { class: 'rule', text: finding.ruleId }),
          el('span', { class: 'check-title', text: 'Rule: ' + finding.title }),
        ]),
        el('p', { class: 'message', text: finding.message }),
        finding.snippet === undefined ? null : el('pre', { class: 'snippet', 'data-testid': 'snippet' }, el('code', { text: finding.snippet })),
        finding.hints.length === 0 ? null : el('ul', { class: 'hints' }, finding.hints.map(function (hint) {
          return el('li', null, [el('span', { class: 'hint-label', text: 'Fix: ' }), hint]);
        })),
      ]);
      list.appendChild(item);
    });
    section.appendChild(list);
    if (file.notes.length > 0) section.appendChild(el('ul', { class: 'notes muted' }, file.notes.map(function (note) { return el('li', { text: 'note: ' + note }); })));
    root.appendChild(section);
  });
  root.appendChild(el('footer', null, [
    el('p', { 'data-testid': 'summary', text: view.summary }),
    el('p', { text: 'Exit code ' + view.exitCode + '. Secret literals are never shown: their code lines carry *** instead.' }),
  ]));
  document.documentElement.setAttribute('data-rendered', 'true');
})();
`
