import { existsSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { CHROMIUM_PATH, launchChromium } from './browser.js'
import { type Simulation, startSimulation } from './index.js'

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
