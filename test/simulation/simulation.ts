import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import http, { type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http'
import http2 from 'node:http2'
import net, { type AddressInfo, type Socket } from 'node:net'
import tls, { type SecureContext } from 'node:tls'
import { decideRemoteAuth } from './accounts.js'
import { APP_CSS, dashboardPage, LAUNCHER_CSS, loginPage } from './app-pages.js'
import { ALL_HOSTS, APP_HOSTS, APP_ID, APP_PASSWORD, APP_SECRET, ASAP_SECRET, CDN_HOST, CLIENT_ID, HOME_ACCOUNTS_HOST, ORG_ID, WIDGET_HOSTS } from './facts.js'
import { decodeCompact, hs256Matches, isRecord, signHs256 } from './jwt.js'
import { SCENARIOS, type Scenario } from './scenarios.js'
import { widgetScript } from './widget-script.js'

export interface SimulationOptions {
  /** The simulation's clock (the app backend's and the accounts host's), ms since the epoch. */
  now?: () => number
  /** Delay the TLS handshake of these hosts (a slow network to one party), ms. */
  tlsHandshakeDelayMs?: Readonly<Record<string, number>>
  /** The scenarios served under /s/<id>/ (default: the corpus in scenarios.ts). */
  scenarios?: readonly Scenario[]
}

/** One remote/auth call as the simulated accounts host saw and decided it. */
export interface AuthCallRecord {
  at: number
  host: string
  origin: string | undefined
  jwtToken: string | null
  accepted: boolean
  /** Why it was refused (never sent to the browser, which only sees general_error). */
  reason?: string
}

export interface Simulation {
  /** The loopback port; HTTPS (h2 and HTTP/1.1) and plain HTTP are both served on it. */
  port: number
  /** The origin a browser started with `browserArgs` uses for `host`, e.g. https://app.example.com. */
  origin(host: string): string
  /** Chromium flags: resolve every simulated host to this server, accept its test certificates. */
  browserArgs: string[]
  /**
   * Where a visit starts: the scenario's login page with the test password in the URL fragment
   * (never sent, so never in a HAR but in the sign-in request body); it signs the demo user in and
   * opens the dashboard.
   */
  pageUrl(scenarioId: string, host?: string): string
  /** The scenario's dashboard (needs a signed-in browser: cookie app_session, localStorage accessToken). */
  dashboardUrl(scenarioId: string, host?: string): string
  readonly scenarios: readonly Scenario[]
  readonly authCalls: readonly AuthCallRecord[]
  /** Page errors the app's window.onerror reported to POST /api/client-errors. */
  readonly clientErrors: ReadonlyArray<Record<string, unknown>>
  close(): Promise<void>
}

interface SimRequest {
  method: string
  url: string
  host: string
  headers: IncomingHttpHeaders
  body: Buffer
}

interface SimResponse {
  status: number
  headers: OutgoingHttpHeaders
  body: string | Buffer
}

interface Session {
  scenario: Scenario
  email: string
  name: string
}

const TLS_DIR = new URL('./tls/', import.meta.url)
/** One test certificate per party, so Chromium opens one connection per party as on the real web. */
const CERTS: ReadonlyArray<{ name: string; match: (host: string) => boolean }> = [
  { name: 'example', match: (h) => h.endsWith('example.com') },
  { name: 'zoho-desk', match: (h) => h.startsWith('desk.zoho.') },
  { name: 'zohoportal', match: (h) => h.startsWith('accounts.zohoportal.') },
  { name: 'zohocdn', match: (h) => h === CDN_HOST },
]

export async function startSimulation(options: SimulationOptions = {}): Promise<Simulation> {
  const now = options.now ?? Date.now
  const scenarios = options.scenarios ?? SCENARIOS
  const sessions = new Map<string, Session>()
  const accepted = new Set<string>()
  const authCalls: AuthCallRecord[] = []
  const clientErrors: Array<Record<string, unknown>> = []

  const contexts = new Map<string, SecureContext>()
  const keyPair = (name: string) => ({ key: readFileSync(new URL(`${name}-key.pem`, TLS_DIR)), cert: readFileSync(new URL(`${name}-cert.pem`, TLS_DIR)) })
  for (const { name } of CERTS) contexts.set(name, tls.createSecureContext(keyPair(name)))

  const handle = (req: SimRequest): SimResponse => {
    try {
      if (APP_HOSTS.includes(req.host)) return appHost(req)
      if (req.host in WIDGET_HOSTS) return widgetHost(req)
      if (Object.values(WIDGET_HOSTS).includes(req.host)) return accountsHost(req)
      if (req.host === CDN_HOST && req.url.startsWith('/asap/v2/css/'))
        return text(200, 'text/css', LAUNCHER_CSS, { 'cache-control': 'max-age=86400', 'access-control-allow-origin': '*' })
      return text(421, 'text/plain', `not a simulated host: ${req.host}\n`)
    } catch (err) {
      return text(500, 'text/plain', `simulation error: ${err instanceof Error ? err.message : String(err)}\n`)
    }
  }

  const scenarioOf = (id: string | null | undefined) => (id ? scenarios.find((s) => s.id === id) : undefined)

  function appHost(req: SimRequest): SimResponse {
    const url = new URL(req.url, `https://${req.host}`)
    const path = url.pathname
    const page = /^\/s\/([a-z0-9-]+)\/(login|dashboard|projects)\.html$/.exec(path)
    const pageScenario = page ? scenarioOf(page[1]) : scenarioOf(url.searchParams.get('scenario'))
    const pageKind = page?.[2] ?? (path === '/login.html' ? 'login' : path === '/dashboard.html' ? 'dashboard' : undefined)
    if (req.method === 'GET' && pageKind !== undefined) {
      if (pageScenario === undefined) return text(404, 'text/plain', 'unknown scenario\n')
      if (pageKind === 'login') return text(200, 'text/html; charset=utf-8', loginPage(pageScenario), { 'cache-control': 'no-cache' })
      const csp = pageScenario.page.csp
      const view = pageKind === 'projects' ? 'projects' : 'dashboard'
      return text(200, 'text/html; charset=utf-8', dashboardPage(pageScenario, view), {
        'cache-control': 'no-cache',
        ...(csp ? { 'content-security-policy': csp } : {}),
      })
    }
    if (req.method === 'GET' && path === '/') return { status: 302, headers: { location: '/s/ok/login.html' }, body: '' }
    if (req.method === 'GET' && path === '/static/app.css') return text(200, 'text/css', APP_CSS, { 'cache-control': 'max-age=3600' })
    if (req.method === 'POST' && path === '/api/login') return signIn(req)
    if (req.method === 'GET' && path === '/api/get-jwt-token') {
      const session = sessionOf(req)
      if (session === undefined) return json(401, { error: 'not signed in' })
      // ?format=text: the bare token as text/plain with a trailing newline, as many small endpoints write it.
      if (url.searchParams.get('format') === 'text')
        return text(200, 'text/plain; charset=utf-8', `${mintAsapToken(session)}\n`, { 'cache-control': 'no-store' })
      return json(200, { token: mintAsapToken(session) }, { 'cache-control': 'no-store' })
    }
    if (req.method === 'GET' && ['/api/me', '/api/notifications', '/api/projects'].includes(path)) {
      const email = bearerEmail(req)
      if (email === undefined) return json(401, { error: 'invalid_token' })
      if (path === '/api/me') return json(200, { email, plan: 'business', teams: ['Design', 'Platform'] })
      if (path === '/api/notifications')
        return json(200, {
          items: [
            { id: 'n1', text: 'Build 1432 passed' },
            { id: 'n2', text: 'Sam commented on "Q3 roadmap"' },
          ],
        })
      return json(200, {
        page: Number(url.searchParams.get('page') ?? '1'),
        items: [
          { id: 'p-101', name: 'Website relaunch' },
          { id: 'p-102', name: 'Mobile app' },
          { id: 'p-103', name: 'Q3 roadmap' },
        ],
      })
    }
    if (req.method === 'POST' && (path === '/api/client-errors' || path === '/api/csp-report')) {
      const body = parseJson(req.body)
      if (path === '/api/client-errors' && isRecord(body)) clientErrors.push(body)
      return { status: 204, headers: {}, body: '' }
    }
    return text(404, 'text/plain', 'not found\n')
  }

  function signIn(req: SimRequest): SimResponse {
    const body = parseJson(req.body)
    const referer = req.headers.referer ?? ''
    const fromPath = /\/s\/([a-z0-9-]+)\//.exec(referer)?.[1]
    const scenario = scenarioOf(fromPath ?? safeUrl(referer)?.searchParams.get('scenario'))
    if (!isRecord(body) || typeof body.email !== 'string' || body.password !== APP_PASSWORD) return json(401, { error: 'invalid credentials' })
    if (scenario === undefined) return json(400, { error: 'unknown scenario (sign in from /s/<scenario>/login.html)' })
    const sid = randomBytes(18).toString('base64url')
    const session: Session = { scenario, email: scenario.backend.storedEmail ?? body.email, name: scenario.userName }
    sessions.set(sid, session)
    const t = Math.floor(now() / 1000)
    const accessToken = signHs256({
      header: { alg: 'HS256', typ: 'JWT' },
      payload: {
        iss: 'https://app.example.com',
        sub: `user-${sid.slice(0, 6)}`,
        email: body.email,
        scope: 'projects:read projects:write',
        iat: t,
        exp: t + 3600,
      },
      key: APP_SECRET,
    })
    const answer: Record<string, unknown> = { accessToken, user: { email: body.email, name: session.name } }
    if (scenario.backend.deliver === 'login-response') answer.asapToken = mintAsapToken(session)
    return json(200, answer, {
      'cache-control': 'no-store',
      'set-cookie': [
        `app_session=${sid}; Max-Age=1209600; Path=/; Secure; HttpOnly; SameSite=Lax`,
        `csrftoken=${randomBytes(16).toString('hex')}; Max-Age=1209600; Path=/; Secure; SameSite=Lax`,
      ],
    })
  }

  function mintAsapToken(session: Session): string {
    const { backend } = session.scenario
    const minted = backend.mint({ now: now() - (backend.mintedAgoMs ?? 0), email: session.email, name: session.name })
    if (minted.raw !== undefined) return minted.raw
    return signHs256({
      header: minted.header ?? { alg: 'HS256', typ: 'JWT' },
      payload: minted.payload,
      key: minted.key ?? ASAP_SECRET,
      ...(minted.encoding ? { encoding: minted.encoding } : {}),
    })
  }

  function sessionOf(req: SimRequest): Session | undefined {
    const sid = /(?:^|;\s*)app_session=([^;]+)/.exec(req.headers.cookie ?? '')?.[1]
    return sid === undefined ? undefined : sessions.get(sid)
  }

  function bearerEmail(req: SimRequest): string | undefined {
    const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1]
    const decoded = token === undefined ? undefined : decodeCompact(token)
    if (decoded === undefined || !hs256Matches(decoded, APP_SECRET)) return undefined
    const { email, exp } = decoded.payload
    return typeof email === 'string' && typeof exp === 'number' && exp * 1000 > now() ? email : undefined
  }

  function widgetHost(req: SimRequest): SimResponse {
    const url = new URL(req.url, `https://${req.host}`)
    const app = /^\/portal\/api\/web\/asapApp\/(\d+)$/.exec(url.pathname)?.[1]
    const orgId = url.searchParams.get('orgId')
    if (req.method !== 'GET' || app !== APP_ID || orgId !== ORG_ID) {
      // A script-typed 404: with an HTML or JSON error body Chromium's opaque-response blocking
      // (ORB) cancels the response and the HAR shows status -1, net::ERR_BLOCKED_BY_ORB instead.
      return text(404, 'application/javascript; charset=utf-8', `/* 404: no published ASAP app ${app ?? '?'} in org ${orgId ?? '?'} */\n`)
    }
    const accountsHost = WIDGET_HOSTS[req.host] ?? HOME_ACCOUNTS_HOST
    return text(200, 'application/javascript; charset=utf-8', widgetScript({ appId: APP_ID, orgId, accountsHost, cdnHost: CDN_HOST, clientId: CLIENT_ID }), {
      'cache-control': 'no-cache',
    })
  }

  function accountsHost(req: SimRequest): SimResponse {
    const origin = req.headers.origin
    const cors: OutgoingHttpHeaders = origin ? { 'access-control-allow-origin': origin, 'access-control-allow-credentials': 'true', vary: 'Origin' } : {}
    if (req.method === 'OPTIONS') {
      return {
        status: 204,
        headers: { ...cors, 'access-control-allow-methods': 'POST', 'access-control-allow-headers': 'content-type', 'access-control-max-age': '600' },
        body: '',
      }
    }
    const url = new URL(req.url, `https://${req.host}`)
    const orgInPath = /^\/accounts\/op\/([^/]+)\/oauth\/v2\/remote\/auth$/.exec(url.pathname)?.[1]
    if (req.method !== 'POST' || orgInPath === undefined) return json(404, { error: 'invalid_request' }, cors)
    const at = now()
    const jwtToken = url.searchParams.get('jwt_token')
    const decision =
      req.host === HOME_ACCOUNTS_HOST
        ? decideRemoteAuth({ jwtToken, orgIdInPath: orgInPath, clientId: url.searchParams.get('client_id'), origin, now: at, accepted })
        : { ok: false as const, reason: `org ${orgInPath} does not live in the data centre of ${req.host}` }
    const iamcsr = `iamcsr=${randomBytes(16).toString('hex')}; Path=/; Secure; SameSite=None`
    if (decision.ok) {
      if (jwtToken !== null) accepted.add(jwtToken)
      authCalls.push({ at, host: req.host, origin, jwtToken, accepted: true })
      return json(
        200,
        { access_token: `1000.${randomBytes(16).toString('hex')}.${randomBytes(16).toString('hex')}`, expires_in_sec: 3600 },
        {
          ...cors,
          'cache-control': 'no-store',
          'set-cookie': [iamcsr, `_zpsid=${randomBytes(24).toString('hex')}; Path=/; Secure; HttpOnly; SameSite=None`],
        },
      )
    }
    authCalls.push({ at, host: req.host, origin, jwtToken, accepted: false, reason: decision.reason })
    return json(400, { error: 'general_error' }, { ...cors, 'cache-control': 'no-store', 'set-cookie': [iamcsr] })
  }

  // One port, two protocols: a TLS ClientHello starts with 0x16; anything else is plain HTTP.
  const serve = (req: SimRequest, reply: (res: SimResponse) => void) => reply(handle(req))
  const plain = http.createServer((req, res) => {
    void readBody(req).then((body) =>
      serve({ method: req.method ?? 'GET', url: req.url ?? '/', host: hostOf(req.headers.host), headers: req.headers, body }, (r) => {
        res.writeHead(r.status, r.headers)
        res.end(r.body)
      }),
    )
  })
  const delays = options.tlsHandshakeDelayMs ?? {}
  const secure = http2.createSecureServer(
    {
      allowHTTP1: true,
      ...keyPair('example'),
      SNICallback: (servername, cb) => {
        const cert = CERTS.find((c) => c.match(servername))?.name ?? 'example'
        const context = contexts.get(cert)
        const delay = delays[servername] ?? 0
        if (delay > 0) setTimeout(() => cb(null, context), delay)
        else cb(null, context)
      },
    },
    (req, res) => {
      void readBody(req).then((body) =>
        serve({ method: req.method, url: req.url, host: hostOf(req.headers[':authority'] ?? req.headers.host), headers: req.headers, body }, (r) => {
          res.writeHead(r.status, r.headers)
          res.end(r.body)
        }),
      )
    },
  )
  secure.on('sessionError', () => {})
  const sockets = new Set<Socket>()
  const server = net.createServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => {})
    socket.once('readable', () => {
      const first: Buffer | null = socket.read(1)
      if (first === null) return
      socket.unshift(first)
      ;(first[0] === 0x16 ? secure : plain).emit('connection', socket)
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('simulation: no TCP address')
  const port = (address satisfies AddressInfo).port

  const origin = (host: string) => `https://${host}`
  return {
    port,
    origin,
    browserArgs: [`--host-resolver-rules=${ALL_HOSTS.map((h) => `MAP ${h} 127.0.0.1:${port}`).join(', ')}`, '--ignore-certificate-errors'],
    pageUrl: (id, host = scenarioOf(id)?.host ?? 'app.example.com') => `${origin(host)}/s/${id}/login.html#password=${encodeURIComponent(APP_PASSWORD)}`,
    dashboardUrl: (id, host = scenarioOf(id)?.host ?? 'app.example.com') => `${origin(host)}/s/${id}/dashboard.html`,
    scenarios,
    authCalls,
    clientErrors,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        plain.close()
        secure.close()
        server.close(() => resolve())
      }),
  }
}

function hostOf(value: string | undefined): string {
  return (value ?? '').replace(/:\d+$/, '').toLowerCase()
}

async function readBody(stream: AsyncIterable<Buffer | string>): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk)
  return Buffer.concat(chunks)
}

function text(status: number, type: string, body: string, headers: OutgoingHttpHeaders = {}): SimResponse {
  return { status, headers: { 'content-type': type, ...headers }, body }
}

function json(status: number, value: unknown, headers: OutgoingHttpHeaders = {}): SimResponse {
  return text(status, 'application/json', JSON.stringify(value), headers)
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'))
  } catch {
    return undefined
  }
}

function safeUrl(text: string): URL | undefined {
  try {
    return new URL(text)
  } catch {
    return undefined
  }
}
