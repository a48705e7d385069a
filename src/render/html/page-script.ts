/**
 * The report page's one inline script. It reads the embedded report and its view (JSON data
 * blocks) and builds the page with createElement/createElementNS and textContent only: no value
 * from the input is ever parsed as markup, and the page's CSP allows this script alone (by hash).
 * Plain ES2020 with no template literals, so it can live in a String.raw module and needs no build.
 */
export const PAGE_SCRIPT = String.raw`
(function () {
  'use strict';
  var NS = 'http://www.w3.org/2000/svg';
  function readJson(id) {
    var node = document.getElementById(id);
    return JSON.parse(node ? node.textContent || 'null' : 'null');
  }
  var report = readJson('asap-doctor-report');
  var view = readJson('asap-doctor-view');
  var root = document.getElementById('report');
  if (!report || !view || !root) return;

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    setAll(node, attrs);
    append(node, children);
    return node;
  }
  function svg(tag, attrs, children) {
    var node = document.createElementNS(NS, tag);
    setAll(node, attrs);
    append(node, children);
    return node;
  }
  function setAll(node, attrs) {
    if (!attrs) return;
    Object.keys(attrs).forEach(function (key) {
      var value = attrs[key];
      if (value === undefined || value === null || value === false) return;
      if (key === 'text') node.textContent = String(value);
      else node.setAttribute(key, String(value));
    });
  }
  function append(node, children) {
    if (children === undefined || children === null) return;
    (Array.isArray(children) ? children : [children]).forEach(function (child) {
      if (child === undefined || child === null || child === false) return;
      node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    });
  }
  var ICON = { pass: '\u2713', fail: '\u2717', warn: '!', skip: '\u25CB', error: '\u2717' };
  var TONE_ICON = { good: '\u2713', bad: '\u2717', warn: '!', neutral: '\u25CB' };
  function badge(tone, word) {
    return el('span', { class: 'badge tone-' + tone, text: (TONE_ICON[tone] || '') + ' ' + word });
  }

  // ---- header, verdict, outcomes, fix ----
  var subjects = report.subjects || [];
  append(root, [
    el('header', null, [
      el('h1', { text: 'ASAP login report' }),
      el('p', { class: 'meta', text: report.tool.name + ' ' + report.tool.version + ' \u00B7 ' + report.command + ' \u00B7 evaluated ' + report.evaluatedAt }),
    ]),
  ]);
  var verdict = el('section', { class: 'panel', 'aria-labelledby': 'verdict-title' }, [
    el('h2', { id: 'verdict-title', class: 'visually-hidden', text: 'Verdict' }),
    el('p', { class: 'headline', 'data-testid': 'verdict', text: view.headline }),
  ]);
  if (view.attempts.length > 1 || (report.command === 'har' && view.attempts.length > 0)) {
    var list = el('ol', { class: 'outcomes', 'data-testid': 'outcomes' });
    view.attempts.forEach(function (attempt, index) {
      var subject = subjects[index];
      append(list, el('li', { 'data-testid': 'attempt-outcome', 'data-outcome': attempt.outcome }, [
        badge(attempt.tone, attempt.outcome), ' ',
        el('a', { href: '#attempt-' + (index + 1), text: attempt.title }), ': ',
        subject ? subject.verdict : '',
      ]));
    });
    append(verdict, list);
  }
  append(root, verdict);

  var fix = el('section', { 'aria-labelledby': 'fix-title' }, el('h2', { id: 'fix-title', text: 'The fix' }));
  if (view.fixes.length === 0) append(fix, el('p', { 'data-testid': 'no-fix', text: 'Nothing to fix: no check failed.' }));
  view.fixes.forEach(function (item) {
    var where = view.attempts.length > 1 ? ' (' + (item.attempts.length > 1 ? 'attempts ' : 'attempt ') + item.attempts.join(', ') + ')' : '';
    append(fix, el('div', { class: 'fix', 'data-testid': 'fix', 'data-check': item.checkId }, [
      el('p', null, [el('strong', { text: capitalize(item.cause) }), el('span', { class: 'muted', text: ' \u2014 ' + item.checkId + where })]),
      item.hints.length > 0 ? el('ul', null, item.hints.map(function (hint) { return el('li', { text: hint }); })) : null,
    ]));
  });
  append(root, fix);

  // ---- pictures ----
  var drawers = [];
  function figure(testid, caption, draw) {
    var captionId = 'cap-' + drawers.length;
    var fig = el('figure', null, el('figcaption', { id: captionId, text: caption }));
    var entry = { fig: fig, draw: draw, testid: testid, captionId: captionId, node: null };
    drawers.push(entry);
    return fig;
  }
  function drawAll() {
    drawers.forEach(function (entry) {
      var width = Math.max(300, Math.round(entry.fig.clientWidth || 640));
      var picture = entry.draw(width);
      picture.setAttribute('data-testid', entry.testid);
      picture.setAttribute('role', 'img');
      picture.setAttribute('aria-labelledby', entry.captionId);
      if (entry.node) entry.fig.replaceChild(picture, entry.node);
      else entry.fig.insertBefore(picture, entry.fig.firstChild);
      entry.node = picture;
    });
  }

  /** Greedy label rows: a label goes to the first row where it does not overlap the previous one. */
  function placeLabels(items, width, charWidth) {
    var rowsEnd = [];
    return items.map(function (item) {
      var w = item.text.length * charWidth + 8;
      var left = Math.min(Math.max(item.px - w / 2, 0), width - w);
      var row = 0;
      while (row < rowsEnd.length && rowsEnd[row] > left) row++;
      if (row > 5) row = 5;
      rowsEnd[row] = left + w;
      return { item: item, row: row, x: left + w / 2 };
    });
  }

  /** Splits a label into lines that fit the drawing width (an estimate: SVG text does not wrap). */
  function wrap(text, width, charWidth) {
    var max = Math.max(12, Math.floor(width / charWidth));
    var lines = [];
    var line = '';
    text.split(' ').forEach(function (word) {
      var candidate = line === '' ? word : line + ' ' + word;
      if (candidate.length <= max || line === '') line = candidate;
      else { lines.push(line); line = word; }
    });
    if (line !== '') lines.push(line);
    return lines;
  }
  function marker(kind, x, y, cls) {
    if (kind === 'page') return svg('rect', { x: x - 5, y: y - 5, width: 10, height: 10, class: cls });
    if (kind === 'token-endpoint') return svg('path', { d: 'M' + x + ' ' + (y - 6) + 'L' + (x + 6) + ' ' + (y + 5) + 'L' + (x - 6) + ' ' + (y + 5) + 'Z', class: cls });
    if (kind === 'auth-call') return svg('path', { d: 'M' + x + ' ' + (y - 7) + 'L' + (x + 7) + ' ' + y + 'L' + x + ' ' + (y + 7) + 'L' + (x - 7) + ' ' + y + 'Z', class: cls });
    if (kind === 'mint') return svg('circle', { cx: x, cy: y, r: 6, class: cls });
    return svg('circle', { cx: x, cy: y, r: kind === 'sighting' ? 3.5 : 5, class: cls });
  }
  function breakGlyph(x, y) {
    return svg('path', { class: 'break', d: 'M' + (x - 6) + ' ' + (y + 7) + 'L' + (x - 1) + ' ' + (y - 7) + 'M' + (x + 1) + ' ' + (y + 7) + 'L' + (x + 6) + ' ' + (y - 7) });
  }

  function drawTimeline(timeline) {
    return function (width) {
      var margin = 10;
      var inner = width - 2 * margin;
      var px = function (x) { return margin + x * inner; };
      var group = [];
      var y = 4;
      timeline.lanes.forEach(function (lane) {
        wrap(lane.label + ' \u00B7 ' + lane.outcome, inner, 7.2).forEach(function (line) {
          group.push(svg('text', { x: margin, y: y + 12, class: 'lane-label', text: line }));
          y += 16;
        });
        y += 2;
        if (lane.gap) {
          var g0 = px(lane.gap.x0), g1 = px(lane.gap.x1);
          var gapLines = wrap(lane.gap.label, inner, 6.6);
          gapLines.forEach(function (line) {
            var labelWidth = line.length * 6.6 + 8;
            var center = Math.min(Math.max((g0 + g1) / 2, margin + labelWidth / 2), width - margin - labelWidth / 2);
            group.push(svg('text', { x: center, y: y + 11, 'text-anchor': 'middle', class: lane.gap.bad ? 'gap-bad' : 'muted-text', text: line }));
            y += 14;
          });
          group.push(svg('path', { class: 'bracket' + (lane.gap.bad ? ' bracket-bad' : ''), d: 'M' + g0 + ' ' + (y + 8) + 'V' + (y + 2) + 'H' + g1 + 'V' + (y + 8) }));
          y += 6;
        }
        var trackY = y + 12;
        group.push(svg('line', { class: 'track', x1: margin, x2: width - margin, y1: trackY, y2: trackY }));
        timeline.breaks.forEach(function (x) { group.push(breakGlyph(px(x), trackY)); });
        lane.marks.forEach(function (mark) {
          var cls = 'mk' + (mark.failed ? ' mk-failed' : mark.current ? ' mk-current' : '');
          var shape = marker(mark.kind, px(mark.x), trackY, cls);
          append(shape, svg('title', { text: mark.time + ' \u2014 ' + mark.label }));
          group.push(shape);
          if (mark.failed && mark.kind !== 'mint') {
            var cx = px(mark.x);
            group.push(svg('path', { class: 'cross', d: 'M' + (cx - 3) + ' ' + (trackY - 3) + 'L' + (cx + 3) + ' ' + (trackY + 3) + 'M' + (cx + 3) + ' ' + (trackY - 3) + 'L' + (cx - 3) + ' ' + (trackY + 3) }));
          }
        });
        var placed = placeLabels(lane.marks.map(function (mark) { return { px: px(mark.x), text: mark.short, failed: mark.failed }; }), width, 6.6);
        var rows = 0;
        placed.forEach(function (p) {
          rows = Math.max(rows, p.row + 1);
          group.push(svg('text', { x: p.x, y: trackY + 22 + p.row * 14, 'text-anchor': 'middle', class: p.item.failed ? 'gap-bad' : '', text: p.item.text }));
        });
        y = trackY + 14 + rows * 14 + 10;
      });
      var axisY = y + 4;
      group.push(svg('line', { class: 'axis', x1: margin, x2: width - margin, y1: axisY, y2: axisY }));
      timeline.breaks.forEach(function (x) { group.push(breakGlyph(px(x), axisY)); });
      var lastEnd = -Infinity;
      timeline.ticks.forEach(function (tick) {
        var x = px(tick.x);
        group.push(svg('line', { class: 'tick', x1: x, x2: x, y1: axisY, y2: axisY + 5 }));
        var w = tick.label.length * 6;
        if (x - w / 2 > lastEnd + 6 && x + w / 2 <= width) {
          group.push(svg('text', { x: x, y: axisY + 17, 'text-anchor': 'middle', class: 'muted-text', text: tick.label }));
          lastEnd = x + w / 2;
        }
      });
      if (timeline.breaks.length > 0) group.push(svg('text', { x: margin, y: axisY + 17, class: 'muted-text', text: 'earlier' }));
      var height = axisY + 26;
      return svg('svg', { viewBox: '0 0 ' + width + ' ' + height, width: '100%', height: height, preserveAspectRatio: 'xMinYMin meet' }, group);
    };
  }

  function drawValidity(validity) {
    return function (width) {
      var margin = 10;
      var inner = width - 2 * margin;
      var px = function (x) { return margin + x * inner; };
      var group = [];
      var barY = 14, barH = 18, axisY = barY + barH + 6;
      validity.segments.forEach(function (segment) {
        var x0 = px(segment.x0), x1 = px(segment.x1);
        group.push(svg('rect', { class: 'seg-' + segment.kind, x: Math.min(x0, x1), y: segment.kind === 'intended' ? barY + 3 : barY, width: Math.max(Math.abs(x1 - x0), 2), height: segment.kind === 'intended' ? barH - 6 : barH }));
      });
      group.push(svg('line', { class: 'axis', x1: margin, x2: width - margin, y1: axisY, y2: axisY }));
      validity.breaks.forEach(function (x) { group.push(breakGlyph(px(x), axisY)); });
      validity.marks.forEach(function (mark) {
        var x = px(mark.x);
        var line = svg('line', { class: 'vm vm-' + mark.kind, x1: x, x2: x, y1: barY - 8, y2: axisY + 6 });
        append(line, svg('title', { text: mark.detail }));
        group.push(line);
      });
      var placed = placeLabels(validity.marks.map(function (mark) { return { px: px(mark.x), text: mark.label, kind: mark.kind }; }), width, 7);
      var rows = 0;
      placed.forEach(function (p) {
        rows = Math.max(rows, p.row + 1);
        group.push(svg('text', { x: p.x, y: axisY + 20 + p.row * 14, 'text-anchor': 'middle', class: p.item.kind === 'at' ? 'lane-label' : '', text: p.item.text }));
      });
      var height = axisY + 20 + rows * 14;
      return svg('svg', { viewBox: '0 0 ' + width + ' ' + height, width: '100%', height: height, preserveAspectRatio: 'xMinYMin meet' }, group);
    };
  }

  if (view.timeline) {
    append(root, el('section', { 'aria-labelledby': 'timeline-title' }, [
      el('h2', { id: 'timeline-title', text: 'Session timeline' }),
      figure('timeline-svg', view.timeline.caption, drawTimeline(view.timeline)),
    ]));
  }

  // ---- one section per attempt / subject ----
  subjects.forEach(function (subject, index) {
    var attempt = view.attempts[index];
    var section = el('section', { id: 'attempt-' + (index + 1), 'data-testid': 'attempt', 'aria-labelledby': 'attempt-title-' + (index + 1) }, [
      el('h2', { id: 'attempt-title-' + (index + 1) }, [attempt.title + ' ', badge(attempt.tone, attempt.outcome)]),
      el('p', { class: 'headline', 'data-testid': 'attempt-verdict', text: subject.verdict }),
    ]);
    if (subject.token) append(section, el('p', null, [el('span', { class: 'muted', text: 'Token (signature ' + (/\.\*\*\*$/.test(subject.token.masked) ? 'masked' : 'shown') + '): ' }), el('code', { text: shorten(subject.token.masked) })]));
    if (subject.source.url) append(section, el('p', null, [el('span', { class: 'muted', text: 'Request: ' }), el('code', { text: subject.source.url })]));
    if (subject.notes.length > 0) append(section, el('ul', { class: 'notes' }, subject.notes.map(function (note) { return el('li', { class: 'muted', text: note }); })));

    append(section, el('h3', { text: 'Checks' }));
    var table = el('table', { class: 'checks' }, [
      el('caption', { class: 'visually-hidden', text: 'Checks for ' + attempt.title }),
      el('colgroup', null, [el('col', { class: 'status' }), el('col', { class: 'check' }), el('col')]),
      el('thead', null, el('tr', null, [el('th', { scope: 'col', text: 'Status' }), el('th', { scope: 'col', text: 'Check' }), el('th', { scope: 'col', text: 'Result and fix' })])),
    ]);
    var body = el('tbody');
    subject.checks.forEach(function (check) {
      var hints = check.status === 'pass' ? [] : check.status === 'skip' ? check.hints.slice(0, 1) : check.hints;
      var label = check.status === 'skip' ? 'Hint: ' : 'Fix: ';
      append(body, el('tr', { 'data-testid': 'check-' + check.id, 'data-status': check.status, class: 'row-' + check.status }, [
        el('td', null, el('span', { class: 'badge status-' + check.status, 'data-testid': 'status', text: ICON[check.status] + ' ' + check.status })),
        el('td', null, [el('code', { text: check.id }), el('span', { class: 'check-title', text: check.title })]),
        el('td', null, [
          el('span', { text: check.message }),
          hints.length > 0 ? el('ul', null, hints.map(function (hint) { return el('li', null, [el('span', { class: 'hint-label', text: label }), hint]); })) : null,
        ]),
      ]));
    });
    append(table, body);
    append(section, table);

    append(section, el('h3', { text: 'Token validity window' }));
    if (attempt.validity) append(section, figure('validity-svg', capitalize(attempt.validity.headline) + '.', drawValidity(attempt.validity)));
    else append(section, el('p', { class: 'muted', text: attempt.validityNote || '' }));

    if (attempt.claims.length > 0) {
      append(section, el('h3', { text: 'Claims' }));
      append(section, el('table', { class: 'claims' }, [
        el('caption', { class: 'visually-hidden', text: 'Claims, times as Zoho reads them, relative to ' + attempt.at }),
        el('colgroup', null, [el('col', { class: 'claim' }), el('col', { class: 'value' }), el('col')]),
        el('thead', null, el('tr', null, [el('th', { scope: 'col', text: 'Claim' }), el('th', { scope: 'col', text: 'Value' }), el('th', { scope: 'col', text: 'As Zoho reads it (at ' + attempt.at + ')' })])),
        el('tbody', null, attempt.claims.map(function (claim) {
          return el('tr', { 'data-testid': 'claim-' + claim.claim }, [
            el('td', null, el('code', { text: claim.claim })),
            el('td', null, el('code', { text: claim.value })),
            el('td', null, [claim.meaning || '', claim.warning ? el('strong', { class: 'gap-text', text: ' \u2014 ' + claim.warning }) : null]),
          ]);
        })),
      ]));
    }

    var diagnosis = subject.diagnosis;
    if (diagnosis && diagnosis.timeline.length > 0) {
      append(section, el('h3', { text: 'What the recording shows' }));
      append(section, el('table', { class: 'events' }, [
        el('caption', { class: 'visually-hidden', text: 'Recorded events of this page load' }),
        el('colgroup', null, [el('col', { class: 'time' }), el('col')]),
        el('thead', null, el('tr', null, [el('th', { scope: 'col', text: 'Time (UTC)' }), el('th', { scope: 'col', text: 'Event' })])),
        el('tbody', null, diagnosis.timeline.map(function (event) {
          return el('tr', null, [el('td', { class: 'mono', text: event.time.slice(11, 23) }), el('td', { text: (event.entryIndex === undefined ? '' : '#' + event.entryIndex + ' ') + event.label })]);
        })),
      ]));
    }
    if (diagnosis && diagnosis.suspects.length > 0) {
      append(section, el('h3', { text: 'Remaining suspects (a recording cannot prove these; most likely first)' }));
      append(section, el('ol', null, diagnosis.suspects.map(function (suspect) {
        return el('li', { 'data-testid': 'suspect' }, [suspect.title, el('br'), el('span', { class: 'muted', text: 'Confirm: ' + suspect.confirm })]);
      })));
    }
    append(root, section);
  });

  append(root, el('footer', null, [
    el('p', { 'data-testid': 'summary', text: view.summary + '.' }),
    el('p', { text: 'Token signatures are masked unless the report was made with --reveal. Secrets are never included. This file loads nothing from the network.' }),
  ]));

  function capitalize(text) { return text.charAt(0).toUpperCase() + text.slice(1); }
  function shorten(text) { return text.length <= 120 ? text : text.slice(0, 80) + '\u2026' + text.slice(-30); }

  drawAll();
  var pending = false;
  var lastWidth = window.innerWidth;
  window.addEventListener('resize', function () {
    if (pending || window.innerWidth === lastWidth) return;
    pending = true;
    window.requestAnimationFrame(function () { pending = false; lastWidth = window.innerWidth; drawAll(); });
  });
  document.documentElement.setAttribute('data-rendered', 'true');
})();
`
