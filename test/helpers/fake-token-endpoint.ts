import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { goodPayload, makeToken } from './tokens.js'

export interface FakeTokenEndpoint {
  readonly baseUrl: string
  readonly requests: Array<{ path: string; cookie?: string }>
  close(): Promise<void>
}

/**
 * A customer's token endpoint on 127.0.0.1, with the usual mistakes as routes. Tokens are minted
 * at the server's real clock so that `endpoint` (which uses the real clock) sees them fresh.
 */
export async function startFakeTokenEndpoint(): Promise<FakeTokenEndpoint> {
  const requests: FakeTokenEndpoint['requests'] = []
  let counter = 0
  const cached = makeToken({ payload: goodPayload({ not_before: Date.now(), not_after: Date.now() + 300_000 }) })
  const fresh = () => {
    counter++
    const now = Date.now()
    return makeToken({ payload: goodPayload({ not_before: now, not_after: now + 300_000, jti: `t${counter}` }) })
  }
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0] ?? '/'
    requests.push({ path, ...(request.headers.cookie === undefined ? {} : { cookie: request.headers.cookie }) })
    const send = (status: number, type: string, body: string, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers })
      response.end(body)
    }
    switch (path) {
      case '/token-bare':
        return send(200, 'text/plain', fresh())
      case '/token-json':
        return send(200, 'application/json', JSON.stringify({ token: fresh() }))
      case '/token-cached':
        return send(200, 'application/json', JSON.stringify({ token: cached }), { 'cache-control': 'max-age=600' })
      case '/token-seconds': {
        const s = Math.floor(Date.now() / 1000)
        return send(
          200,
          'application/json',
          JSON.stringify({ token: makeToken({ payload: goodPayload({ not_before: s, not_after: s + 300, jti: String(++counter) }) }) }),
        )
      }
      case '/token-skewed':
        return send(200, 'text/plain', fresh(), { date: new Date(Date.now() + 5 * 60_000).toUTCString() })
      case '/needs-session':
        if (request.headers.cookie?.includes('app_session=correct-session-cookie-value') !== true)
          return send(401, 'application/json', '{"error":"not signed in"}')
        return send(200, 'application/json', JSON.stringify({ token: fresh() }))
      case '/redirect':
        return send(302, 'text/html', '', { location: '/login?next=%2Fapi%2Fget-jwt-token' })
      case '/hang':
        // Accepts the request and never answers: a token endpoint stuck behind a dead upstream.
        return undefined
      case '/html':
        return send(200, 'text/html', '<!doctype html><title>Sign in</title>')
      default:
        return send(404, 'application/json', '{"error":"not found"}')
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((error) => (error ? reject(error) : resolve()))
      }),
  }
}
