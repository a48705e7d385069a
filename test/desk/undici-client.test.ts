import { createServer } from 'node:http'
import type { Server } from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import { HttpNetworkError } from '../../src/net/http-client.js'
import { createUndiciHttpClient } from '../../src/net/undici-client.js'
import type { UndiciHttpClient } from '../../src/net/undici-client.js'
import { startFakeDeskServer } from '../helpers/fake-desk-server.js'
import type { FakeDeskServer } from '../helpers/fake-desk-server.js'

const cleanup: (() => Promise<void>)[] = []
afterEach(async () => {
  await Promise.all(cleanup.splice(0).map((close) => close()))
})

function client(timeoutMs = 2000): UndiciHttpClient {
  const http = createUndiciHttpClient({ timeoutMs })
  cleanup.push(() => http.close())
  return http
}

async function fake(options: Parameters<typeof startFakeDeskServer>[0] = {}): Promise<FakeDeskServer> {
  const server = await startFakeDeskServer(options)
  cleanup.push(() => server.close())
  return server
}

/** A raw server for answers the fake Desk never gives (redirects, repeated headers). */
async function raw(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const server: Server = createServer(handler)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  cleanup.push(async () => {
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  })
  const address = server.address()
  return `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`
}

describe('createUndiciHttpClient', () => {
  it('sends method, headers and body, and returns status, lower-case headers and body', async () => {
    const server = await fake({ oauth: { clientId: 'c', clientSecret: 's', refreshToken: 'r', accessToken: 'a' } })
    const res = await client().request({
      method: 'POST',
      url: `${server.baseUrl}/oauth/v2/token`,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=refresh_token&client_id=c&client_secret=s&refresh_token=r',
    })
    expect(res.status).toBe(200)
    expect(res.headers['content-type']).toBe('application/json;charset=UTF-8')
    expect(JSON.parse(res.body)).toMatchObject({ access_token: 'a' })
    expect(res.url).toBe(`${server.baseUrl}/oauth/v2/token`)
    expect(server.requests[0]).toMatchObject({ method: 'POST', path: '/oauth/v2/token', headers: { 'content-type': 'application/x-www-form-urlencoded' } })
  })

  it('joins repeated response headers', async () => {
    const base = await raw((_req, res) => {
      res.setHeader('Set-Cookie', ['a=1', 'b=2'])
      res.end('ok')
    })
    const res = await client().request({ method: 'GET', url: base })
    expect(res.headers['set-cookie']).toBe('a=1, b=2')
  })

  it('never follows a redirect', async () => {
    let hits = 0
    const base = await raw((req, res) => {
      hits++
      if (req.url === '/start') res.writeHead(302, { location: '/elsewhere' })
      res.end()
    })
    const res = await client().request({ method: 'GET', url: `${base}/start`, headers: { Authorization: 'Zoho-oauthtoken t' } })
    expect(res.status).toBe(302)
    expect(res.headers['location']).toBe('/elsewhere')
    expect(hits).toBe(1)
  })

  it('times out promptly with a one-line NetworkError naming the host', async () => {
    const server = await fake({ delayMs: 3000 })
    const started = Date.now()
    const error: unknown = await client(5000)
      .request({
        method: 'GET',
        url: `${server.baseUrl}/api/v1/contacts/search?email=a%40b.c`,
        headers: { Authorization: 'Zoho-oauthtoken secret-token-value' },
        timeoutMs: 300,
      })
      .catch((caught: unknown) => caught)
    expect(Date.now() - started).toBeLessThan(1500)
    expect(error).toBeInstanceOf(HttpNetworkError)
    expect(error).toMatchObject({ code: 'ERR_NETWORK', failure: 'timeout', message: `${new URL(server.baseUrl).host} did not answer within 300 ms` })
  })

  it('reports a refused connection', async () => {
    const server = await startFakeDeskServer()
    const { baseUrl } = server
    await server.close()
    const error: unknown = await client()
      .request({ method: 'GET', url: `${baseUrl}/x` })
      .catch((caught: unknown) => caught)
    expect(error).toMatchObject({ code: 'ERR_NETWORK', failure: 'refused' })
    expect(String(error instanceof Error ? error.message : '')).toMatch(/^cannot reach 127\.0\.0\.1:\d+: connection refused \(ECONNREFUSED\)$/)
  })
})
