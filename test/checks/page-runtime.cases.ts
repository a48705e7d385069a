import type { PageRuntimeFacts } from '../../src/core/types.js'
import { NOW } from '../helpers/tokens.js'
import type { CheckCases } from './cases.js'

/** A page where everything went right: the shape `asap-doctor record` reports for the ok scenario. */
const clean: PageRuntimeFacts = {
  readyDefinedAt: NOW - 900,
  asapDefinedAt: NOW - 500,
  readySignalledAt: NOW - 490,
  jwtCallbackCalls: 1,
  errorCallbackCalls: 0,
  invokes: [{ at: NOW - 480, name: 'login', beforeReady: false }],
  callbackValues: [{ at: NOW - 300, type: 'string', length: 176, bareJwt: true, shape: 'bare-jwt' }],
  pageErrors: [],
  consoleErrors: [],
  cspViolations: [],
  blockedCookies: [],
}
const runtime = (facts: Partial<PageRuntimeFacts>) => ({ runtime: { ...clean, ...facts } })
const AUTH = 'https://accounts.zohoportal.com/accounts/op/712340056/oauth/v2/remote/auth?…'
const WIDGET = 'https://desk.zoho.com/portal/api/web/asapApp/4213000000108007?…'
const thirdParty = [
  { at: NOW, url: AUTH, name: 'iamcsr', reason: 'UserPreferences' },
  { at: NOW, url: AUTH, name: '_zpsid', reason: 'UserPreferences' },
]

export default {
  valid: [
    {
      name: 'login after ready, bare token, nothing blocked',
      context: runtime({}),
      messageId: 'ok',
      data: { invokes: 'login', callback: 'a bare token string of 176 characters' },
    },
    { name: 'not recorded in a browser', messageId: 'not-recorded', status: 'skip' },
    {
      name: 'third-party cookies refused by the browser settings: reported, not a failure',
      context: runtime({ blockedCookies: thirdParty }),
      messageId: 'ok-third-party-cookies',
      data: { cookies: 'iamcsr, _zpsid', host: 'accounts.zohoportal.com' },
    },
    {
      name: 'a CSP violation of a non-Zoho host is not the widget',
      context: runtime({ cspViolations: [{ at: NOW, blockedUri: 'https://ads.example.net/x.js', directive: 'script-src-elem' }] }),
      messageId: 'ok',
    },
    {
      name: 'a page error that has nothing to do with the widget',
      context: runtime({ pageErrors: [{ at: NOW, message: 'TypeError: chart is undefined' }] }),
      messageId: 'ok',
    },
    {
      name: 'a cookie refused by an unrelated host',
      context: runtime({ blockedCookies: [{ at: NOW, url: 'https://tracker.example.net/p', name: 'uid', reason: 'SameSiteNoneInsecure' }] }),
      messageId: 'ok',
    },
  ],
  invalid: [
    {
      name: 'script-src blocks the widget script (csp-blocks-widget scenario)',
      context: runtime({
        asapDefinedAt: undefined,
        invokes: [],
        callbackValues: [],
        jwtCallbackCalls: 0,
        cspViolations: [{ at: NOW, blockedUri: WIDGET, directive: 'script-src-elem' }],
      }),
      messageId: 'csp-blocks-widget',
      data: { host: 'desk.zoho.com', origin: 'https://desk.zoho.com', directive: 'script-src-elem' },
    },
    {
      name: 'connect-src blocks accounts.zohoportal.com',
      context: runtime({ cspViolations: [{ at: NOW, blockedUri: AUTH, directive: 'connect-src' }] }),
      messageId: 'csp-blocks-login',
      data: { host: 'accounts.zohoportal.com', origin: 'https://accounts.zohoportal.com' },
    },
    {
      name: 'style-src blocks the widget stylesheet',
      context: runtime({ cspViolations: [{ at: NOW, blockedUri: 'https://static.zohocdn.com/asap/app.css', directive: 'style-src-elem' }] }),
      messageId: 'csp-blocks-zoho',
      data: { directive: 'style-src-elem' },
    },
    {
      name: 'an inline script blocked and ZohoDeskAsapReady never defined: the snippet did not run',
      context: runtime({
        readyDefinedAt: undefined,
        asapDefinedAt: undefined,
        invokes: [],
        callbackValues: [],
        cspViolations: [{ at: NOW, blockedUri: 'inline', directive: 'script-src-elem' }],
      }),
      messageId: 'csp-blocks-snippet',
    },
    {
      name: 'ZohoDeskAsap is not defined (login outside ZohoDeskAsapReady)',
      context: runtime({ invokes: [], callbackValues: [], pageErrors: [{ at: NOW, message: 'ReferenceError: ZohoDeskAsap is not defined' }] }),
      messageId: 'page-error',
      data: { message: 'ReferenceError: ZohoDeskAsap is not defined', more: '' },
    },
    {
      name: 'successCallback(data): an object with the token in a field',
      context: runtime({ callbackValues: [{ at: NOW, type: 'object', bareJwt: false, shape: 'object', keys: ['token', 'expiresIn'], jwtField: 'token' }] }),
      messageId: 'callback-object',
      data: { keys: 'token, expiresIn', field: 'token' },
    },
    {
      name: '"Bearer " + token',
      context: runtime({ callbackValues: [{ at: NOW, type: 'string', length: 183, bareJwt: false, shape: 'bearer-prefix' }] }),
      messageId: 'callback-wrapped',
      data: { length: 183, shape: 'it starts with "Bearer "' },
    },
    {
      name: 'JSON.stringify(token): quoted',
      context: runtime({ callbackValues: [{ at: NOW, type: 'string', length: 178, bareJwt: false, shape: 'quoted' }] }),
      messageId: 'callback-wrapped',
    },
    {
      name: 'successCallback(undefined)',
      context: runtime({ callbackValues: [{ at: NOW, type: 'undefined', bareJwt: false, shape: 'undefined' }] }),
      messageId: 'callback-no-token',
      data: { what: 'undefined' },
    },
    {
      name: 'successCallback("[object Object]")',
      context: runtime({ callbackValues: [{ at: NOW, type: 'string', length: 15, bareJwt: false, shape: 'stringified-object' }] }),
      messageId: 'callback-no-token',
      data: { what: 'the string "[object Object]"' },
    },
    {
      name: 'the widget asked for a token, the page never answered',
      context: runtime({ callbackValues: [], jwtCallbackCalls: 1, errorCallbackCalls: 1 }),
      messageId: 'callback-never-answered',
      data: { calls: 1, errorNote: ' (it called errorCallback 1 time(s))' },
    },
    {
      name: "Zoho's cookies refused as insecure (page on plain HTTP)",
      context: runtime({ blockedCookies: [{ at: NOW, url: AUTH, name: 'iamcsr', reason: 'SameSiteNoneInsecure' }] }),
      messageId: 'cookies-refused',
      status: 'warn',
      data: { cookies: 'iamcsr', host: 'accounts.zohoportal.com', reasons: 'SameSiteNoneInsecure' },
    },
  ],
} satisfies CheckCases
