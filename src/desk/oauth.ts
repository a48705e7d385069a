import { InputError } from '../core/errors.js'
import type { HttpClient } from '../net/http-client.js'
import { requestWithRetry } from '../net/retry.js'
import { assertCredentialTarget, assertEndpointRoles, parseBaseUrl, redact } from './endpoints.js'
import type { BaseUrl } from './endpoints.js'
import { parseJsonObject } from './json.js'

/** How the Desk lookup authenticates: a ready access token, or a self-client refresh token to mint one. */
export type DeskAuth =
  | { readonly kind: 'access-token'; readonly accessToken: string }
  | {
      readonly kind: 'refresh-token'
      /** Zoho Accounts of the org's data centre, e.g. `https://accounts.zoho.eu`. */
      readonly accountsBaseUrl: string
      readonly refreshToken: string
      readonly clientId: string
      readonly clientSecret: string
    }

/** An access token ready for `Authorization: Zoho-oauthtoken …`. */
export interface AccessToken {
  readonly value: string
  /** Epoch milliseconds after which the token should be minted again (minted tokens only). */
  readonly expiresAt?: number
  /** Zoho's `api_domain` (e.g. `https://www.zohoapis.eu`). Not used: Desk's API lives on the desk host. */
  readonly apiDomain?: string
}

/** A token, or why none could be had. `source` names the accounts host that answered. */
export type TokenOutcome =
  | { readonly ok: true; readonly token: AccessToken }
  | {
      readonly ok: false
      /** Zoho's `error` value (`invalid_client`, `invalid_code`, …) or one of ours (`HTTP_503`, `RATE_LIMITED`, `REDIRECT`, `INVALID_RESPONSE`). */
      readonly errorCode: string
      readonly message: string
      readonly httpStatus?: number
      readonly source: string
    }

/** Shared plumbing for calls to Zoho. */
export interface ZohoCallOptions {
  readonly http: HttpClient
  readonly sleep?: (ms: number) => Promise<void>
  readonly maxRetryAfterMs?: number
  readonly timeoutMs?: number
  /** Clock in epoch milliseconds, for token expiry and `Retry-After` dates. */
  readonly now?: () => number
}

/** Gives the access token for Desk calls, minting and caching it when configured with a refresh token. */
export interface AccessTokenSource {
  get(): Promise<TokenOutcome>
  /** Every secret this source knows, so callers can scrub them from any text they report. */
  readonly secrets: readonly string[]
}

/** Minted tokens are renewed this long before Zoho says they expire. */
const EXPIRY_MARGIN_MS = 60_000

/**
 * Explanations of Zoho Accounts `error` values. `invalid_code` for a bad refresh token and the
 * `Access Denied` throttling answer are seen in public integrations, not in Zoho's reference docs.
 */
const OAUTH_ERROR_TEXT: Readonly<Record<string, string>> = {
  invalid_client: 'Zoho Accounts does not know this client id: check it, and that {host} is the data centre where the client was registered',
  invalid_client_secret: 'the client secret does not match the client id',
  invalid_code: 'the refresh token is invalid, revoked, or belongs to another client or data centre',
  invalid_grant: 'the refresh token is invalid or revoked',
  unsupported_grant_type: 'Zoho Accounts refused the refresh_token grant for this client',
  invalid_scope: 'the refresh token was granted with invalid scopes',
  'Access Denied': 'Zoho Accounts refused the request (usually too many token requests in a short time)',
}

/**
 * Creates the token source for a {@link DeskAuth}. The refresh token and client secret go only to
 * `accountsBaseUrl`, in a form-encoded POST body (never the URL, so they stay out of logs).
 *
 * @throws InputError `ERR_INPUT` for unusable URLs, a credential containing whitespace, or an
 *   accounts URL that is the Desk host, not an accounts host, or in another data centre.
 * @example
 * const source = createAccessTokenSource({ kind: 'access-token', accessToken }, { http, deskBaseUrl })
 */
export function createAccessTokenSource(auth: DeskAuth, options: ZohoCallOptions & { readonly deskBaseUrl: string }): AccessTokenSource {
  const desk = parseBaseUrl(options.deskBaseUrl, 'Desk URL')
  if (auth.kind === 'access-token') {
    assertCredential(auth.accessToken, 'access token')
    assertEndpointRoles(desk, undefined)
    const outcome: TokenOutcome = { ok: true, token: { value: auth.accessToken.trim() } }
    return { get: async () => outcome, secrets: [auth.accessToken.trim()] }
  }

  const accounts = parseBaseUrl(auth.accountsBaseUrl, 'Zoho Accounts URL')
  assertCredential(auth.refreshToken, 'refresh token')
  assertCredential(auth.clientId, 'client id')
  assertCredential(auth.clientSecret, 'client secret')
  assertEndpointRoles(desk, accounts)
  const now = options.now ?? Date.now
  const secrets: string[] = [auth.refreshToken.trim(), auth.clientSecret.trim()]
  let cached: AccessToken | undefined
  return {
    secrets,
    async get(): Promise<TokenOutcome> {
      if (cached?.expiresAt !== undefined && cached.expiresAt - EXPIRY_MARGIN_MS > now()) return { ok: true, token: cached }
      const outcome = await mintWithRefreshToken(accounts, auth, { ...options, now })
      if (outcome.ok) {
        cached = outcome.token
        secrets.push(outcome.token.value)
      }
      return outcome
    },
  }
}

/**
 * Mints an access token: `POST {accounts}/oauth/v2/token` with `grant_type=refresh_token`. Every
 * refusal from Zoho becomes `{ ok: false }` with a clear message; only a missing answer throws
 * (`NetworkError`, after one retry).
 */
async function mintWithRefreshToken(accounts: BaseUrl, auth: Extract<DeskAuth, { kind: 'refresh-token' }>, options: ZohoCallOptions): Promise<TokenOutcome> {
  const url = `${accounts.base}/oauth/v2/token`
  assertCredentialTarget(url, accounts, 'client secret and refresh token')
  const source = `Zoho Accounts ${accounts.host} (token refresh)`
  const body = new URLSearchParams({
    refresh_token: auth.refreshToken.trim(),
    client_id: auth.clientId.trim(),
    client_secret: auth.clientSecret.trim(),
    grant_type: 'refresh_token',
  }).toString()
  const outcome = await requestWithRetry(
    options.http,
    { method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' }, body, timeoutMs: options.timeoutMs },
    options,
  )
  const secrets = [auth.refreshToken.trim(), auth.clientSecret.trim()]
  const fail = (errorCode: string, message: string, httpStatus: number): TokenOutcome => ({
    ok: false,
    errorCode,
    message: redact(message, secrets),
    httpStatus,
    source,
  })
  const res = outcome.response
  if (outcome.kind === 'rate-limited') {
    return fail('RATE_LIMITED', `Zoho Accounts ${accounts.host} is rate limiting token requests${retryAfterText(outcome.retryAfterMs)}`, res.status)
  }
  assertCredentialTarget(res.url, accounts, 'client secret and refresh token')
  if (res.status >= 300 && res.status < 400) {
    return fail(
      'REDIRECT',
      `Zoho Accounts ${accounts.host} answered ${res.status} (redirect); not followed so the client secret goes nowhere else: check the accounts URL`,
      res.status,
    )
  }

  const json = parseJsonObject(res.body)
  const error = json === undefined ? undefined : stringField(json, 'error')
  if (error !== undefined) {
    const description = json === undefined ? undefined : stringField(json, 'error_description')
    const known = OAUTH_ERROR_TEXT[error]?.replace('{host}', accounts.host)
    const text = known ?? `Zoho Accounts refused the token request`
    return fail(error, `${text} (${error}${description === undefined ? '' : `: ${description}`})`, res.status)
  }
  if (res.status < 200 || res.status >= 300) {
    return fail(
      `HTTP_${res.status}`,
      `Zoho Accounts ${accounts.host} answered HTTP ${res.status}${outcome.attempts > 1 ? ' (after one retry)' : ''}`,
      res.status,
    )
  }
  const accessToken = json === undefined ? undefined : stringField(json, 'access_token')
  if (json === undefined || accessToken === undefined || accessToken === '') {
    return fail('INVALID_RESPONSE', `Zoho Accounts ${accounts.host} answered without an access_token`, res.status)
  }
  const now = (options.now ?? Date.now)()
  const apiDomain = stringField(json, 'api_domain')
  return { ok: true, token: { value: accessToken, expiresAt: now + expiresInMs(json), ...(apiDomain === undefined ? {} : { apiDomain }) } }
}

/**
 * Lifetime from the token answer. Zoho documents `expires_in` in seconds (3600); older answers carried
 * `expires_in` in milliseconds next to `expires_in_sec`, so prefer `expires_in_sec` and read a huge
 * `expires_in` as milliseconds.
 */
function expiresInMs(json: Readonly<Record<string, unknown>>): number {
  const seconds = json['expires_in_sec']
  if (typeof seconds === 'number' && seconds > 0) return seconds * 1000
  const value = json['expires_in']
  if (typeof value === 'number' && value > 0) return value > 86_400 ? value : value * 1000
  return 3_600_000
}

function assertCredential(value: string, what: string): void {
  const trimmed = value.trim()
  if (trimmed === '') throw new InputError('ERR_INPUT', `the ${what} is empty`)
  if (/[\s\u0000-\u001f\u007f]/.test(trimmed)) throw new InputError('ERR_INPUT', `the ${what} contains whitespace or control characters; paste it again`)
}

function retryAfterText(ms: number | undefined): string {
  return ms === undefined ? '' : ` (Retry-After ${Math.ceil(ms / 1000)} s)`
}

function stringField(json: Readonly<Record<string, unknown>>, name: string): string | undefined {
  const value = json[name]
  return typeof value === 'string' ? value : undefined
}
