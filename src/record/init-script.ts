/**
 * The script `asap-doctor record` adds to every page before the page's own scripts run. It reports
 * what the widget and the page do through one binding the recorder exposes, as small plain
 * objects (see `observations.ts` for their shapes). It never reports a token: for the value handed
 * to `successCallback` only its JavaScript type, length and shape leave the page.
 *
 * It is a string, not a function, so the page sees exactly this source and the Node side needs no
 * DOM types. Plain ES2017, no dependencies, and every hook is wrapped in try/catch: a recorder
 * that breaks the page it observes would report its own bug as the customer's.
 */
export const RECORDER_BINDING = '__asapDoctorReport'

export const recorderInitScript = String.raw`(() => {
  'use strict';
  if (window.__asapDoctorInstalled) return;
  try { Object.defineProperty(window, '__asapDoctorInstalled', { value: true }); } catch (e) { return; }
  var BINDING = '${RECORDER_BINDING}';
  var JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
  var JWT_INSIDE = /[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*/;
  var MARK = '__asapDoctorWrapped';
  var queue = [];
  var flushing = false;
  var readySignalled = false;
  var insideReady = 0;
  var seen = {};

  function now() { return Date.now(); }
  // The binding may be installed a moment after this script runs: queue until it exists.
  function send(event) { queue.push(event); flush(); }
  function flush() {
    var fn = window[BINDING];
    if (typeof fn !== 'function') {
      if (!flushing) { flushing = true; setTimeout(function () { flushing = false; flush(); }, 20); }
      return;
    }
    while (queue.length > 0) { try { fn(queue.shift()); } catch (e) { /* the recorder went away */ } }
  }
  function once(type, extra) {
    if (seen[type]) return;
    seen[type] = true;
    var event = { type: type, at: now() };
    if (extra) for (var key in extra) event[key] = extra[key];
    send(event);
  }
  function markReady(how) {
    if (readySignalled) return;
    readySignalled = true;
    once('ready-signalled', { how: how });
  }

  function describe(value) {
    var type = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
    if (type === 'string') {
      var bare = JWT.test(value);
      var trimmed = value.trim();
      var shape = bare ? 'bare-jwt'
        : value === '' ? 'empty'
        : /^bearer\s/i.test(trimmed) ? 'bearer-prefix'
        : /^"/.test(trimmed) && /"$/.test(trimmed) ? 'quoted'
        : /^[{\[]/.test(trimmed) ? 'json-text'
        : trimmed !== value && JWT.test(trimmed) ? 'whitespace'
        : value === 'undefined' || value === 'null' || value === '[object Object]' ? 'stringified-' + (value === '[object Object]' ? 'object' : value)
        : JWT_INSIDE.test(value) ? 'jwt-with-extra'
        : 'not-a-jwt';
      return { valueType: 'string', length: value.length, bareJwt: bare, shape: shape };
    }
    if (type === 'object') {
      var keys = [];
      var jwtField;
      try {
        keys = Object.keys(value).slice(0, 8);
        for (var i = 0; i < keys.length; i++) {
          var v = value[keys[i]];
          if (jwtField === undefined && typeof v === 'string' && JWT.test(v)) jwtField = keys[i];
        }
      } catch (e) { /* a hostile getter */ }
      var described = { valueType: 'object', bareJwt: false, shape: 'object', keys: keys.map(function (k) { return String(k).slice(0, 40); }) };
      if (jwtField !== undefined) described.jwtField = String(jwtField).slice(0, 40);
      return described;
    }
    return { valueType: type, bareJwt: false, shape: type };
  }

  function wrapJwtCallback(callback) {
    if (callback[MARK]) return callback;
    var wrapped = function (successCallback, errorCallback) {
      send({ type: 'jwt-callback-called', at: now() });
      var args = Array.prototype.slice.call(arguments);
      if (typeof successCallback === 'function') {
        args[0] = function (value) {
          var event = describe(value);
          event.type = 'callback-value';
          event.at = now();
          send(event);
          return successCallback.apply(this, arguments);
        };
      }
      if (typeof errorCallback === 'function') {
        args[1] = function () {
          send({ type: 'error-callback', at: now() });
          return errorCallback.apply(this, arguments);
        };
      }
      return callback.apply(this, args);
    };
    try { Object.defineProperty(wrapped, MARK, { value: true }); } catch (e) { /* ignore */ }
    return wrapped;
  }

  function wrapInvoke(asap) {
    try {
      if (asap === null || (typeof asap !== 'object' && typeof asap !== 'function')) return;
      var invoke = asap.invoke;
      if (typeof invoke !== 'function' || invoke[MARK]) return;
      var wrapped = function (name) {
        send({ type: 'invoke', at: now(), name: String(name).slice(0, 60), beforeReady: !readySignalled && insideReady === 0 && window.ZohoDeskAsapReadyStatus !== true });
        var args = Array.prototype.slice.call(arguments);
        if (name === 'login' && typeof args[1] === 'function') args[1] = wrapJwtCallback(args[1]);
        return invoke.apply(this, args);
      };
      Object.defineProperty(wrapped, MARK, { value: true });
      asap.invoke = wrapped;
    } catch (e) { /* frozen object: invokes go unrecorded */ }
  }

  function wrapQueue(queue) {
    if (!Array.isArray(queue) || queue[MARK]) return queue;
    try {
      var push = queue.push;
      Object.defineProperty(queue, 'push', { configurable: true, writable: true, value: function () {
        var args = Array.prototype.slice.call(arguments).map(function (callback) { return wrapReadyCallback(callback); });
        return push.apply(this, args);
      } });
      for (var i = 0; i < queue.length; i++) queue[i] = wrapReadyCallback(queue[i]);
      Object.defineProperty(queue, MARK, { value: true });
    } catch (e) { /* frozen: readiness from the flag and polling only */ }
    return queue;
  }
  function wrapReadyCallback(callback) {
    if (typeof callback !== 'function' || callback[MARK]) return callback;
    var wrapped = function () {
      markReady('callback');
      check();
      insideReady++;
      try { return callback.apply(this, arguments); } finally { insideReady--; }
    };
    try { Object.defineProperty(wrapped, MARK, { value: true }); } catch (e) { /* ignore */ }
    return wrapped;
  }
  function watchMember(name, onSet, transform) {
    var value = window[name];
    try {
      Object.defineProperty(window, name, {
        configurable: true,
        enumerable: true,
        get: function () { return value; },
        set: function (next) { value = transform ? transform(next) : next; onSet(next); },
      });
    } catch (e) { /* not configurable: polling only */ }
    if (value !== undefined) { value = transform ? transform(value) : value; onSet(value); }
  }
  function check() {
    try {
      if (typeof window.ZohoDeskAsapReady === 'function') once('ready-defined');
      if (window.ZohoDeskAsap !== undefined && window.ZohoDeskAsap !== null) { once('asap-defined'); wrapInvoke(window.ZohoDeskAsap); }
      if (window.ZohoDeskAsapReadyStatus === true) markReady('status');
    } catch (e) { /* ignore */ }
  }

  watchMember('ZohoDeskAsap__asyncalls', function () { check(); }, wrapQueue);
  watchMember('ZohoDeskAsapReadyStatus', function (value) { if (value === true) { check(); markReady('status'); } });

  // Every script that finishes may have defined the widget: check right after each one loads,
  // and poll (fast at first) for code that defines it some other way.
  try { document.addEventListener('load', function () { check(); }, true); } catch (e) { /* no document */ }
  try { document.addEventListener('DOMContentLoaded', function () { check(); }, true); } catch (e) { /* no document */ }
  var polls = 0;
  var timer = setInterval(function () {
    check();
    if (++polls > 3000) clearInterval(timer);
  }, 10);

  try {
    document.addEventListener('securitypolicyviolation', function (e) {
      send({
        type: 'csp',
        at: now(),
        blockedUri: String(e.blockedURI || ''),
        directive: String(e.effectiveDirective || e.violatedDirective || ''),
        disposition: String(e.disposition || 'enforce'),
        sourceFile: String(e.sourceFile || ''),
      });
    }, true);
  } catch (e) { /* no document */ }
})();`
