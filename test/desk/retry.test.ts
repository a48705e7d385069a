import { describe, expect, it } from 'vitest'
import { NetworkError } from '../../src/core/errors.js'
import { HttpNetworkError } from '../../src/net/http-client.js'
import type { HttpClient, HttpRequest, HttpResponse } from '../../src/net/http-client.js'
import { parseRetryAfter, requestWithRetry } from '../../src/net/retry.js'

type Step = HttpResponse | Error

/** An HttpClient that plays a script of responses (or thrown errors) and counts calls. */
function scripted(...steps: Step[]): HttpClient & { calls: HttpRequest[] } {
  const calls: HttpRequest[] = []
  return {
    calls,
    async request(req) {
      calls.push(req)
      const step = steps[Math.min(calls.length - 1, steps.length - 1)]
      if (step === undefined) throw new Error('empty script')
      if (step instanceof Error) throw step
      return step
    },
  }
}

const res = (status: number, headers: Record<string, string> = {}): HttpResponse => ({ status, headers, body: '', url: 'https://desk.zoho.com/x' })
const req: HttpRequest = { method: 'GET', url: 'https://desk.zoho.com/x' }

function recorder(): { sleep: (ms: number) => Promise<void>; waits: number[] } {
  const waits: number[] = []
  return { waits, sleep: async (ms) => void waits.push(ms) }
}

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-20T10:00:00Z')
  it.each([
    ['seconds', '1', 1000],
    ['zero', '0', 0],
    ['padded', ' 30 ', 30_000],
    ['HTTP date', 'Fri, 20 Nov 2026 10:00:05 GMT', 5000],
    ['date in the past', 'Fri, 20 Nov 2026 09:00:00 GMT', 0],
    ['garbage', 'soon', undefined],
    ['negative', '-5', undefined],
    ['fraction', '1.5', undefined],
    ['absent', undefined, undefined],
  ])('%s', (_name, value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected)
  })
})

describe('requestWithRetry', () => {
  it('returns a 2xx at once', async () => {
    const http = scripted(res(200))
    const outcome = await requestWithRetry(http, req, recorder())
    expect(outcome).toMatchObject({ kind: 'response', attempts: 1, response: { status: 200 } })
  })

  it('retries a 5xx once, and only once', async () => {
    const http = scripted(res(502), res(503), res(200))
    const outcome = await requestWithRetry(http, req, recorder())
    expect(outcome).toMatchObject({ kind: 'response', attempts: 2, response: { status: 503 } })
    expect(http.calls).toHaveLength(2)
  })

  it('does not retry a 4xx', async () => {
    const http = scripted(res(401), res(200))
    await requestWithRetry(http, req, recorder())
    expect(http.calls).toHaveLength(1)
  })

  it('retries a dropped connection once', async () => {
    const http = scripted(new HttpNetworkError('reset', 'desk.zoho.com', 'reset'), res(200))
    const outcome = await requestWithRetry(http, req, recorder())
    expect(outcome).toMatchObject({ kind: 'response', attempts: 2, response: { status: 200 } })
  })

  it('throws the second network error', async () => {
    const http = scripted(new NetworkError('ERR_NETWORK', 'first'), new NetworkError('ERR_NETWORK', 'second'))
    await expect(requestWithRetry(http, req, recorder())).rejects.toMatchObject({ code: 'ERR_NETWORK', message: 'second' })
    expect(http.calls).toHaveLength(2)
  })

  it('does not retry a timeout (it would double the wait)', async () => {
    const http = scripted(new HttpNetworkError('timeout', 'desk.zoho.com', 'slow'), res(200))
    await expect(requestWithRetry(http, req, recorder())).rejects.toMatchObject({ failure: 'timeout' })
    expect(http.calls).toHaveLength(1)
  })

  it('does not retry unknown errors (bugs surface)', async () => {
    const http = scripted(new TypeError('boom'), res(200))
    await expect(requestWithRetry(http, req, recorder())).rejects.toThrow('boom')
    expect(http.calls).toHaveLength(1)
  })

  it('honours Retry-After within the ceiling', async () => {
    const http = scripted(res(429, { 'retry-after': '7' }), res(200))
    const clock = recorder()
    const outcome = await requestWithRetry(http, req, clock)
    expect(clock.waits).toEqual([7000])
    expect(outcome).toMatchObject({ kind: 'response', attempts: 2, response: { status: 200 } })
  })

  it('honours Retry-After as an HTTP date', async () => {
    const now = Date.parse('2026-11-20T10:00:00Z')
    const http = scripted(res(429, { 'retry-after': 'Fri, 20 Nov 2026 10:00:03 GMT' }), res(200))
    const clock = recorder()
    await requestWithRetry(http, req, { ...clock, now: () => now })
    expect(clock.waits).toEqual([3000])
  })

  it('gives up at once when Retry-After exceeds the ceiling', async () => {
    const http = scripted(res(429, { 'retry-after': '31' }), res(200))
    const clock = recorder()
    const outcome = await requestWithRetry(http, req, clock)
    expect(outcome).toMatchObject({ kind: 'rate-limited', retryAfterMs: 31_000, overCeiling: true, attempts: 1 })
    expect(clock.waits).toEqual([])
    expect(http.calls).toHaveLength(1)
  })

  it('uses a configurable ceiling', async () => {
    const http = scripted(res(429, { 'retry-after': '3' }))
    const outcome = await requestWithRetry(http, req, { ...recorder(), maxRetryAfterMs: 2000 })
    expect(outcome.kind).toBe('rate-limited')
  })

  it('reports a second 429 as rate-limited after one wait', async () => {
    const http = scripted(res(429, { 'retry-after': '1' }), res(429, { 'retry-after': '60' }))
    const clock = recorder()
    const outcome = await requestWithRetry(http, req, clock)
    expect(outcome).toMatchObject({ kind: 'rate-limited', retryAfterMs: 60_000, overCeiling: false, attempts: 2 })
    expect(clock.waits).toEqual([1000])
  })

  it('waits a default second for a 429 without Retry-After', async () => {
    const http = scripted(res(429), res(200))
    const clock = recorder()
    await requestWithRetry(http, req, clock)
    expect(clock.waits).toEqual([1000])
  })
})
