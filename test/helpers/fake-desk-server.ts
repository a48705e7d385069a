import { createServer } from 'node:http'
import type { IncomingMessage, ServerResponse } from 'node:http'

/** A contact as the fake Desk stores it. */
export interface FakeContact {
  readonly email: string
  readonly isEndUser?: boolean
  readonly isSpam?: boolean
  readonly isAnonymous?: boolean
  readonly firstName?: string
  readonly lastName?: string
}

/** A Help Center user as the fake Desk stores it (the status field names are guesses, see verdict.ts). */
export interface FakeHelpCenterUser {
  readonly email: string
  readonly status?: string
  readonly userStatus?: string
  readonly isActive?: boolean
}

/** The self client the fake accounts endpoint accepts. */
export interface FakeOAuthClient {
  readonly clientId: string
  readonly clientSecret: string
  readonly refreshToken: string
  /** What a successful refresh returns. */
  readonly accessToken: string
  readonly expiresIn?: number
}

export interface FakeDeskServerOptions {
  /** The org the tokens belong to; another `orgId` header gets OAUTH_ORG_MISMATCH. */
  readonly orgId?: string
  /** Access tokens Desk accepts (plus `oauth.accessToken`). */
  readonly accessTokens?: readonly string[]
  /** Scopes the tokens carry; default: all the lookup needs. */
  readonly scopes?: readonly string[]
  readonly contacts?: readonly FakeContact[]
  readonly helpCenterUsers?: readonly FakeHelpCenterUser[]
  /** How "no match" looks: 204 with no body (default) or 200 `{"data":[]}`. */
  readonly noMatch?: '204' | 'empty-data'
  /** When false, `/api/v1/users` answers 404 URL_NOT_FOUND. */
  readonly usersApi?: boolean
  readonly oauth?: FakeOAuthClient
  /** Slow variant: wait this long before answering anything. */
  readonly delayMs?: number
  /** Failing variant: answer `status` (default 500) to the first `times` requests, or to all. */
  readonly fail?: { readonly times: number | 'always'; readonly status?: number }
  /** Rate-limiting variant: answer 429 with this `Retry-After` to the first `times` requests. */
  readonly rateLimit?: { readonly times: number; readonly retryAfter: string }
}

export interface RecordedRequest {
  readonly method: string
  /** Path and query as sent. */
  readonly path: string
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
}

export interface FakeDeskServer {
  /** `http://127.0.0.1:<port>` */
  readonly baseUrl: string
  readonly requests: RecordedRequest[]
  close(): Promise<void>
}

export const FAKE_ORG_ID = '712340056'
export const FAKE_ACCESS_TOKEN = '1000.0f1e2d3c4b5a69788796a5b4c3d2e1f0.aabbccddeeff00112233445566778899'
export const ALL_SCOPES: readonly string[] = ['Desk.basic.READ', 'Desk.contacts.READ', 'Desk.search.READ', 'Desk.settings.READ']

const CONTACT_PARAMS = new Set(['email', 'limit', 'from', 'sortBy'])
const USERS_PARAMS = new Set(['searchBy', 'limit', 'from', 'sortBy'])

/**
 * Starts a real HTTP server on 127.0.0.1 (random port) that answers like Zoho Desk and Zoho Accounts:
 * `GET /api/v1/contacts/search?email=`, `GET /api/v1/users?searchBy=(email:equals:…)` and
 * `POST /oauth/v2/token`, with Desk's error envelopes. Every request is recorded before it is answered.
 */
export async function startFakeDeskServer(options: FakeDeskServerOptions = {}): Promise<FakeDeskServer> {
  const requests: RecordedRequest[] = []
  const timers = new Set<NodeJS.Timeout>()
  let failuresLeft = options.fail?.times ?? 0
  let rateLimitsLeft = options.rateLimit?.times ?? 0

  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      requests.push({ method: req.method ?? '', path: req.url ?? '', headers: flatHeaders(req), body })
      const answer = (): void => {
        if (options.fail !== undefined && (failuresLeft === 'always' || failuresLeft > 0)) {
          if (failuresLeft !== 'always') failuresLeft--
          send(res, options.fail.status ?? 500, {
            errorCode: 'INTERNAL_SERVER_ERROR',
            message: 'An internal server error occurred while performing this operation.',
          })
          return
        }
        if (options.rateLimit !== undefined && rateLimitsLeft > 0) {
          rateLimitsLeft--
          send(
            res,
            429,
            { errorCode: 'TOO_MANY_REQUESTS', message: 'API call limit exceeded' },
            { 'Retry-After': options.rateLimit.retryAfter, 'X-Rate-Limit-Remaining-v3': '0' },
          )
          return
        }
        route(req, res, body, options)
      }
      if (options.delayMs === undefined) return answer()
      const timer = setTimeout(() => {
        timers.delete(timer)
        if (!res.destroyed) answer()
      }, options.delayMs)
      timers.add(timer)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  const port = typeof address === 'object' && address !== null ? address.port : 0
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    async close(): Promise<void> {
      for (const timer of timers) clearTimeout(timer)
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

function route(req: IncomingMessage, res: ServerResponse, body: string, options: FakeDeskServerOptions): void {
  const url = new URL(req.url ?? '/', 'http://fake')
  if (req.method === 'POST' && url.pathname === '/oauth/v2/token') return token(res, body, options)
  if (!url.pathname.startsWith('/api/v1/')) return send(res, 404, { errorCode: 'URL_NOT_FOUND', message: 'The URL you requested could not be found.' })

  const authorization = req.headers.authorization
  if (authorization === undefined) return send(res, 401, { errorCode: 'UNAUTHORIZED', message: 'You are not authenticated to perform this operation.' })
  const accepted = [...(options.accessTokens ?? [FAKE_ACCESS_TOKEN]), ...(options.oauth === undefined ? [] : [options.oauth.accessToken])]
  const match = /^Zoho-oauthtoken (\S+)$/.exec(authorization)
  if (match === null || !accepted.includes(match[1] ?? ''))
    return send(res, 401, { errorCode: 'INVALID_OAUTH', message: 'The OAuth Token you provided is invalid.' })
  const orgId = req.headers['orgid']
  if (typeof orgId !== 'string' || orgId === '') return send(res, 422, { errorCode: 'INVALID_DATA', message: 'orgId is missing in the request header.' })
  if (orgId !== (options.orgId ?? FAKE_ORG_ID))
    return send(res, 401, { errorCode: 'OAUTH_ORG_MISMATCH', message: 'The OAuthToken is not valid for specified organization' })

  const scopes = options.scopes ?? ALL_SCOPES
  const need = url.pathname === '/api/v1/users' ? ['Desk.settings.READ'] : ['Desk.contacts.READ', 'Desk.search.READ']
  if (!need.every((scope) => scopes.includes(scope)))
    return send(res, 403, { errorCode: 'SCOPE_MISMATCH', message: 'You do not have sufficient OAuth scope to perform this operation.' })

  if (req.method === 'GET' && url.pathname === '/api/v1/contacts/search') return contactsSearch(res, url, options)
  if (req.method === 'GET' && url.pathname === '/api/v1/users' && options.usersApi !== false) return usersSearch(res, url, options)
  return send(res, 404, { errorCode: 'URL_NOT_FOUND', message: 'The URL you requested could not be found.' })
}

function contactsSearch(res: ServerResponse, url: URL, options: FakeDeskServerOptions): void {
  const extra = [...url.searchParams.keys()].find((key) => !CONTACT_PARAMS.has(key))
  if (extra !== undefined) return send(res, 422, { errorCode: 'UNPROCESSABLE_ENTITY', message: `Extra query parameter '${extra}' is present in the input.` })
  const email = url.searchParams.get('email')
  if (email === null || email === '') return send(res, 422, { errorCode: 'INVALID_DATA', message: 'The data is invalid due to validation restrictions' })
  const found = (options.contacts ?? []).flatMap((contact, index) =>
    contact.email.toLowerCase() === email.toLowerCase()
      ? [
          {
            id: String(40000000100 + index),
            firstName: contact.firstName ?? null,
            lastName: contact.lastName ?? 'Customer',
            email: contact.email,
            secondaryEmail: null,
            isEndUser: contact.isEndUser ?? true,
            isSpam: contact.isSpam ?? false,
            isAnonymous: contact.isAnonymous ?? false,
            accountCount: '0',
            ownerId: '40000000012345',
            webUrl: `https://desk.zoho.com/support/fake/ShowHomePage.do#Contacts/dv/${40000000100 + index}`,
            createdTime: '2026-01-15T10:00:00.000Z',
            modifiedTime: '2026-02-01T08:30:00.000Z',
            customFields: {},
          },
        ]
      : [],
  )
  noMatchOr(res, found, options)
}

function usersSearch(res: ServerResponse, url: URL, options: FakeDeskServerOptions): void {
  const extra = [...url.searchParams.keys()].find((key) => !USERS_PARAMS.has(key))
  if (extra !== undefined) return send(res, 422, { errorCode: 'UNPROCESSABLE_ENTITY', message: `Extra query parameter '${extra}' is present in the input.` })
  const searchBy = /^\((\w+):equals:(.*)\)$/.exec(url.searchParams.get('searchBy') ?? '')
  if (searchBy === null || searchBy[1] !== 'email')
    return send(res, 422, { errorCode: 'INVALID_DATA', message: 'The data is invalid due to validation restrictions' })
  const email = (searchBy[2] ?? '').toLowerCase()
  const found = (options.helpCenterUsers ?? []).flatMap((user, index) =>
    user.email.toLowerCase() === email
      ? [
          {
            id: String(40000000900 + index),
            emailAddress: user.email,
            name: 'Fake User',
            status: user.status,
            userStatus: user.userStatus,
            isActive: user.isActive,
          },
        ]
      : [],
  )
  noMatchOr(res, found, options)
}

function noMatchOr(res: ServerResponse, data: readonly object[], options: FakeDeskServerOptions): void {
  if (data.length > 0 || options.noMatch === 'empty-data') return send(res, 200, { data })
  res.writeHead(204)
  res.end()
}

function token(res: ServerResponse, body: string, options: FakeDeskServerOptions): void {
  const form = new URLSearchParams(body)
  const client = options.oauth
  if (client === undefined) return send(res, 404, { error: 'not_found' })
  // Zoho Accounts answers refusals with HTTP 200 and an `error` field.
  if (form.get('grant_type') !== 'refresh_token') return send(res, 200, { error: 'unsupported_grant_type' })
  if (form.get('client_id') !== client.clientId) return send(res, 200, { error: 'invalid_client' })
  if (form.get('client_secret') !== client.clientSecret) return send(res, 200, { error: 'invalid_client_secret' })
  if (form.get('refresh_token') !== client.refreshToken) return send(res, 200, { error: 'invalid_code' })
  send(res, 200, { access_token: client.accessToken, api_domain: 'https://www.zohoapis.com', token_type: 'Bearer', expires_in: client.expiresIn ?? 3600 })
}

function send(res: ServerResponse, status: number, json: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(json)
  res.writeHead(status, { 'content-type': 'application/json;charset=UTF-8', 'content-length': Buffer.byteLength(text), ...headers })
  res.end(text)
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value
  }
  return headers
}
