import { afterEach, describe, expect, it } from 'vitest'
import { createDeskUserDirectory } from '../../src/desk/desk-user-directory.js'
import { assertCredentialTarget, parseBaseUrl } from '../../src/desk/endpoints.js'
import { createAccessTokenSource } from '../../src/desk/oauth.js'
import type { DeskAuth } from '../../src/desk/oauth.js'
import type { HttpClient, HttpResponse } from '../../src/net/http-client.js'
import { createUndiciHttpClient } from '../../src/net/undici-client.js'
import { FAKE_ORG_ID, startFakeDeskServer } from '../helpers/fake-desk-server.js'
import type { FakeDeskServer, FakeOAuthClient, RecordedRequest } from '../helpers/fake-desk-server.js'

const CLIENT: FakeOAuthClient = {
  clientId: '1000.CLIENTID4ASAPDOCTOR0000000000',
  clientSecret: 'c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00aa',
  refreshToken: '1000.refresh5ecret.0123456789abcdef0123456789abcdef',
  accessToken: '1000.minted-access-token.fedcba9876543210fedcba9876543210',
}
const JANE = 'jane.doe@example.com'

const cleanup: (() => Promise<void>)[] = []
afterEach(async () => {
  await Promise.all(cleanup.splice(0).map((close) => close()))
})

async function servers(
  accountsOptions: Parameters<typeof startFakeDeskServer>[0] = {},
): Promise<{ accounts: FakeDeskServer; desk: FakeDeskServer; auth: DeskAuth; http: HttpClient }> {
  const accounts = await startFakeDeskServer({ oauth: CLIENT, ...accountsOptions })
  const desk = await startFakeDeskServer({
    accessTokens: [CLIENT.accessToken],
    contacts: [{ email: JANE }],
    helpCenterUsers: [{ email: JANE, status: 'ACTIVE' }],
  })
  const http = createUndiciHttpClient({ timeoutMs: 2000 })
  cleanup.push(
    () => accounts.close(),
    () => desk.close(),
    () => http.close(),
  )
  const auth: DeskAuth = { kind: 'refresh-token', accountsBaseUrl: accounts.baseUrl, ...CLIENT }
  return { accounts, desk, auth, http }
}

function everything(request: RecordedRequest): string {
  return `${request.path}\n${JSON.stringify(request.headers)}\n${request.body}`
}

describe('refresh-token auth over HTTP', () => {
  it('mints a token at the accounts host, uses it only at the Desk host, and caches it', async () => {
    const { accounts, desk, auth, http } = await servers()
    const users = createDeskUserDirectory({ http, deskBaseUrl: desk.baseUrl, orgId: FAKE_ORG_ID, auth, sleep: async () => {} })
    expect(await users.lookup(JANE)).toMatchObject({ kind: 'active-end-user' })
    expect(await users.lookup(JANE)).toMatchObject({ kind: 'active-end-user' })

    expect(accounts.requests).toHaveLength(1)
    const [tokenRequest] = accounts.requests
    expect(tokenRequest).toMatchObject({ method: 'POST', path: '/oauth/v2/token', headers: { 'content-type': 'application/x-www-form-urlencoded' } })
    expect(Object.fromEntries(new URLSearchParams(tokenRequest?.body))).toEqual({
      refresh_token: CLIENT.refreshToken,
      client_id: CLIENT.clientId,
      client_secret: CLIENT.clientSecret,
      grant_type: 'refresh_token',
    })
    expect(tokenRequest?.headers['authorization']).toBeUndefined()
    for (const request of accounts.requests) expect(everything(request)).not.toContain(CLIENT.accessToken)

    expect(desk.requests).toHaveLength(4)
    for (const request of desk.requests) {
      expect(request.headers['authorization']).toBe(`Zoho-oauthtoken ${CLIENT.accessToken}`)
      expect(everything(request)).not.toContain(CLIENT.clientSecret)
      expect(everything(request)).not.toContain(CLIENT.refreshToken)
      expect(everything(request)).not.toContain(CLIENT.clientId)
    }
  })

  it.each([
    ['a wrong client id', { clientId: '1000.OTHER' }, 'invalid_client', /does not know this client id/],
    ['a wrong client secret', { clientSecret: 'nope' }, 'invalid_client_secret', /client secret does not match/],
    ['a revoked refresh token', { refreshToken: '1000.revoked.x' }, 'invalid_code', /refresh token is invalid, revoked/],
  ])('explains %s and never calls Desk', async (_name, override, errorCode, message) => {
    const { accounts, desk, http } = await servers()
    const auth: DeskAuth = { kind: 'refresh-token', accountsBaseUrl: accounts.baseUrl, ...CLIENT, ...override }
    const users = createDeskUserDirectory({ http, deskBaseUrl: desk.baseUrl, orgId: FAKE_ORG_ID, auth })
    const result = await users.lookup(JANE)
    expect(result).toMatchObject({
      kind: 'api-error',
      errorCode,
      message: expect.stringMatching(message),
      source: `Zoho Accounts ${new URL(accounts.baseUrl).host} (token refresh)`,
    })
    expect(JSON.stringify(result)).not.toContain(CLIENT.clientSecret)
    expect(desk.requests).toHaveLength(0)
  })

  it('retries the token call once after a 5xx', async () => {
    const { accounts, desk, auth, http } = await servers({ fail: { times: 1 } })
    const users = createDeskUserDirectory({ http, deskBaseUrl: desk.baseUrl, orgId: FAKE_ORG_ID, auth, sleep: async () => {} })
    expect(await users.lookup(JANE)).toMatchObject({ kind: 'active-end-user' })
    expect(accounts.requests).toHaveLength(2)
  })

  it('reports a rate-limited token call beyond the ceiling', async () => {
    const { desk, auth, http } = await servers({ rateLimit: { times: 1, retryAfter: '600' } })
    const users = createDeskUserDirectory({ http, deskBaseUrl: desk.baseUrl, orgId: FAKE_ORG_ID, auth })
    expect(await users.lookup(JANE)).toMatchObject({ kind: 'api-error', errorCode: 'RATE_LIMITED', httpStatus: 429 })
  })
})

describe('token answers', () => {
  const auth: DeskAuth = { kind: 'refresh-token', accountsBaseUrl: 'https://accounts.zoho.eu', ...CLIENT }
  const answering = (status: number, body: string, headers: Record<string, string> = {}): HttpClient & { urls: string[] } => {
    const urls: string[] = []
    return {
      urls,
      request: async (req): Promise<HttpResponse> => {
        urls.push(req.url)
        return { status, headers, body, url: req.url }
      },
    }
  }
  const get = (http: HttpClient, now = 0) => createAccessTokenSource(auth, { http, deskBaseUrl: 'https://desk.zoho.eu', now: () => now, sleep: async () => {} })

  it('parses access_token, expires_in and api_domain', async () => {
    const http = answering(200, JSON.stringify({ access_token: 'at', expires_in: 3600, api_domain: 'https://www.zohoapis.eu', token_type: 'Bearer' }))
    expect(await get(http, 1000).get()).toEqual({ ok: true, token: { value: 'at', expiresAt: 3_601_000, apiDomain: 'https://www.zohoapis.eu' } })
    expect(http.urls).toEqual(['https://accounts.zoho.eu/oauth/v2/token'])
  })

  it('mints again when the cached token is about to expire', async () => {
    const http = answering(200, JSON.stringify({ access_token: 'at', expires_in: 3600 }))
    let now = 0
    const source = createAccessTokenSource(auth, { http, deskBaseUrl: 'https://desk.zoho.eu', now: () => now })
    await source.get()
    now = 3_000_000
    await source.get()
    expect(http.urls).toHaveLength(1)
    now = 3_550_000
    await source.get()
    expect(http.urls).toHaveLength(2)
  })

  it.each([
    [
      'Zoho throttling',
      200,
      { error: 'Access Denied', error_description: 'You have made too many requests continuously.' },
      'Access Denied',
      /too many token requests.*too many requests continuously/,
    ],
    ['an unknown error', 200, { error: 'weird_thing' }, 'weird_thing', /refused the token request \(weird_thing\)/],
    ['no access_token', 200, { token_type: 'Bearer' }, 'INVALID_RESPONSE', /without an access_token/],
    ['an HTML error page', 502, '<html>bad gateway</html>', 'HTTP_502', /answered HTTP 502 \(after one retry\)/],
    ['a redirect', 302, '', 'REDIRECT', /not followed/],
  ])('explains %s', async (_name, status, body, errorCode, message) => {
    const http = answering(status, typeof body === 'string' ? body : JSON.stringify(body))
    expect(await get(http).get()).toMatchObject({ ok: false, errorCode, message: expect.stringMatching(message), httpStatus: status })
  })
})

describe('credential routing', () => {
  const http: HttpClient = { request: async () => ({ status: 500, headers: {}, body: '', url: '' }) }
  const base: Omit<Extract<DeskAuth, { kind: 'refresh-token' }>, 'accountsBaseUrl'> = { kind: 'refresh-token', ...CLIENT }

  it.each([
    ['the Desk host itself', 'https://desk.zoho.eu', /refusing to send the client secret and refresh token to the Desk host/],
    ['a Desk host of the same DC family', 'https://desk.zoho.eu:8443', /not a Zoho Accounts OAuth host; use https:\/\/accounts\.zoho\.eu/],
    ['the portal accounts host', 'https://accounts.zohoportal.eu', /not a Zoho Accounts OAuth host/],
    ['another data centre', 'https://accounts.zoho.com', /different data centres/],
    ['plain http', 'http://accounts.zoho.eu', /must use https/],
  ])('refuses to send refresh credentials to %s', (_name, accountsBaseUrl, message) => {
    expect(() => createAccessTokenSource({ ...base, accountsBaseUrl }, { http, deskBaseUrl: 'https://desk.zoho.eu' })).toThrow(message)
  })

  it('accepts the matching accounts host, Canada included', () => {
    expect(() =>
      createAccessTokenSource({ ...base, accountsBaseUrl: 'https://accounts.zohocloud.ca' }, { http, deskBaseUrl: 'https://desk.zohocloud.ca' }),
    ).not.toThrow()
  })

  it('assertCredentialTarget refuses any other origin', () => {
    const desk = parseBaseUrl('https://desk.zoho.eu/', 'Desk URL')
    expect(() => assertCredentialTarget('https://desk.zoho.eu/api/v1/users', desk, 'access token')).not.toThrow()
    for (const url of ['https://desk.zoho.eu.evil.example/api', 'http://desk.zoho.eu/api', 'https://desk.zoho.eu:444/api', 'not a url']) {
      expect(() => assertCredentialTarget(url, desk, 'access token')).toThrow(/refusing to send the access token/)
    }
  })
})
