import { defineRule, JS_LANGUAGES } from './define-rule.js'
import { isBadShape } from './support/js-flow.js'
import { handOffOrigins } from './support/login-callbacks.js'

const SHAPES: Readonly<Record<string, string>> = {
  object: 'an object',
  response: 'the fetch Response object',
  'parsed-body': 'the whole parsed response body',
  'json-stringify': 'a JSON.stringify(…) string (with quotes)',
  bearer: "a 'Bearer …' string",
  concatenation: 'a string concatenated with other text',
  template: 'a template literal with other text around the token',
}

/** What reaches successCallback must be the bare `a.b.c` token string. */
export default defineRule({
  id: 'callback-not-bare-token',
  title: 'successCallback gets the bare token string',
  severity: 'error',
  description:
    'The value handed to successCallback in getJwtTokenCallback is not the bare JWT string: the parsed response body (data instead of data.token), the fetch Response, JSON.stringify(…), \'Bearer \' + token, or a template literal with other text. Zoho requires "an alphanumeric string partitioned by two dots (.). No other characters must be present before or after it"; anything else ends in {"error":"general_error"} and a guest widget.',
  languages: JS_LANGUAGES,
  trigger: /ZohoDeskAsap/,
  messages: {
    'text-of-json': {
      text: 'successCallback receives the raw text of {{endpoint}}, which this tree answers with JSON: the token arrives wrapped in {"…"} with quotes.',
      hints: [
        "Read the field: fetch('{{endpoint}}').then((r) => r.json()).then((d) => successCallback(d.token)), or answer with the bare token as text/plain.",
      ],
    },
    'not-bare': {
      text: 'successCallback receives {{shape}}, not the bare token string.',
      hints: ['Pass only the token: successCallback(data.token) (or the field your endpoint uses), with no prefix, quotes or wrapping.'],
    },
  },
  check(context) {
    for (const { at, origin } of handOffOrigins(context.scripts)) {
      // Decided with the whole tree: only if the same tree's handler answers that endpoint with JSON.
      if (origin.kind === 'text-body' && origin.url !== undefined)
        context.report('text-of-json', { endpoint: origin.url, ifJsonEndpoint: origin.url }, { start: at.start, end: at.end })
      if (!isBadShape(origin)) continue
      context.report('not-bare', { shape: SHAPES[origin.kind] ?? origin.kind, kind: origin.kind }, { start: at.start, end: at.end })
    }
  },
})
