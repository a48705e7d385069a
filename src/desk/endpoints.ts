import { InputError } from '../core/errors.js'
import { classifyZohoHost, DATA_CENTERS } from './data-centers.js'

/** A validated base URL (`https://desk.zoho.eu`, or a loopback test server). */
export interface BaseUrl {
  /** `scheme://host[:port]`, the unit credentials are scoped to. */
  readonly origin: string
  /** `host[:port]`, for messages and `source` strings. */
  readonly host: string
  /** Origin plus any path prefix, without a trailing slash; request paths are appended to it. */
  readonly base: string
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]'])

/**
 * Parses a base URL given by the user. Requires `https:` (plain `http:` only for loopback hosts, which
 * tests use), and refuses user-info, query and fragment so nothing secret or surprising rides along.
 *
 * @throws InputError `ERR_INPUT` naming `what` and the problem.
 * @example
 * parseBaseUrl('https://desk.zoho.eu/', 'Desk URL').base // 'https://desk.zoho.eu'
 */
export function parseBaseUrl(value: string, what: string): BaseUrl {
  const text = value.trim()
  let url: URL
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`)
  } catch {
    throw new InputError('ERR_INPUT', `${what} is not a URL: ${JSON.stringify(text)}`)
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) {
    throw new InputError('ERR_INPUT', `${what} must use https:// (got ${url.protocol}//${url.host}); tokens must not travel in clear text`)
  }
  if (url.username !== '' || url.password !== '') throw new InputError('ERR_INPUT', `${what} must not contain a user name or password`)
  if (url.search !== '' || url.hash !== '') throw new InputError('ERR_INPUT', `${what} must not contain a query or fragment`)
  const path = url.pathname.replace(/\/+$/, '')
  return { origin: url.origin, host: url.host, base: `${url.origin}${path}` }
}

/**
 * Refuses to send a credential anywhere but the origin it belongs to. Every request that carries a
 * token or secret goes through this check, so a bad path join or a client that followed a redirect
 * cannot leak it.
 *
 * @throws InputError `ERR_INPUT` when `url` is not on `allowed`'s origin.
 */
export function assertCredentialTarget(url: string, allowed: BaseUrl, credential: string): void {
  let origin: string
  try {
    origin = new URL(url).origin
  } catch {
    origin = ''
  }
  if (origin !== allowed.origin) {
    throw new InputError(
      'ERR_INPUT',
      `refusing to send the ${credential} to ${origin === '' ? 'an invalid URL' : origin}: only ${allowed.origin} may receive it`,
    )
  }
}

/**
 * Checks that the Desk and accounts URLs play their roles: a known Zoho accounts host is not used as
 * the Desk API and vice versa, the refresh credentials never go to the Desk host, and both hosts are
 * in the same data centre (a token minted in one is not valid in another).
 *
 * @throws InputError `ERR_INPUT`.
 */
export function assertEndpointRoles(desk: BaseUrl, accounts: BaseUrl | undefined): void {
  const deskInfo = classifyZohoHost(desk.host)
  if (deskInfo !== undefined && (deskInfo.role === 'accounts' || deskInfo.role === 'portal-accounts')) {
    throw new InputError('ERR_INPUT', `${desk.host} is a Zoho Accounts host, not the Desk API; use https://${DATA_CENTERS[deskInfo.dataCenter].deskHost}`)
  }
  if (accounts === undefined) return
  if (accounts.origin === desk.origin) {
    throw new InputError('ERR_INPUT', `refusing to send the client secret and refresh token to the Desk host ${desk.host}; give the Zoho Accounts URL`)
  }
  const accountsInfo = classifyZohoHost(accounts.host)
  if (accountsInfo !== undefined && accountsInfo.role !== 'accounts') {
    throw new InputError(
      'ERR_INPUT',
      `refusing to send the client secret and refresh token to ${accounts.host}: it is not a Zoho Accounts OAuth host; use https://${DATA_CENTERS[accountsInfo.dataCenter].accountsHost}`,
    )
  }
  if (deskInfo !== undefined && accountsInfo !== undefined && deskInfo.dataCenter !== accountsInfo.dataCenter) {
    throw new InputError(
      'ERR_INPUT',
      `accounts host ${accounts.host} (${accountsInfo.dataCenter}) and Desk host ${desk.host} (${deskInfo.dataCenter}) are in different data centres; a token minted in one is not valid in the other`,
    )
  }
}

/** Replaces every occurrence of the given secrets (tokens, client secret) in `text` with `[redacted]`. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join('[redacted]')
  }
  return out
}
