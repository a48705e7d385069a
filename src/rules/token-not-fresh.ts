import { defineRule, JS_LANGUAGES } from './define-rule.js'
import { isStale } from './support/js-flow.js'
import { handOffOrigins } from './support/login-callbacks.js'

const SOURCES: Readonly<Record<string, string>> = {
  storage: 'browser storage ({{name}})',
  cookie: 'a cookie',
  'module-variable': 'the module-level variable {{name}}',
  'outer-variable': '{{name}}, a value captured from outside the callback',
  memoised: 'a cached (memoised) value or promise ({{name}})',
  literal: 'a string literal written in the code',
}

/**
 * getJwtTokenCallback must fetch a new token each time: the widget calls it again when its
 * one-hour session ends, and a token minted earlier is past its not_after by then.
 */
export default defineRule({
  id: 'token-not-fresh',
  title: 'getJwtTokenCallback fetches a fresh token',
  severity: 'error',
  description:
    'The value passed to successCallback comes from localStorage/sessionStorage, a cookie, a module-level or captured variable, a literal, or a memoised promise, instead of a request made inside getJwtTokenCallback. ASAP tokens live at most ten minutes (not_after) and the widget calls the callback again whenever it needs a new session, so a token cached at app login is expired by the time it is used, and the login falls back to guest.',
  languages: JS_LANGUAGES,
  trigger: /ZohoDeskAsap/,
  messages: {
    cached: {
      text: 'successCallback gets a token from {{source}}, not from a request made inside getJwtTokenCallback.',
      hints: [
        "Fetch a new token inside the callback every time: (ok, fail) => fetch('/asap/jwt', { credentials: 'include' }).then((r) => r.json()).then((d) => ok(d.token), fail)",
      ],
    },
  },
  check(context) {
    for (const { at, origin } of handOffOrigins(context.scripts)) {
      if (!isStale(origin)) continue
      const name = 'name' in origin && origin.name !== undefined ? origin.name : ''
      const template = SOURCES[origin.kind] ?? origin.kind
      context.report('cached', { source: template.replace('{{name}}', name || 'a variable'), kind: origin.kind, name }, { start: at.start, end: at.end })
    }
  },
})
