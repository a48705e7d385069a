import type { EndpointCall, EndpointFacts } from '../core/types.js'
import { maskSignaturesIn } from '../core/token/mask-token.js'
import { isPlainObject } from '../core/token/parse-token.js'
import { HttpNetworkError, type HttpClient, type HttpMethod, type HttpResponse } from '../net/http-client.js'

export interface ProbeEndpointOptions {
  readonly http: HttpClient
  readonly url: string
  readonly method: HttpMethod
  readonly headers: Readonly<Record<string, string>>
  readonly body?: string
  readonly now: () => number
  /** How many calls; two tell whether the endpoint mints a fresh token each time. */
  readonly calls?: number
  readonly timeoutMs?: number
}

const JWT = /^eyJ[\w-]*\.eyJ[\w-]*\.[\w-]*$/
const TOKEN_FIELDS = ['token', 'jwt', 'jwtToken', 'jwt_token', 'access_token', 'accessToken', 'id_token', 'data']

/**
 * Calls the customer's token endpoint (twice by default) the way getJwtTokenCallback would, and
 * records what a diagnosis needs. Redirects are not followed: a redirect to a login page is itself
 * the finding.
 */
export async function probeEndpoint(options: ProbeEndpointOptions): Promise<EndpointFacts> {
  const calls: EndpointCall[] = []
  for (let index = 0; index < (options.calls ?? 2); index++) {
    let response: HttpResponse
    try {
      response = await options.http.request({
        method: options.method,
        url: options.url,
        headers: { accept: 'application/json, text/plain, */*', ...options.headers },
        ...(options.body === undefined ? {} : { body: options.body }),
        ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      })
    } catch (error) {
      // An endpoint the page cannot reach is the finding (the widget gets no token), not a tool failure.
      if (!(error instanceof HttpNetworkError)) throw error
      calls.push({ status: 0, receivedAt: options.now(), bodyShape: 'empty', bodyExcerpt: '', networkError: error.message })
      break
    }
    const receivedAt = options.now()
    const shape = bodyShape(response.body)
    const date = response.headers.date === undefined ? Number.NaN : Date.parse(response.headers.date)
    calls.push({
      status: response.status,
      ...optional('contentType', response.headers['content-type']),
      ...optional('cacheControl', response.headers['cache-control']),
      ...optional('location', response.headers.location),
      ...(Number.isNaN(date) ? {} : { serverDate: date }),
      receivedAt,
      ...shape,
      bodyExcerpt: maskSignaturesIn(response.body.slice(0, 160), shape.token === undefined ? [] : [shape.token]).replace(/\s+/g, ' '),
    })
    // A failing first call says everything; a second identical failure adds nothing.
    if (response.status < 200 || response.status >= 300) break
  }
  return { url: options.url, method: options.method, calls }
}

/** How a response body carries the token; exported for tests. */
export function bodyShape(body: string): Pick<EndpointCall, 'bodyShape' | 'field' | 'token'> {
  const text = body.trim()
  if (text === '') return { bodyShape: 'empty' }
  if (JWT.test(text)) return { bodyShape: 'bare', token: text }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return { bodyShape: 'other' }
  }
  if (typeof parsed === 'string' && JWT.test(parsed.trim())) return { bodyShape: 'json-string', token: parsed.trim() }
  if (isPlainObject(parsed)) {
    for (const field of TOKEN_FIELDS) {
      const value = parsed[field]
      if (typeof value === 'string' && JWT.test(value.trim())) return { bodyShape: 'json-field', field, token: value.trim() }
      if (isPlainObject(value)) {
        const nested = Object.entries(value).find(([, inner]) => typeof inner === 'string' && JWT.test(inner.trim()))
        if (nested !== undefined && typeof nested[1] === 'string') return { bodyShape: 'json-field', field: `${field}.${nested[0]}`, token: nested[1].trim() }
      }
    }
  }
  return { bodyShape: 'other' }
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return value === undefined ? {} : ({ [key]: value } as { [P in K]?: string })
}
