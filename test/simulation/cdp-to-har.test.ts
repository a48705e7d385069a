import { describe, expect, it } from 'vitest'
import { type CdpBody, cdpToHar } from '../../scripts/cdp-to-har.mjs'

// The converter behind fixtures/scenarios/user-missing-devtools: DevTools Protocol events in, a
// chrome-har-shaped HAR out, with the quirks the HAR reader has to survive.
const WALL = Date.parse('2026-11-21T06:00:00.000Z') / 1000
const timing = {
  requestTime: 100,
  dnsStart: 1,
  dnsEnd: 2,
  connectStart: 2,
  connectEnd: 30,
  sslStart: 10,
  sslEnd: 30,
  sendStart: 31,
  sendEnd: 32,
  receiveHeadersEnd: 40,
}

function exchange(id: string, url: string, opts: { type?: string; setCookie?: string; body?: string; initiator?: Record<string, unknown> } = {}) {
  return [
    {
      method: 'Network.requestWillBeSent',
      params: {
        requestId: id,
        timestamp: 100,
        wallTime: WALL,
        type: opts.type ?? 'Fetch',
        initiator: opts.initiator ?? { type: 'other' },
        request: { url, method: 'POST', headers: { Referer: 'https://app.example.com/', 'User-Agent': 'HeadlessChrome' }, initialPriority: 'High' },
      },
    },
    {
      method: 'Network.requestWillBeSentExtraInfo',
      params: {
        requestId: id,
        headers: { ':authority': new URL(url).host, ':path': new URL(url).pathname, referer: 'https://app.example.com/' },
        associatedCookies: [],
      },
    },
    {
      method: 'Network.responseReceived',
      params: {
        requestId: id,
        type: opts.type ?? 'Fetch',
        response: {
          url,
          status: 400,
          statusText: '',
          headers: {},
          mimeType: 'application/json',
          protocol: 'h2',
          timing,
          remoteIPAddress: '127.0.0.1',
          connectionId: 7,
        },
      },
    },
    {
      method: 'Network.responseReceivedExtraInfo',
      params: { requestId: id, headers: { 'content-type': 'application/json', ...(opts.setCookie ? { 'set-cookie': opts.setCookie } : {}) } },
    },
    { method: 'Network.dataReceived', params: { requestId: id, dataLength: (opts.body ?? '').length } },
    { method: 'Network.loadingFinished', params: { requestId: id, timestamp: 100.05, encodedDataLength: 321 } },
  ]
}

describe('cdpToHar', () => {
  const body = '{"error":"general_error"}'
  const events = [
    {
      method: 'Network.requestWillBeSent',
      params: {
        requestId: 'doc',
        timestamp: 99,
        wallTime: WALL - 1,
        type: 'Document',
        request: { url: 'https://app.example.com/dashboard.html', method: 'GET', headers: {} },
      },
    },
    ...exchange('auth', 'https://accounts.zohoportal.com/accounts/op/712340056/oauth/v2/remote/auth?jwt_token=a.b.c', {
      setCookie: 'iamcsr=abc; Path=/; Secure; SameSite=None',
      body,
      initiator: {
        type: 'script',
        stack: {
          callFrames: [
            { functionName: 'remoteAuth', scriptId: '9', url: 'https://desk.zoho.com/portal/api/web/asapApp/1?orgId=2', lineNumber: 33, columnNumber: 11 },
          ],
        },
      },
    }),
    ...exchange('login', 'https://app.example.com/api/login', { setCookie: 'app_session=s1; Max-Age=1209600; Path=/; Secure; HttpOnly' }),
  ]
  const bodies = new Map<string, CdpBody>([['auth', { body, base64Encoded: false }]])
  const har = cdpToHar(events, { bodies, browserVersion: '156.0' })
  const auth = har.log.entries.find((e) => String(e.request.url).includes('remote/auth'))
  const login = har.log.entries.find((e) => String(e.request.url).endsWith('/api/login'))

  it('writes one entry per finished request, creator chrome-har, one page', () => {
    expect(har.log.entries).toHaveLength(2)
    expect(har.log.creator).toMatchObject({ name: 'chrome-har' })
    expect(har.log.pages).toEqual([expect.objectContaining({ id: 'page_1', title: 'https://app.example.com/dashboard.html' })])
    expect(auth?.startedDateTime).toBe('2026-11-21T06:00:00.000Z')
    expect(auth?.request.queryString).toEqual([{ name: 'jwt_token', value: 'a.b.c' }])
  })

  it('keeps both header sets, h2 and the initiator stack', () => {
    expect(auth?.request.headers.map((h) => h.name)).toEqual(['Referer', 'User-Agent', ':authority', ':path', 'referer'])
    expect(auth?.request.httpVersion).toBe('h2')
    expect(auth?._initiator).toBe('https://desk.zoho.com/portal/api/web/asapApp/1?orgId=2')
    expect(auth?._initiator_function_name).toBe('remoteAuth')
    expect(JSON.parse(String(auth?._initiator_detail)).stack.callFrames[0].functionName).toBe('remoteAuth')
  })

  it('has the quirks: body counted twice, connect including ssl, no cookies parsed cross-site, 1970 cookie dates', () => {
    expect(auth?.response.content).toMatchObject({ text: body, size: 2 * body.length })
    expect(auth?.timings).toMatchObject({ connect: 28, ssl: 20, dns: 1, send: 1, wait: 8 })
    expect(auth?.response.cookies).toEqual([])
    expect(auth?.response.headers).toContainEqual({ name: 'set-cookie', value: 'iamcsr=abc; Path=/; Secure; SameSite=None' })
    expect(login?.response.cookies).toEqual([
      expect.objectContaining({ name: 'app_session', value: 's1', httpOnly: true, expires: expect.stringMatching(/^1970-01-/) }),
    ])
  })
})
