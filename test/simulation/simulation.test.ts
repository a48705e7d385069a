import { existsSync } from 'node:fs'
import { request } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { CHROMIUM_PATH, launchChromium } from './browser.js'
import { decodeCompact, type Simulation, startSimulation } from './index.js'

describe.skipIf(!existsSync(CHROMIUM_PATH))('simulation in Chromium', () => {
  let sim: Simulation
  let browser: Browser
  beforeAll(async () => {
    sim = await startSimulation()
    browser = await launchChromium(sim.browserArgs)
  })
  afterAll(async () => {
    await browser?.close()
    await sim?.close()
  })

  async function visit(id: string, calls: number) {
    const context = await browser.newContext({ ignoreHTTPSErrors: true })
    const page = await context.newPage()
    const before = sim.authCalls.length
    await page.goto(sim.pageUrl(id))
    await expect.poll(() => sim.authCalls.length - before, { timeout: 10_000 }).toBe(calls)
    await context.close()
    return sim.authCalls.slice(before)
  }

  it('ok: the login is accepted', async () => {
    const [call] = await visit('ok', 1)
    expect(call?.accepted).toBe(true)
    expect(call?.origin).toBe('https://app.example.com')
  })

  it('replay: the same token twice, accepted then refused', async () => {
    const calls = await visit('replay', 2)
    expect(calls.map((c) => c.accepted)).toEqual([true, false])
    expect(calls[1]?.jwtToken).toBe(calls[0]?.jwtToken)
    expect(calls[1]?.reason).toMatch(/replay/)
  })

  it('data-object: the widget String()s what the page passed', async () => {
    const [call] = await visit('data-object', 1)
    expect(call?.jwtToken).toBe('[object Object]')
  })
})

describe('simulation without a browser (plain HTTP on the loopback port)', () => {
  /** A request as the browser would make it to `host`, sent to the simulation's port. */
  // node:http, not fetch: fetch may not set the Host header.
  function send(sim: Simulation, host: string, path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
    return new Promise<{ status: number; headers: { get(name: string): string | null }; text: string }>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: sim.port, path, method: init.method ?? 'GET', headers: { host, ...init.headers } }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => {
          const get = (name: string) => {
            const v = res.headers[name.toLowerCase()]
            return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v
          }
          resolve({ status: res.statusCode ?? 0, headers: { get }, text: Buffer.concat(chunks).toString('utf8') })
        })
      })
      req.on('error', reject)
      req.end(init.body)
    })
  }

  it('signs with the injected clock, and a cached token is minted minutes before it', async () => {
    const at = Date.parse('2030-05-01T12:00:00.000Z')
    const sim = await startSimulation({ now: () => at })
    try {
      const login = async (id: string) =>
        send(sim, 'app.example.com', '/api/login', {
          method: 'POST',
          headers: { 'content-type': 'application/json', referer: `https://app.example.com/s/${id}/login.html` },
          body: JSON.stringify({ email: 'jane.doe@example.com', password: 'correct-horse-battery-staple', remember: true }),
        })
      const ok = await login('ok')
      expect(ok.status).toBe(200)
      const cookie = (ok.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
      const minted = await send(sim, 'app.example.com', '/api/get-jwt-token', { headers: { cookie } })
      expect(minted.headers.get('cache-control')).toBe('no-store')
      const token = String(JSON.parse(minted.text).token)
      expect(decodeCompact(token)?.payload).toMatchObject({ not_before: at, not_after: at + 300_000, email: 'jane.doe@example.com' })

      const cached = JSON.parse((await login('cached-localstorage')).text)
      expect(decodeCompact(String(cached.asapToken))?.payload).toMatchObject({ not_before: at - 20 * 60_000 })

      // The accounts host judges with the same clock: the fresh token is accepted, then not again.
      const auth = (t: string) =>
        send(
          sim,
          'accounts.zohoportal.com',
          `/accounts/op/712340056/oauth/v2/remote/auth?jwt_token=${encodeURIComponent(t)}&client_id=1000.FAKE&response_type=remote_token`,
          { method: 'POST', headers: { origin: 'https://app.example.com' } },
        )
      const first = await auth(token)
      expect(first.status).toBe(200)
      expect(first.headers.get('access-control-allow-origin')).toBe('https://app.example.com')
      expect(first.headers.get('access-control-allow-credentials')).toBe('true')
      expect(JSON.parse(first.text)).toMatchObject({ access_token: expect.stringMatching(/^1000\./), expires_in_sec: 3600 })
      const again = await auth(token)
      expect(again.status).toBe(400)
      expect(JSON.parse(again.text)).toEqual({ error: 'general_error' })
      expect(sim.authCalls.map((c) => c.accepted)).toEqual([true, false])
    } finally {
      await sim.close()
    }
  })

  it("serves the widget script for the org's app only", async () => {
    const sim = await startSimulation()
    try {
      const script = await send(sim, 'desk.zoho.com', '/portal/api/web/asapApp/4213000000108007?orgId=712340056')
      expect(script.status).toBe(200)
      expect(script.text).toContain('accounts.zohoportal.com')
      expect(script.text).not.toMatch(/Zoho Corporation|copyright/i)
      expect((await send(sim, 'desk.zoho.eu', '/portal/api/web/asapApp/4213000000108007?orgId=712340056')).text).toContain('accounts.zohoportal.eu')
      expect((await send(sim, 'desk.zoho.com', '/portal/api/web/asapApp/4213000000108070?orgId=712340056')).status).toBe(404)
      expect((await send(sim, 'static.zohocdn.com', '/asap/v2/css/asap-launcher.min.css')).status).toBe(200)
      expect((await send(sim, 'evil.example.org', '/')).status).toBe(421)
    } finally {
      await sim.close()
    }
  })
})
