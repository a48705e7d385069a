import { afterEach, describe, expect, it } from 'vitest'
import type { UserLookupResult } from '../../src/core/types.js'
import { createDeskUserDirectory, DESK_LOOKUP_SCOPES } from '../../src/desk/desk-user-directory.js'
import type { DeskUserDirectoryOptions } from '../../src/desk/desk-user-directory.js'
import type { HttpClient } from '../../src/net/http-client.js'
import { createUndiciHttpClient } from '../../src/net/undici-client.js'
import { FAKE_ACCESS_TOKEN, FAKE_ORG_ID, startFakeDeskServer } from '../helpers/fake-desk-server.js'
import type { FakeDeskServer, FakeDeskServerOptions } from '../helpers/fake-desk-server.js'

const cleanup: (() => Promise<void>)[] = []
afterEach(async () => {
  await Promise.all(cleanup.splice(0).map((close) => close()))
})

interface Setup {
  readonly server: FakeDeskServer
  readonly lookup: (email: string) => Promise<UserLookupResult>
  readonly waits: number[]
}

/** A fake Desk plus a directory talking to it over real HTTP; sleeps are recorded, not waited. */
async function setup(
  serverOptions: FakeDeskServerOptions = {},
  directory: Partial<DeskUserDirectoryOptions> = {},
  deskUrl: (baseUrl: string) => string = (baseUrl) => baseUrl,
): Promise<Setup> {
  const server = await startFakeDeskServer(serverOptions)
  const http = createUndiciHttpClient({ timeoutMs: 2000 })
  cleanup.push(
    () => server.close(),
    () => http.close(),
  )
  const waits: number[] = []
  const users = createDeskUserDirectory({
    http,
    orgId: FAKE_ORG_ID,
    auth: { kind: 'access-token', accessToken: FAKE_ACCESS_TOKEN },
    sleep: async (ms) => void waits.push(ms),
    ...directory,
    deskBaseUrl: deskUrl(directory.deskBaseUrl ?? server.baseUrl),
  })
  return { server, waits, lookup: (email) => users.lookup(email) }
}

const JANE = 'jane.doe@example.com'

describe('createDeskUserDirectory: verdicts over HTTP', () => {
  const cases: { name: string; server: FakeDeskServerOptions; email?: string; expected: Partial<Record<string, unknown>>; requests?: number }[] = [
    {
      name: 'active end user',
      server: { contacts: [{ email: JANE }], helpCenterUsers: [{ email: JANE, status: 'ACTIVE' }] },
      expected: { kind: 'active-end-user', email: JANE },
      requests: 2,
    },
    { name: 'no contact (204)', server: {}, expected: { kind: 'no-contact' }, requests: 1 },
    { name: 'no contact ({data:[]})', server: { noMatch: 'empty-data' }, expected: { kind: 'no-contact' }, requests: 1 },
    { name: 'not an end user', server: { contacts: [{ email: JANE, isEndUser: false }] }, expected: { kind: 'not-end-user', email: JANE }, requests: 1 },
    { name: 'spam', server: { contacts: [{ email: JANE, isSpam: true }] }, expected: { kind: 'spam', email: JANE }, requests: 1 },
    { name: 'anonymous', server: { contacts: [{ email: JANE, isAnonymous: true }] }, expected: { kind: 'anonymous', email: JANE }, requests: 1 },
    {
      name: 'deactivated (status)',
      server: { contacts: [{ email: JANE }], helpCenterUsers: [{ email: JANE, status: 'DEACTIVATED' }] },
      expected: { kind: 'deactivated', email: JANE },
    },
    {
      name: 'deactivated (isActive false)',
      server: { contacts: [{ email: JANE }], helpCenterUsers: [{ email: JANE, isActive: false }] },
      expected: { kind: 'deactivated', email: JANE },
    },
    {
      name: 'deactivated (userStatus Blocked)',
      server: { contacts: [{ email: JANE }], helpCenterUsers: [{ email: JANE, userStatus: 'Blocked' }] },
      expected: { kind: 'deactivated' },
    },
    {
      name: 'pending approval',
      server: { contacts: [{ email: JANE }], helpCenterUsers: [{ email: JANE, status: 'PENDING_APPROVAL' }] },
      expected: { kind: 'pending', email: JANE, state: 'PENDING_APPROVAL' },
    },
    {
      name: 'invited',
      server: { contacts: [{ email: JANE }], helpCenterUsers: [{ email: JANE, status: 'Invited' }] },
      expected: { kind: 'pending', state: 'Invited' },
    },
    {
      name: 'case mismatch',
      server: { contacts: [{ email: 'Jane.Doe@Example.com' }], helpCenterUsers: [{ email: 'Jane.Doe@Example.com', status: 'ACTIVE' }] },
      expected: { kind: 'case-mismatch', storedEmail: 'Jane.Doe@Example.com' },
    },
    {
      name: 'spam wins over a case mismatch',
      server: { contacts: [{ email: 'Jane.Doe@Example.com', isSpam: true }] },
      expected: { kind: 'spam', email: 'Jane.Doe@Example.com' },
    },
    {
      name: 'exact spelling preferred among duplicates',
      server: { contacts: [{ email: 'JANE.DOE@example.com', isEndUser: false }, { email: JANE }], helpCenterUsers: [{ email: JANE, status: 'ACTIVE' }] },
      expected: { kind: 'active-end-user', email: JANE },
    },
    {
      name: 'plus address is encoded',
      email: 'jane+asap@example.com',
      server: { contacts: [{ email: 'jane+asap@example.com' }], helpCenterUsers: [{ email: 'jane+asap@example.com', status: 'ACTIVE' }] },
      expected: { kind: 'active-end-user', email: 'jane+asap@example.com' },
    },
    {
      name: 'wrong org',
      server: { orgId: '20111269432', contacts: [{ email: JANE }] },
      expected: { kind: 'org-mismatch', message: 'The OAuthToken is not valid for specified organization' },
      requests: 1,
    },
    {
      name: 'invalid token',
      server: { accessTokens: ['1000.another-token'] },
      expected: { kind: 'api-error', errorCode: 'INVALID_OAUTH', message: 'The OAuth Token you provided is invalid.', httpStatus: 401 },
      requests: 1,
    },
    {
      name: 'scope mismatch lists the read-only scopes',
      server: { scopes: ['Desk.basic.READ'], contacts: [{ email: JANE }] },
      expected: { kind: 'api-error', errorCode: 'SCOPE_MISMATCH', httpStatus: 403, requiredScopes: DESK_LOOKUP_SCOPES },
    },
    {
      name: 'always 500: reported after exactly one retry',
      server: { fail: { times: 'always' } },
      expected: { kind: 'api-error', errorCode: 'INTERNAL_SERVER_ERROR', httpStatus: 500, message: expect.stringContaining('(after one retry)') },
      requests: 2,
    },
    {
      name: '503 without a Zoho body',
      server: { fail: { times: 'always', status: 503 } },
      expected: { kind: 'api-error', errorCode: 'INTERNAL_SERVER_ERROR', httpStatus: 503 },
      requests: 2,
    },
    {
      name: '500 once, then fine',
      server: { fail: { times: 1 }, contacts: [{ email: JANE }], helpCenterUsers: [{ email: JANE, status: 'ACTIVE' }] },
      expected: { kind: 'active-end-user' },
      requests: 3,
    },
  ]

  it.each(cases)('$name', async ({ server: serverOptions, email, expected, requests }) => {
    const { server, lookup } = await setup(serverOptions)
    const result = await lookup(email ?? JANE)
    expect(result).toMatchObject(expected)
    expect(JSON.stringify(result)).not.toContain(FAKE_ACCESS_TOKEN)
    if (requests !== undefined) expect(server.requests).toHaveLength(requests)
    for (const request of server.requests) {
      expect(request.method).toBe('GET')
      expect(request.headers['orgid']).toBe(FAKE_ORG_ID)
      expect(request.headers['authorization']).toBe(`Zoho-oauthtoken ${FAKE_ACCESS_TOKEN}`)
    }
  })

  it('sends the documented paths and a source naming host and org', async () => {
    const { server, lookup } = await setup({ contacts: [{ email: 'jane+asap@example.com' }], helpCenterUsers: [{ email: 'jane+asap@example.com' }] })
    const result = await lookup('jane+asap@example.com')
    expect(server.requests.map((request) => request.path)).toEqual([
      '/api/v1/contacts/search?email=jane%2Basap%40example.com',
      '/api/v1/users?searchBy=(email:equals:jane%2Basap%40example.com)',
    ])
    expect(result.source).toBe(`Zoho Desk API ${new URL(server.baseUrl).host} (org ${FAKE_ORG_ID})`)
  })

  it('treats the Help Center user search as optional when its scope is missing', async () => {
    const { lookup } = await setup({ scopes: ['Desk.basic.READ', 'Desk.contacts.READ', 'Desk.search.READ'], contacts: [{ email: JANE }] })
    const result = await lookup(JANE)
    expect(result).toMatchObject({ kind: 'active-end-user', source: expect.stringContaining('Help Center user status not checked: SCOPE_MISMATCH') })
  })

  it('notes a missing Help Center user record and an unknown users endpoint', async () => {
    const missing = await setup({ contacts: [{ email: JANE }] })
    expect(await missing.lookup(JANE)).toMatchObject({ kind: 'active-end-user', source: expect.stringContaining('no Help Center user record found') })
    const gone = await setup({ contacts: [{ email: JANE }], usersApi: false })
    expect(await gone.lookup(JANE)).toMatchObject({ kind: 'active-end-user', source: expect.stringContaining('not checked: URL_NOT_FOUND') })
  })

  it('reports URL_NOT_FOUND for a wrong Desk URL path', async () => {
    const { server, lookup } = await setup({ contacts: [{ email: JANE }] }, {}, (base) => `${base}/desk`)
    const result = await lookup(JANE)
    expect(result).toMatchObject({ kind: 'api-error', errorCode: 'URL_NOT_FOUND', httpStatus: 404 })
    expect(server.requests[0]?.path).toBe('/desk/api/v1/contacts/search?email=jane.doe%40example.com')
  })

  it('rejects an empty email', async () => {
    const { lookup } = await setup()
    await expect(lookup('  ')).rejects.toMatchObject({ code: 'ERR_INPUT' })
  })
})

describe('createDeskUserDirectory: rate limits, retries, timeouts', () => {
  it('honours Retry-After within the ceiling (injected sleep)', async () => {
    const { server, lookup, waits } = await setup({ rateLimit: { times: 1, retryAfter: '1' }, contacts: [{ email: JANE }], helpCenterUsers: [{ email: JANE }] })
    expect(await lookup(JANE)).toMatchObject({ kind: 'active-end-user' })
    expect(waits).toEqual([1000])
    expect(server.requests).toHaveLength(3)
  })

  it('gives up at once when Retry-After exceeds the ceiling', async () => {
    const { server, lookup, waits } = await setup({ rateLimit: { times: 1, retryAfter: '120' } })
    const result = await lookup(JANE)
    expect(result).toMatchObject({ kind: 'api-error', errorCode: 'RATE_LIMITED', httpStatus: 429, message: expect.stringContaining('Retry-After 120 s') })
    expect(waits).toEqual([])
    expect(server.requests).toHaveLength(1)
  })

  it('uses the configured ceiling', async () => {
    const { lookup, waits } = await setup({ rateLimit: { times: 1, retryAfter: '5' } }, { maxRetryAfterMs: 2000 })
    expect(await lookup(JANE)).toMatchObject({ kind: 'api-error', errorCode: 'RATE_LIMITED', message: expect.stringContaining('not waiting longer than 2 s') })
    expect(waits).toEqual([])
  })

  it('really waits out a short Retry-After', async () => {
    const server = await startFakeDeskServer({ rateLimit: { times: 1, retryAfter: '1' }, noMatch: 'empty-data' })
    const http = createUndiciHttpClient({ timeoutMs: 2000 })
    cleanup.push(
      () => server.close(),
      () => http.close(),
    )
    const users = createDeskUserDirectory({
      http,
      deskBaseUrl: server.baseUrl,
      orgId: FAKE_ORG_ID,
      auth: { kind: 'access-token', accessToken: FAKE_ACCESS_TOKEN },
    })
    const started = Date.now()
    expect(await users.lookup(JANE)).toMatchObject({ kind: 'no-contact' })
    const elapsed = Date.now() - started
    expect(elapsed).toBeGreaterThanOrEqual(950)
    expect(elapsed).toBeLessThan(1500)
  })

  it('times out promptly with a NetworkError, without a retry and without the token', async () => {
    const { server, lookup } = await setup({ delayMs: 3000 }, { timeoutMs: 300 })
    const started = Date.now()
    const error: unknown = await lookup(JANE).catch((caught: unknown) => caught)
    expect(Date.now() - started).toBeLessThan(1000)
    expect(error).toMatchObject({ code: 'ERR_NETWORK', message: `${new URL(server.baseUrl).host} did not answer within 300 ms` })
    expect(String(error)).not.toContain(FAKE_ACCESS_TOKEN)
    expect(server.requests).toHaveLength(1)
  })

  it('retries a refused connection once, then throws NetworkError', async () => {
    const server = await startFakeDeskServer()
    await server.close()
    const { lookup, waits } = await setup({}, { deskBaseUrl: server.baseUrl })
    await expect(lookup(JANE)).rejects.toMatchObject({ code: 'ERR_NETWORK', failure: 'refused' })
    expect(waits).toEqual([250])
  })
})

describe('createDeskUserDirectory: where the access token may go', () => {
  /** An HttpClient answering like a client that followed a redirect to another host. */
  const followingClient: HttpClient = {
    async request(req) {
      return { status: 200, headers: {}, body: '{"data":[]}', url: req.url.replace('desk.zoho.eu', 'evil.example') }
    },
  }

  it('refuses an answer that came from another host', async () => {
    const users = createDeskUserDirectory({
      http: followingClient,
      deskBaseUrl: 'https://desk.zoho.eu',
      orgId: '1',
      auth: { kind: 'access-token', accessToken: 'tok' },
    })
    await expect(users.lookup(JANE)).rejects.toMatchObject({
      code: 'ERR_INPUT',
      message: expect.stringContaining('refusing to send the access token to https://evil.example'),
    })
  })

  it('reports a redirect instead of following it', async () => {
    const redirecting: HttpClient = { request: async (req) => ({ status: 301, headers: { location: 'https://evil.example/' }, body: '', url: req.url }) }
    const users = createDeskUserDirectory({
      http: redirecting,
      deskBaseUrl: 'https://desk.zoho.eu',
      orgId: '1',
      auth: { kind: 'access-token', accessToken: 'tok' },
    })
    expect(await users.lookup(JANE)).toMatchObject({ kind: 'api-error', errorCode: 'REDIRECT', httpStatus: 301 })
  })

  it('scrubs the token if Desk ever echoes it', async () => {
    const echoing: HttpClient = {
      request: async (req) => ({
        status: 401,
        headers: {},
        body: JSON.stringify({ errorCode: 'INVALID_OAUTH', message: `token ${req.headers?.['Authorization'] ?? ''} is invalid` }),
        url: req.url,
      }),
    }
    const users = createDeskUserDirectory({
      http: echoing,
      deskBaseUrl: 'https://desk.zoho.eu',
      orgId: '1',
      auth: { kind: 'access-token', accessToken: 'tok-secret-1234' },
    })
    const result = await users.lookup(JANE)
    expect(result).toMatchObject({ kind: 'api-error', message: 'token Zoho-oauthtoken [redacted] is invalid' })
  })

  it.each([
    ['http on a public host', { deskBaseUrl: 'http://desk.zoho.eu' }, /must use https/],
    ['an accounts host as Desk', { deskBaseUrl: 'https://accounts.zoho.eu' }, /Zoho Accounts host, not the Desk API; use https:\/\/desk\.zoho\.eu/],
    ['a query in the URL', { deskBaseUrl: 'https://desk.zoho.eu/?x=1' }, /query/],
    ['an org id that is not digits', { orgId: 'abc' }, /org id must be digits/],
    ['a token with a line break', { auth: { kind: 'access-token', accessToken: 'abc\ndef' } }, /whitespace/],
  ] satisfies [string, Partial<DeskUserDirectoryOptions>, RegExp][])('refuses %s', (_name, override, message) => {
    const make = (): unknown =>
      createDeskUserDirectory({
        http: followingClient,
        deskBaseUrl: 'https://desk.zoho.eu',
        orgId: '1',
        auth: { kind: 'access-token', accessToken: 'tok' },
        ...override,
      })
    expect(make).toThrow(message)
  })
})
