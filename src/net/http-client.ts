import { NetworkError } from '../core/errors.js'

/** HTTP methods the tool needs: lookups are reads, the OAuth token call is a form POST. */
export type HttpMethod = 'GET' | 'POST' | 'HEAD'

/** One request. `body` is already encoded; set `content-type` in `headers` to match. */
export interface HttpRequest {
  readonly method: HttpMethod
  readonly url: string
  readonly headers?: Readonly<Record<string, string>>
  readonly body?: string
  /** Whole-request deadline in milliseconds (connect, headers and body). */
  readonly timeoutMs?: number
  /** Largest body read; a larger one is a `too-large` failure. Default: the client's (Desk answers are small). */
  readonly maxBytes?: number
}

/** A complete response. Header names are lower-case; repeated headers are joined with `, `. */
export interface HttpResponse {
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
  /** The URL that answered. Implementations never follow redirects, so this is the request URL. */
  readonly url: string
}

/**
 * The port through which the Desk lookup talks HTTP, so tests can fake it and only the real
 * implementation (`createUndiciHttpClient`) loads undici.
 *
 * Contract: never follow redirects (a 3xx is returned as is, so credentials cannot leak to another
 * host); throw {@link HttpNetworkError} (a `NetworkError`, code `ERR_NETWORK`) when no response arrives.
 */
export interface HttpClient {
  request(request: HttpRequest): Promise<HttpResponse>
}

/** Why a request got no response. `timeout` is never retried: a slow host usually stays slow. */
export type NetworkFailure = 'timeout' | 'dns' | 'refused' | 'reset' | 'tls' | 'too-large' | 'other'

/**
 * A request that got no HTTP response. The message is one line naming the host (never the URL
 * query, a header or a token), for example `cannot reach desk.zoho.com: connection refused`.
 */
export class HttpNetworkError extends NetworkError {
  readonly failure: NetworkFailure
  readonly host: string

  constructor(failure: NetworkFailure, host: string, message: string, options?: { cause?: unknown }) {
    super('ERR_NETWORK', message, options)
    this.failure = failure
    this.host = host
  }
}

/** The `host[:port]` of a URL, for messages (never the path or query). */
export function hostOf(url: string): string {
  try {
    return new URL(url).host
  } catch {
    return 'an invalid URL'
  }
}
