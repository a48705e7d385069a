import { Agent, request } from 'undici'
import type { Dispatcher } from 'undici'
import { HttpNetworkError, hostOf } from './http-client.js'
import type { HttpClient, HttpRequest, HttpResponse, NetworkFailure } from './http-client.js'

/** Default whole-request deadline. Desk answers lookups in well under a second when it is healthy. */
export const DEFAULT_TIMEOUT_MS = 10_000

/** Largest response body read. Desk search answers are a few kilobytes. */
export const MAX_RESPONSE_BYTES = 8 * 1024 * 1024

/** Options of {@link createUndiciHttpClient}. */
export interface UndiciHttpClientOptions {
  /** Default deadline for requests that do not set `timeoutMs`; also the connect timeout. */
  readonly timeoutMs?: number
  /** A dispatcher to use instead of a private `Agent` (for example undici's `MockAgent` in tests). */
  readonly dispatcher?: Dispatcher
}

/** The undici-backed {@link HttpClient}, plus `close()` to release its sockets. */
export interface UndiciHttpClient extends HttpClient {
  close(): Promise<void>
}

/**
 * Creates the real {@link HttpClient}. Redirects are never followed (undici's `request` does not
 * follow them unless asked to), timeouts cover connect, headers and body, and every failure to get a
 * response becomes an {@link HttpNetworkError} whose message names only the host.
 *
 * @example
 * const http = createUndiciHttpClient({ timeoutMs: 5000 })
 * const res = await http.request({ method: 'GET', url: 'https://desk.zoho.eu/api/v1/organizations' })
 * await http.close()
 */
export function createUndiciHttpClient(options: UndiciHttpClientOptions = {}): UndiciHttpClient {
  const defaultTimeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const ownAgent = options.dispatcher === undefined ? new Agent({ connect: { timeout: defaultTimeout } }) : undefined
  const dispatcher = options.dispatcher ?? ownAgent

  return {
    async request(req: HttpRequest): Promise<HttpResponse> {
      const timeoutMs = req.timeoutMs ?? defaultTimeout
      const host = hostOf(req.url)
      try {
        const res = await request(req.url, {
          method: req.method,
          headers: req.headers === undefined ? undefined : { ...req.headers },
          body: req.body,
          dispatcher,
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
          // The phase timeouts above restart per phase; this caps the whole exchange.
          signal: AbortSignal.timeout(timeoutMs),
        })
        const body = await readBody(res.body, host, req.maxBytes)
        return { status: res.statusCode, headers: flattenHeaders(res.headers), body, url: req.url }
      } catch (error) {
        if (error instanceof HttpNetworkError) throw error
        throw toNetworkError(error, host, timeoutMs)
      }
    },
    async close(): Promise<void> {
      await ownAgent?.close()
    },
  }
}

async function readBody(body: AsyncIterable<Buffer | string> & { destroy(): unknown }, host: string, maxBytes?: number): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of body) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk
    size += buffer.length
    if (size > (maxBytes ?? MAX_RESPONSE_BYTES)) {
      body.destroy()
      throw new HttpNetworkError(
        'too-large',
        host,
        maxBytes === undefined
          ? `${host} sent a response larger than 8 MiB; not a Desk API answer`
          : `${host} sent a response larger than ${Math.round(maxBytes / 1024 / 1024)} MiB`,
      )
    }
    chunks.push(buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue
    flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value
  }
  return flat
}

/** Maps undici and Node socket errors to one line; the message never includes the URL or headers. */
function toNetworkError(error: unknown, host: string, timeoutMs: number): HttpNetworkError {
  const codes = errorCodes(error)
  const failure = classify(codes)
  const code = codes.find((c) => /^[A-Z][A-Z0-9_]+$/.test(c))
  const suffix = code === undefined ? '' : ` (${code})`
  const message =
    failure === 'timeout'
      ? `${host} did not answer within ${formatSeconds(timeoutMs)}`
      : failure === 'dns'
        ? `cannot resolve host ${host}${suffix}`
        : failure === 'refused'
          ? `cannot reach ${host}: connection refused${suffix}`
          : failure === 'reset'
            ? `connection to ${host} was closed before a complete answer${suffix}`
            : failure === 'tls'
              ? `TLS connection to ${host} failed${suffix}`
              : `request to ${host} failed${suffix}`
  return new HttpNetworkError(failure, host, message, { cause: error })
}

function classify(codes: readonly string[]): NetworkFailure {
  const has = (test: (code: string) => boolean): boolean => codes.some(test)
  if (has((c) => c === 'TimeoutError' || c.endsWith('_TIMEOUT') || c === 'ETIMEDOUT')) return 'timeout'
  if (has((c) => c === 'ENOTFOUND' || c === 'EAI_AGAIN' || c === 'EAI_NONAME')) return 'dns'
  if (has((c) => c === 'ECONNREFUSED' || c === 'EHOSTUNREACH' || c === 'ENETUNREACH')) return 'refused'
  if (has((c) => c === 'ECONNRESET' || c === 'EPIPE' || c === 'UND_ERR_SOCKET' || c === 'UND_ERR_CLOSED')) return 'reset'
  if (has((c) => c.includes('CERT') || c.includes('TLS') || c.includes('SSL'))) return 'tls'
  return 'other'
}

/** Codes and names along the `cause` chain (undici wraps socket errors; aborts carry a DOMException). */
function errorCodes(error: unknown): string[] {
  const codes: string[] = []
  let current: unknown = error
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    if ('code' in current && typeof current.code === 'string') codes.push(current.code)
    if ('name' in current && typeof current.name === 'string' && current.name !== 'Error') codes.push(current.name)
    current = 'cause' in current ? current.cause : undefined
  }
  return codes
}

function formatSeconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`
}
