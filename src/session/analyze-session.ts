import type { HarEntry, HarHeader } from '../har/har-types.js'
import { maskUrl } from '../core/token/mask-token.js'
import type { LoginAttempt, PageError, PageLoad, SessionFacts, TokenPlace, TokenSighting, WidgetScriptSeen } from './session-facts.js'
import { safeDecode } from '../core/url-decode.js'

/** JWTs as they appear in traffic. Sanitizers replace the signature with `REDACTED`, `***` or `[REDACTED]`. */
const JWT = /eyJ[A-Za-z0-9_-]{2,}\.eyJ[A-Za-z0-9_-]{2,}\.(?:\[[A-Za-z _-]{1,24}\]|[A-Za-z0-9_*-]*)/g
const REMOTE_AUTH = /\/accounts\/op\/([^/?#]+)\/oauth\/v2\/remote\/auth\b/
const WIDGET_2 = /\/portal\/api\/web\/asapApp\/([^/?#]+)/
const WIDGET_1 = /\/portal\/api\/web\/inapp\/([^/?#]+)/
const ZOHO_HOST = /(^|\.)(zoho|zohoportal|zohocloud|zohopublic|zohostatic|zohocdn)\.[a-z.]+$/i
const ASAP_ERROR = /ZohoDeskAsap|ZohoHCAsap/

/** One entry as the reader yields it, with the JWTs found inside strings too large to keep. */
export interface SessionEntryInput {
  readonly index: number
  readonly entry: HarEntry
  readonly oversized?: ReadonlyArray<{ readonly path: string; readonly jwts: readonly string[] }>
}

/**
 * Accumulates the facts of a recorded session entry by entry, so a HAR of any size is analysed in
 * one streaming pass: only small facts are kept (attempts, sightings, widget script requests).
 */
export class SessionAnalyzer {
  #entries = 0
  #creator: string | undefined
  readonly #pageLoads: PageLoad[] = []
  readonly #widgetScripts: WidgetScriptSeen[] = []
  readonly #attempts: LoginAttempt[] = []
  /** Keyed by place, detail and token: the app's bearer token on every API call is one sighting, counted. */
  readonly #sightings = new Map<string, TokenSighting>()
  readonly #pageErrors: PageError[] = []

  readonly #pageTitles = new Map<string, string>()

  /** What the HAR says about itself: who recorded it, and its `pages` (titles for the report). */
  setLog(creator: { name?: string; version?: string } | undefined, pages: ReadonlyArray<{ id: string; title: string }>): void {
    if (creator?.name !== undefined) this.#creator = creator.version === undefined ? creator.name : `${creator.name} ${creator.version}`
    for (const page of pages) this.#pageTitles.set(page.id, page.title)
  }

  add({ index, entry, oversized = [] }: SessionEntryInput): void {
    this.#entries++
    const request = entry.request
    const url = safeUrl(request.url)
    if (url === undefined) return
    const startedAt = Date.parse(entry.startedDateTime)
    const time = Number.isFinite(startedAt) ? startedAt : 0
    const pageLoad = Math.max(this.#pageLoads.length - 1, 0)

    if (isDocument(entry) && request.method === 'GET') {
      const html = entry.response.content.encoding === 'base64' ? '' : (entry.response.content.text ?? '')
      this.#pageLoads.push({
        index: this.#pageLoads.length,
        entryIndex: index,
        url: url.href,
        host: url.hostname,
        startedAt: time,
        hasAsapSnippet: /asapApp\/|ZohoDeskAsap|inapp\//.test(html),
        loginOutsideReady: callsLoginOutsideReady(html),
      })
    }

    const widget = WIDGET_2.exec(url.pathname) ?? WIDGET_1.exec(url.pathname)
    if (widget !== null && request.method === 'GET') {
      const orgId = url.searchParams.get('orgId') ?? undefined
      const referer = headerValue(request.headers, 'referer')
      this.#widgetScripts.push({
        entryIndex: index,
        url: url.href,
        host: url.hostname,
        version: WIDGET_2.test(url.pathname) ? '2.0' : '1.0',
        ...(widget[1] === undefined ? {} : { appId: widget[1] }),
        ...(orgId === undefined ? {} : { orgId }),
        status: entry.response.status,
        ...withFailure(entry),
        startedAt: time,
        finishedAt: time + Math.max(entry.time, 0),
        pageLoad: this.#pageLoads.length - 1,
        ...withHost(referer),
      })
    }

    const body = request.postData?.text ?? ''
    if (body !== '' && ASAP_ERROR.test(body) && /error|uncaught|not defined|undefined/i.test(body)) {
      this.#pageErrors.push({ entryIndex: index, startedAt: time, message: own(errorMessage(body)) })
    }

    const found = tokensInRequest(entry, url)
    const auth = REMOTE_AUTH.exec(url.pathname)
    const toZoho = ZOHO_HOST.test(url.hostname)
    // remote/auth is a login attempt whatever its token looks like ("[object Object]", "undefined", "").
    const wire = auth !== null ? wireToken(entry) : undefined
    const wireJwt = wire === undefined ? undefined : jwtsIn(wire.value)[0]
    const attemptToken: Found | undefined =
      wire !== undefined
        ? { token: wireJwt ?? wire.value, place: wire.place, detail: wire.detail }
        : auth !== null
          ? (found.find((t) => t.place === 'query') ?? found[0] ?? { token: '', place: 'query', detail: 'jwt_token' })
          : toZoho
            ? found[0]
            : undefined
    if (attemptToken !== undefined && (auth !== null || toZoho)) {
      // From a Zoho-hosted iframe the Origin is Zoho's; the page that embeds the widget is the last navigation.
      const sent = headerValue(request.headers, 'origin') ?? originOf(headerValue(request.headers, 'referer'))
      const sentHost = sent === undefined ? undefined : safeUrl(sent)?.hostname
      const lastPage = this.#pageLoads.at(-1)
      const origin = sentHost !== undefined && ZOHO_HOST.test(sentHost) && lastPage !== undefined ? new URL(lastPage.url).origin : sent
      const { outcome, error } = classifyResponse(entry)
      this.#attempts.push({
        entryIndex: index,
        startedDateTime: entry.startedDateTime,
        startedAt: time,
        kind: auth !== null ? 'remote-auth' : 'other-zoho',
        method: request.method,
        url: maskUrl(url.href),
        host: url.hostname,
        ...(auth?.[1] === undefined ? {} : { pathId: safeDecode(auth[1]) }),
        ...(wire === undefined ? (auth === null && attemptToken.token !== '' ? { wire: own(attemptToken.token) } : {}) : { wire: own(wire.value) }),
        token: own(attemptToken.token),
        tokenPlace: attemptToken.place,
        status: entry.response.status,
        outcome,
        ...(error === undefined ? {} : { responseError: error }),
        ...(origin === undefined ? {} : { pageOrigin: origin }),
        ...withHost(origin),
        pageLoad,
        ...(entry.pageref === undefined ? {} : { pageref: entry.pageref }),
      })
    }
    const sightings = [
      ...found.filter((t) => t.token !== attemptToken?.token || t.place !== attemptToken.place),
      ...tokensInResponse(entry),
      ...oversized.flatMap((big) => big.jwts.map((token) => ({ token, place: placeOfPath(big.path), detail: big.path }))),
    ]
    for (const sighting of sightings) {
      const key = `${sighting.place}\u0000${sighting.detail ?? ''}\u0000${sighting.token}`
      const seen = this.#sightings.get(key)
      if (seen !== undefined) {
        const entryIndexes = seen.entryIndexes.length < MAX_SIGHTING_ENTRIES ? [...seen.entryIndexes, index] : seen.entryIndexes
        this.#sightings.set(key, { ...seen, count: seen.count + 1, entryIndexes })
        continue
      }
      this.#sightings.set(key, {
        entryIndex: index,
        entryIndexes: [index],
        count: 1,
        startedAt: time,
        startedDateTime: entry.startedDateTime,
        url: maskUrl(url.href),
        place: sighting.place,
        ...(sighting.detail === undefined ? {} : { detail: own(sighting.detail) }),
        token: own(sighting.token),
      })
    }
  }

  finish(): SessionFacts {
    return {
      ...(this.#creator === undefined ? {} : { creator: this.#creator }),
      pageTitles: this.#pageTitles,
      entries: this.#entries,
      pageLoads: this.#pageLoads,
      widgetScripts: this.#widgetScripts,
      attempts: this.#attempts,
      sightings: [...this.#sightings.values()],
      pageErrors: this.#pageErrors,
    }
  }
}

/** Enough entry numbers to place a token on each page load; a token on every API call stays one small sighting. */
const MAX_SIGHTING_ENTRIES = 64
const WIRE_FIELDS = ['jwt_token', 'jwtToken', 'jwt', 'token']
const WIRE_HEADER = /^(x-)?jwt[-_]?token$/i

/**
 * The token parameter of a remote/auth call exactly as the widget sent it: the query's
 * `jwt_token` (then a form or JSON body field, then a header), with only the browser's
 * URL-encoding undone. No cleaning: a `Bearer ` prefix or quotes on the wire are the finding.
 */
function wireToken(entry: HarEntry): { value: string; place: TokenPlace; detail: string } | undefined {
  const request = entry.request
  const query = rawQueryParam(request.url, 'jwt_token')
  if (query !== undefined) return { value: query, place: 'query', detail: 'jwt_token' }
  const post = request.postData
  const text = typeof post?.text === 'string' ? post.text : ''
  if (/^\s*\{/.test(text)) {
    const field = jsonField(text)
    if (field !== undefined) return { ...field, place: 'request body' }
  } else if (text !== '') {
    for (const name of WIRE_FIELDS) {
      const value = formParam(text, name)
      if (value !== undefined) return { value, place: 'request body', detail: name }
    }
  }
  for (const param of post?.params ?? []) {
    if (WIRE_FIELDS.includes(param.name)) return { value: String(param.value ?? ''), place: 'request body', detail: param.name }
  }
  const header = request.headers.find((item) => WIRE_HEADER.test(item.name))
  if (header !== undefined) return { value: String(header.value), place: 'request header', detail: header.name }
  return undefined
}

/** A query parameter with only percent-decoding: URLSearchParams would turn a `+` of a base64 token into a space. */
function rawQueryParam(href: string, name: string): string | undefined {
  const start = href.indexOf('?')
  if (start < 0) return undefined
  const end = href.indexOf('#', start)
  for (const pair of href.slice(start + 1, end < 0 ? undefined : end).split('&')) {
    const equals = pair.indexOf('=')
    const key = equals < 0 ? pair : pair.slice(0, equals)
    if (safeDecode(key) === name) return equals < 0 ? '' : safeDecode(pair.slice(equals + 1))
  }
  return undefined
}

/** A form body field: here `+` is a space, as the form encoding says. */
function formParam(body: string, name: string): string | undefined {
  for (const pair of body.split('&')) {
    const equals = pair.indexOf('=')
    if (equals < 0 || safeDecode(pair.slice(0, equals).replaceAll('+', ' ')) !== name) continue
    return safeDecode(pair.slice(equals + 1).replaceAll('+', ' '))
  }
  return undefined
}

function jsonField(body: string): { value: string; detail: string } | undefined {
  let parsed: unknown
  try {
    parsed = JSON.parse(body)
  } catch {
    return undefined
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined
  for (const name of WIRE_FIELDS) {
    if (!Object.hasOwn(parsed, name)) continue
    const value: unknown = Reflect.get(parsed, name)
    // A non-string here is what the page passed, serialised by the widget: show it as JSON text.
    return { value: typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value)), detail: name }
  }
  return undefined
}

interface Found {
  readonly token: string
  readonly place: TokenPlace
  readonly detail?: string
}

function tokensInRequest(entry: HarEntry, url: URL): Found[] {
  const found: Found[] = []
  for (const [name, value] of url.searchParams) for (const token of jwtsIn(value)) found.push({ token, place: 'query', detail: name })
  const post = entry.request.postData
  for (const token of jwtsIn(post?.text ?? '')) found.push({ token, place: 'request body' })
  for (const param of post?.params ?? []) for (const token of jwtsIn(param.value)) found.push({ token, place: 'request body', detail: param.name })
  for (const header of entry.request.headers) {
    if (header.name.startsWith(':') || /^(referer|cookie)$/i.test(header.name)) continue
    for (const token of jwtsIn(header.value)) found.push({ token, place: 'request header', detail: header.name })
  }
  for (const cookie of entry.request.cookies) for (const token of jwtsIn(cookie.value)) found.push({ token, place: 'request cookie', detail: cookie.name })
  return dedupe(found)
}

function tokensInResponse(entry: HarEntry): Found[] {
  const found: Found[] = []
  const content = entry.response.content
  const text = content.encoding === 'base64' ? decodeBase64Text(content.text ?? '', content.mimeType) : (content.text ?? '')
  for (const token of jwtsIn(text)) found.push({ token, place: 'response body' })
  for (const header of entry.response.headers) {
    if (/^set-cookie$/i.test(header.name)) continue
    for (const token of jwtsIn(header.value)) found.push({ token, place: 'response header', detail: header.name })
  }
  for (const cookie of entry.response.cookies) for (const token of jwtsIn(cookie.value)) found.push({ token, place: 'response cookie', detail: cookie.name })
  return dedupe(found)
}

/** Exporters put non-strings where HAR says string (DevTools: `"value": true` in params); tolerate it. */
function jwtsIn(text: unknown): string[] {
  if (typeof text !== 'string' || !text.includes('eyJ')) return []
  const decoded = text.includes('%2E') || text.includes('%2e') ? safeDecode(text) : text
  return [...decoded.matchAll(JWT)].map((match) => match[0])
}

function dedupe(found: Found[]): Found[] {
  const seen = new Set<string>()
  return found.filter((item) => {
    const key = `${item.place}\u0000${item.token}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

function classifyResponse(entry: HarEntry): { outcome: LoginAttempt['outcome']; error?: string } {
  const { status } = entry.response
  const text = entry.response.content.text ?? ''
  if (status === 0) return { outcome: 'blocked', error: entry.response.statusText || 'no response (CORS, blocked or cancelled)' }
  const error = /"error"\s*:\s*"([^"]+)"/.exec(text)?.[1]
  if (status >= 200 && status < 300 && /"access_token"\s*:/.test(text)) return { outcome: 'accepted' }
  if (error === 'general_error') return { outcome: 'general_error', error }
  if (text.trim() === '') return { outcome: 'empty', ...(status >= 400 ? { error: `HTTP ${status} with an empty body` } : {}) }
  return { outcome: 'other', error: error ?? `HTTP ${status}` }
}

/** Playwright writes `response._failureText`, DevTools exporters `_error` or `response._error`. */
function withFailure(entry: HarEntry): { failure?: string } {
  const failure = [entry.response._failureText, entry.response._error, entry._error].find((value) => typeof value === 'string' && value !== '')
  return typeof failure === 'string' ? { failure: failure.slice(0, 120) } : {}
}

function isDocument(entry: HarEntry): boolean {
  const type = entry._resourceType
  if (typeof type === 'string') return type.toLowerCase() === 'document'
  return /^text\/html/i.test(entry.response.content.mimeType) && entry.response.status >= 200 && entry.response.status < 400
}

/**
 * A static hint from the page's HTML: `invoke('login', …)` that is not inside a
 * `ZohoDeskAsapReady(…)` callback runs before the deferred widget script has defined ZohoDeskAsap.
 */
export function callsLoginOutsideReady(html: string): boolean {
  const call = /ZohoDeskAsap\s*\.\s*invoke\s*\(\s*['"]login['"]/.exec(html)
  if (call === null) return false
  const before = html.slice(Math.max(0, call.index - 400), call.index)
  return !/ZohoDeskAsapReady\s*\(/.test(before)
}

function errorMessage(body: string): string {
  const message = /"message"\s*:\s*"((?:[^"\\]|\\.)*)"/.exec(body)?.[1]
  return (message ?? body).slice(0, 200)
}

/**
 * A copy that does not share memory with the body it was cut from: V8 keeps the whole parent
 * string alive for a slice, and thousands of slices of 256 KB bodies add up on a 1 GB HAR.
 */
function own(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8')
}

function placeOfPath(path: string): TokenPlace {
  if (path.startsWith('response.content')) return 'response body'
  if (path.startsWith('request.postData')) return 'request body'
  if (path.startsWith('request.url')) return 'url'
  return path.startsWith('response') ? 'response header' : 'request header'
}

function headerValue(headers: readonly HarHeader[], name: string): string | undefined {
  return headers.find((header) => header.name.toLowerCase() === name)?.value
}

function originOf(referer: string | undefined): string | undefined {
  const url = referer === undefined ? undefined : safeUrl(referer)
  return url === undefined ? undefined : url.origin
}

function withHost(originOrUrl: string | undefined): { pageHost?: string } {
  const url = originOrUrl === undefined ? undefined : safeUrl(originOrUrl)
  return url === undefined || url.hostname === '' ? {} : { pageHost: url.hostname }
}

function safeUrl(text: string): URL | undefined {
  try {
    return new URL(text)
  } catch {
    return undefined
  }
}

function decodeBase64Text(text: string, mimeType: string): string {
  if (!/json|text|javascript|xml|x-www-form-urlencoded/i.test(mimeType) || text.length > 4 * 1024 * 1024) return ''
  return Buffer.from(text, 'base64').toString('utf8')
}
