import { defineCheck } from '../core/define-check.js'
import type { MessageSpec, Outcome, PageRuntimeFacts } from '../core/types.js'

const ZOHO_HOST = /(^|\.)(zoho|zohoportal|zohocloud|zohopublic|zohostatic|zohocdn)\.[a-z.]+$/i
/** Errors that name the widget's globals or its script. */
const WIDGET_ERROR = /ZohoDeskAsap|ZohoHCAsap|zohodeskasap|asapApp|getJwtTokenCallback/i
/** Chromium's reasons for refusing a cookie because it is third-party (browser settings, not the site). */
const THIRD_PARTY_REASONS = /^(UserPreferences|ThirdPartyPhaseout|ThirdPartyBlockedInFirstPartySet|ThirdPartyBlocked)$/
const STATIC_HOSTS = 'https://static.zohocdn.com https://js.zohostatic.com'
const CSP_WHERE =
  'Change it where the policy is set: the Content-Security-Policy response header (server, CDN or framework config) or a <meta http-equiv="Content-Security-Policy"> tag.'
const BARE = 'Hand over only the token string: fetch(url).then(r => r.json()).then(data => successCallback(data.token)).'

/** Shapes the init script reports for a string that is not a bare a.b.c token, in words. */
const SHAPES: Readonly<Record<string, string>> = {
  'bearer-prefix': 'it starts with "Bearer "',
  quoted: 'it is wrapped in quotes (JSON-encoded twice)',
  'json-text': 'it is JSON text, not the token inside it',
  whitespace: 'it has whitespace or a line break around the token',
  'jwt-with-extra': 'it has other characters around the token',
  'not-a-jwt': 'it has no a.b.c token in it',
}

const messages = {
  ok: {
    status: 'pass',
    text: 'No page error or Content-Security-Policy violation touched the widget; invoke calls: {{invokes}}; successCallback got {{callback}}.',
  },
  'ok-third-party-cookies': {
    status: 'pass',
    text: 'No page error or Content-Security-Policy violation touched the widget; invoke calls: {{invokes}}; successCallback got {{callback}}. This browser blocks third-party cookies and refused {{cookies}} from {{host}}; the login exchange itself does not need them (Zoho answered in the response body).',
  },
  'not-recorded': {
    status: 'skip',
    text: 'Not recorded in a browser: page errors, CSP violations and the successCallback value are seen only by asap-doctor record.',
  },
  'csp-blocks-widget': {
    status: 'fail',
    verdict: "the page's Content-Security-Policy {{directive}} blocks the widget script from {{host}}",
    text: 'The Content-Security-Policy directive {{directive}} blocked {{blockedUri}}: the widget script never ran, so there was nothing to log in.',
    hints: [`Add {{origin}} ${STATIC_HOSTS} to script-src (and to script-src-elem if the policy has it).`, CSP_WHERE],
  },
  'csp-blocks-login': {
    status: 'fail',
    verdict: "the page's Content-Security-Policy {{directive}} blocks the login call to {{host}}",
    text: 'The Content-Security-Policy directive {{directive}} blocked {{blockedUri}}: the widget could not send the token to Zoho.',
    hints: ['Add {{origin}} to connect-src. It is a different domain from *.zoho.com, so a *.zoho.com entry does not cover it.', CSP_WHERE],
  },
  'csp-blocks-zoho': {
    status: 'fail',
    verdict: "the page's Content-Security-Policy {{directive}} blocks {{host}}",
    text: 'The Content-Security-Policy directive {{directive}} blocked {{blockedUri}}, which the widget needs.',
    hints: ['Add {{origin}} to {{directive}}.', CSP_WHERE],
  },
  'csp-blocks-snippet': {
    status: 'fail',
    verdict: "the page's Content-Security-Policy blocks the inline ASAP snippet",
    text: 'The Content-Security-Policy directive {{directive}} blocked an inline script, and window.ZohoDeskAsapReady was never defined: the bootstrap snippet did not run.',
    hints: [
      'Give the snippet\'s <script> the nonce of your policy (the snippet from Zoho has a s.nonce="{place_your_nonce_value_here}" placeholder for the widget script too), or move the snippet into a file served from an allowed origin.',
      CSP_WHERE,
    ],
  },
  'page-error': {
    status: 'fail',
    verdict: 'the page threw "{{message}}"',
    text: 'The page threw an error about the widget: "{{message}}"{{more}}.',
    hints: [
      'If it is "ZohoDeskAsap is not defined" or "Cannot read properties of undefined (reading \'invoke\')", call login inside window.ZohoDeskAsapReady(function () { ZohoDeskAsap.invoke(\'login\', getJwtTokenCallback) }).',
      'If it is "ZohoDeskAsapReady is not defined", paste the whole bootstrap snippet from Zoho Desk before the code that calls it.',
    ],
  },
  'callback-object': {
    status: 'fail',
    verdict: 'getJwtTokenCallback hands successCallback an object, not the token string',
    text: 'getJwtTokenCallback called successCallback with an object (keys: {{keys}}), not the token string{{fieldNote}}.',
    hints: ['Pass the string itself: successCallback(data.{{field}}).', BARE],
  },
  'callback-wrapped': {
    status: 'fail',
    verdict: 'successCallback gets a string that is not a bare token ({{shape}})',
    text: 'getJwtTokenCallback called successCallback with a string of {{length}} characters that is not a bare a.b.c token: {{shape}}.',
    hints: ['Pass exactly the JWT: no "Bearer ", no quotes, no whitespace, not the JSON around it.', BARE],
  },
  'callback-no-token': {
    status: 'fail',
    verdict: 'successCallback gets {{what}}, no token',
    text: 'getJwtTokenCallback called successCallback with {{what}}: there was no token to send.',
    hints: ['Log what your token endpoint answered in getJwtTokenCallback; read the field that holds the token (data.token) and pass that string.', BARE],
  },
  'callback-never-answered': {
    status: 'fail',
    verdict: 'getJwtTokenCallback never called successCallback',
    text: 'The widget called getJwtTokenCallback {{calls}} time(s), but the page never called successCallback{{errorNote}}.',
    hints: [
      'Check the request getJwtTokenCallback makes (status, CORS, cookies, a thrown exception) and call successCallback(token) once it resolves.',
      'Call errorCallback when the request fails, so the failure is visible instead of a silent guest.',
    ],
  },
  'cookies-refused': {
    status: 'warn',
    text: 'The browser refused {{cookies}} from {{host}} ({{reasons}}).',
    hints: [
      "Serve the page over HTTPS: Zoho's cookies are SameSite=None; Secure, which browsers refuse on plain-HTTP pages and on responses altered by a proxy.",
    ],
  },
} satisfies Record<string, MessageSpec>

type MessageId = keyof typeof messages

export default defineCheck({
  id: 'page-runtime',
  title: 'The page runs the widget: no CSP block, no page error, a bare token handed to successCallback',
  severity: 'error',
  scope: 'session',
  messages,
  run({ runtime }): Outcome<MessageId> {
    if (runtime === undefined) return { messageId: 'not-recorded' }
    const csp = cspOutcome(runtime)
    if (csp !== undefined) return csp
    const errors = runtime.pageErrors.filter((error) => WIDGET_ERROR.test(error.message))
    const firstError = errors[0]
    if (firstError !== undefined) {
      return { messageId: 'page-error', data: { message: firstError.message, more: errors.length > 1 ? ` (and ${errors.length - 1} more)` : '' } }
    }
    const value = runtime.callbackValues.find((item) => !item.bareJwt)
    if (value !== undefined) {
      if (value.type === 'object') {
        const keys = value.keys ?? []
        const field = value.jwtField ?? 'token'
        const fieldNote = value.jwtField === undefined ? '' : `; its field "${value.jwtField}" holds the token`
        return { messageId: 'callback-object', data: { keys: keys.length === 0 ? 'none' : keys.join(', '), field, fieldNote } }
      }
      if (value.type === 'string' && value.shape in SHAPES && value.shape !== 'not-a-jwt') {
        return { messageId: 'callback-wrapped', data: { length: value.length ?? 0, shape: SHAPES[value.shape] ?? value.shape } }
      }
      return { messageId: 'callback-no-token', data: { what: describeEmpty(value) } }
    }
    const calls = runtime.jwtCallbackCalls ?? 0
    if (calls > 0 && runtime.callbackValues.length === 0) {
      const errorCalls = runtime.errorCallbackCalls ?? 0
      return { messageId: 'callback-never-answered', data: { calls, errorNote: errorCalls > 0 ? ` (it called errorCallback ${errorCalls} time(s))` : '' } }
    }
    const zohoCookies = runtime.blockedCookies.filter((cookie) => ZOHO_HOST.test(hostOf(cookie.url)))
    const refused = zohoCookies.filter((cookie) => !cookie.reason.split(', ').every((reason) => THIRD_PARTY_REASONS.test(reason)))
    if (refused.length > 0) {
      return {
        messageId: 'cookies-refused',
        data: { cookies: names(refused), host: hosts(refused), reasons: [...new Set(refused.flatMap((cookie) => cookie.reason.split(', ')))].join(', ') },
      }
    }
    const invokes = runtime.invokes.length === 0 ? 'none' : runtime.invokes.map((item) => item.name).join(', ')
    const good = runtime.callbackValues.find((item) => item.bareJwt)
    const callback = good === undefined ? 'nothing (it was not called)' : `a bare token string of ${good.length ?? 0} characters`
    if (zohoCookies.length > 0)
      return { messageId: 'ok-third-party-cookies', data: { invokes, callback, cookies: names(zohoCookies), host: hosts(zohoCookies) } }
    return { messageId: 'ok', data: { invokes, callback } }
  },
})

function cspOutcome(runtime: PageRuntimeFacts): Outcome<MessageId> | undefined {
  for (const violation of runtime.cspViolations) {
    const host = hostOf(violation.blockedUri)
    const directive = violation.directive
    if (host !== '' && ZOHO_HOST.test(host)) {
      const data = { directive, blockedUri: violation.blockedUri, host, origin: originOf(violation.blockedUri) }
      if (/^script-src/.test(directive)) return { messageId: 'csp-blocks-widget', data }
      if (directive === 'connect-src') return { messageId: 'csp-blocks-login', data }
      return { messageId: 'csp-blocks-zoho', data }
    }
  }
  const inline = runtime.cspViolations.find((violation) => violation.blockedUri === 'inline' && /^script-src/.test(violation.directive))
  if (inline !== undefined && runtime.readyDefinedAt === undefined) return { messageId: 'csp-blocks-snippet', data: { directive: inline.directive } }
  return undefined
}

function describeEmpty(value: PageRuntimeFacts['callbackValues'][number]): string {
  if (value.type === 'string') {
    if (value.shape === 'empty') return 'an empty string'
    if (value.shape.startsWith('stringified-')) return `the string "${value.shape.slice('stringified-'.length).replace('object', '[object Object]')}"`
    return `a string of ${value.length ?? 0} characters with no a.b.c token in it`
  }
  return value.type === 'undefined' || value.type === 'null' ? value.type : `a ${value.type}`
}

function hostOf(url: string): string {
  try {
    return new URL(url.replace(/\?….*$/, '')).hostname
  } catch {
    return ''
  }
}

function originOf(url: string): string {
  try {
    const parsed = new URL(url.replace(/\?….*$/, ''))
    // Zoho serves everything over HTTPS; a policy should name https even if a test maps it to http.
    return `https://${parsed.host}`
  } catch {
    return url
  }
}

function names(cookies: PageRuntimeFacts['blockedCookies']): string {
  return [...new Set(cookies.map((cookie) => cookie.name))].join(', ')
}

function hosts(cookies: PageRuntimeFacts['blockedCookies']): string {
  return [...new Set(cookies.map((cookie) => hostOf(cookie.url)))].join(', ')
}
