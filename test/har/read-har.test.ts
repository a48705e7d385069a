import { gzipSync } from 'node:zlib'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { HarInputError } from '../../src/har/har-errors.js'
import {
  HAVE_SAMPLES,
  RECORDINGS,
  SAMPLE_COUNTS,
  chunked,
  entriesOf,
  fixture,
  largeRecording,
  parsedEntries,
  readAll,
  readError,
  recording,
  sample,
  splitAt,
} from './helpers.js'

const AUTH_PATH = '/oauth/v2/remote/auth'

describe('readHar on the recorded corpus', () => {
  for (const [id, facts] of Object.entries(RECORDINGS)) {
    it(`${id}: ${facts.entries} entries, the log event and ${facts.authCalls} ASAP login(s)`, async () => {
      const bytes = recording(id)
      const count = facts.entries
      const { events, summary } = await readAll(chunked(bytes, 64 * 1024))
      const entries = entriesOf(events)
      expect(entries).toHaveLength(count)
      expect(parsedEntries(bytes)).toHaveLength(count)
      expect(entries.map((e) => e.index)).toEqual([...Array(count).keys()])
      expect(summary).toMatchObject({ entries: count, bytes: bytes.length, truncated: false, bom: false, skipped: 0 })

      const logs = events.filter((ev) => ev.kind === 'log')
      expect(logs).toHaveLength(1)
      const log = logs[0]
      expect(log?.kind === 'log' && log.version).toBe('1.2')
      expect(log?.kind === 'log' && log.pages.length).toBe(1)
      expect(log?.kind === 'log' && log.creator?.name).toBe(facts.creator)
      // Version, creator and pages come first in these files, so the log event comes first too.
      expect(events[0]?.kind).toBe('log')

      const auth = entries.filter((e) => e.entry.request.url.includes(AUTH_PATH))
      expect(auth).toHaveLength(facts.authCalls)
      for (const call of auth) {
        const request = call.entry.request
        const token = request.queryString.find((q) => q.name === 'jwt_token')?.value ?? ''
        expect(token).toMatch(/^eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+$/)
        expect(request.url).toContain(`jwt_token=${token}`)
        expect(request.method).toBe('POST')
      }
    })
  }

  it('matches JSON.parse of the whole file, entry for entry', async () => {
    for (const id of Object.keys(RECORDINGS)) {
      const bytes = recording(id)
      const { events } = await readAll(chunked(bytes, 1 << 20), { maxStringBytes: 1 << 24 })
      const expected = parsedEntries(bytes)
      expect(entriesOf(events).map((e) => e.entry)).toEqual(expected)
    }
  })

  it('keeps the wire token exactly as sent, whatever the page handed over', async () => {
    const wire: Record<string, string> = { 'data-object': '[object Object]', 'wrong-field': 'undefined' }
    for (const [id, token] of Object.entries(wire)) {
      const { events } = await readAll(chunked(recording(id), 4096))
      const auth = entriesOf(events).find((e) => e.entry.request.url.includes(AUTH_PATH))
      expect(auth?.entry.request.queryString.find((q) => q.name === 'jwt_token')?.value).toBe(token)
    }
    const { events } = await readAll(chunked(recording('bearer-prefix'), 4096))
    const auth = entriesOf(events).find((e) => e.entry.request.url.includes(AUTH_PATH))
    expect(auth?.entry.request.url).toMatch(/jwt_token=Bearer%20eyJ/)
  })

  it('slow-network recordings: the widget script entry "ends" after the auth call it made had started', async () => {
    // What a rule inferring order from startedDateTime + time misreads (Playwright counts the TLS
    // handshake in connect and again in ssl); scripts/record-scenarios.mjs guarantees it here.
    for (const id of ['user-missing', 'user-missing-no-list', 'domain-not-allowed', 'two-fresh-tokens']) {
      const { events } = await readAll(chunked(recording(id), 65536))
      const entries = entriesOf(events).map((e) => e.entry)
      const widget = entries.find((e) => e.request.url.includes('/portal/api/web/asapApp/'))
      const auth = entries.find((e) => e.request.url.includes(AUTH_PATH))
      expect(Date.parse(widget?.startedDateTime ?? '') + (widget?.time ?? 0)).toBeGreaterThan(Date.parse(auth?.startedDateTime ?? ''))
      expect(widget?.timings.ssl ?? 0).toBeGreaterThan(250)
    }
  })

  it('keeps the DevTools-style quirks (duplicate headers, custom fields)', async () => {
    const { events } = await readAll(chunked(recording('user-missing-devtools'), 4096))
    const auth = entriesOf(events).find((e) => e.entry.request.url.includes(AUTH_PATH))
    expect(auth?.entry._initiator).toContain('asapApp/4213000000108007')
    expect(String(auth?.entry._initiator_detail)).toContain('remoteAuth')
    expect(auth?.entry.request.httpVersion).toBe('h2')
    const names = auth?.entry.request.headers.map((h) => h.name) ?? []
    expect(names).toContain('User-Agent')
    expect(names).toContain('user-agent')
    expect(names).toContain(':path')
    // Set-Cookie kept in the headers of the cross-site answer, but no parsed cookies.
    expect(auth?.entry.response.cookies).toEqual([])
    expect(auth?.entry.response.headers.some((h) => h.name === 'set-cookie' && h.value.startsWith('iamcsr='))).toBe(true)
    const login = entriesOf(events).find((e) => e.entry.request.url.endsWith('/api/login'))
    expect(login?.entry.response.cookies[0]?.expires).toMatch(/^1970-/)
  })
})

describe('chunk-size independence', () => {
  const cases = ['user-missing', 'user-missing-devtools', 'login-outside-ready', 'seconds', 'replay']
  for (const id of cases) {
    it(`${id}: 1-byte, 7-byte and 64 KiB chunks give the same events`, async () => {
      const bytes = recording(id)
      const reference = await readAll(chunked(bytes, 64 * 1024), { maxStringBytes: 600 })
      for (const size of [1, 7]) {
        const got = await readAll(chunked(bytes, size), { maxStringBytes: 600 })
        expect(got).toEqual(reference)
      }
    })
  }

  it('a 2.3 MB session in 7-byte chunks', async () => {
    const { bytes, entries } = largeRecording()
    expect(bytes.length).toBeGreaterThan(2_000_000)
    const reference = await readAll(chunked(bytes, 64 * 1024))
    expect(reference.summary.entries).toBe(entries)
    expect(await readAll(chunked(bytes, 7))).toEqual(reference)
  })

  it('property: any split of the input gives the same events', async () => {
    const bytes = recording('user-missing-devtools')
    const reference = await readAll(chunked(bytes, bytes.length), { maxStringBytes: 300 })
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: bytes.length }), { maxLength: 40 }), async (cuts) => {
        const got = await readAll(splitAt(bytes, cuts), { maxStringBytes: 300 })
        expect(got).toEqual(reference)
      }),
      { numRuns: 60 },
    )
  })
})

describe.skipIf(!HAVE_SAMPLES)('readHar on ../shared/har-samples (optional extra)', () => {
  for (const [name, count] of Object.entries(SAMPLE_COUNTS)) {
    it(`${name}: ${count} entries, as JSON.parse reads them`, async () => {
      const bytes = sample(name)
      const { events, summary } = await readAll(chunked(bytes, 64 * 1024), { maxStringBytes: 1 << 24 })
      expect(summary).toMatchObject({ entries: count, truncated: false })
      expect(entriesOf(events).map((e) => e.entry)).toEqual(parsedEntries(bytes))
    })
  }
})

describe('oversized strings', () => {
  it('are replaced by "" with their path, size and JWTs reported', async () => {
    const bytes = fixture('oversized.har')
    const big = parsedEntries(bytes)[1]
    const response = big?.response
    const content = response !== null && typeof response === 'object' ? Reflect.get(response, 'content') : undefined
    const bigText = content !== null && typeof content === 'object' ? String(Reflect.get(content, 'text')) : ''
    const { events } = await readAll(chunked(bytes, 1000), { maxStringBytes: 16 * 1024 })
    const entries = entriesOf(events)
    expect(entries).toHaveLength(3)
    const e = entries[1]
    expect(e?.entry.response.content.text).toBe('')
    expect(e?.entry.request.postData?.text).toBe('')
    expect(e?.entry.request.url).toContain('jwt_token=eyJ')
    const byPath = new Map(e?.oversized.map((o) => [o.path, o]))
    expect([...byPath.keys()].sort()).toEqual(['request.postData.text', 'response.content.text'])
    const body = byPath.get('response.content.text')
    expect(body?.bytes).toBe(Buffer.byteLength(JSON.stringify(bigText)) - 2)
    const tokens = bigText.match(/eyJ[\w-]+\.eyJ[\w-]+\.[\w-]*/g) ?? []
    expect(body?.jwts).toEqual([...new Set(tokens)])
    expect(body?.jwts).toHaveLength(2)
    expect(byPath.get('request.postData.text')?.jwts).toHaveLength(1)
    expect(entries[0]?.oversized).toEqual([])
    expect(entries[2]?.oversized).toEqual([])
  })

  it('finds JWTs across chunk boundaries inside oversized strings, whatever the chunking', async () => {
    const bytes = fixture('oversized.har')
    const reference = await readAll(chunked(bytes, bytes.length), { maxStringBytes: 2000 })
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: bytes.length }), { maxLength: 30 }), async (cuts) => {
        expect(await readAll(splitAt(bytes, cuts), { maxStringBytes: 2000 })).toEqual(reference)
      }),
      { numRuns: 40 },
    )
  })

  it('reports header values with their index path', async () => {
    const bytes = fixture('oversized.har')
    const { events } = await readAll(chunked(bytes, 333), { maxStringBytes: 100 })
    const paths = entriesOf(events)[1]?.oversized.map((o) => o.path)
    expect(paths).toContain('request.headers[1].value')
    expect(paths).toContain('request.queryString[0].value')
  })
})

describe('truncated files', () => {
  it('never throw, and give a prefix of the entries', async () => {
    const bytes = recording('user-missing')
    const full = entriesOf((await readAll(chunked(bytes, 65536))).events)
    const cuts = [1, 2, 10, 100, 500, 777]
    for (let c = 1000; c < bytes.length; c += 1499) cuts.push(c)
    for (const cut of cuts) {
      const { events, summary } = await readAll(chunked(bytes.subarray(0, cut), 4096))
      const got = entriesOf(events)
      expect(got).toEqual(full.slice(0, got.length))
      expect(summary.truncated).toBe(true)
      expect(summary.truncatedReason).toMatch(/^file ends /)
      expect(events.filter((ev) => ev.kind === 'log')).toHaveLength(1)
    }
  })

  it('says in which entry the file ends', async () => {
    const bytes = recording('ok')
    // The last entry (the remote/auth call, index 11) is longer than 1000 bytes.
    const { summary } = await readAll(chunked(bytes.subarray(0, bytes.length - 1000), 65536))
    expect(summary).toMatchObject({ truncated: true, entries: 11, truncatedReason: 'file ends inside entry 11' })
  })

  it('property: any cut point is a prefix', async () => {
    const bytes = recording('user-missing-devtools')
    const full = entriesOf((await readAll(chunked(bytes, 65536), { maxStringBytes: 500 })).events)
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: bytes.length - 1 }), async (cut) => {
        const { events, summary } = await readAll(chunked(bytes.subarray(0, cut), 8192), { maxStringBytes: 500 })
        const got = entriesOf(events)
        expect(got).toEqual(full.slice(0, got.length))
        expect(summary.truncated).toBe(true)
      }),
      { numRuns: 80 },
    )
  })
})

describe('input problems', () => {
  const tiny = fixture('tiny.har')

  async function code(input: Uint8Array): Promise<string> {
    const err = await readError(input)
    expect(err).toBeInstanceOf(HarInputError)
    if (!(err instanceof HarInputError)) return ''
    expect(err.message).not.toContain('\n')
    return err.code
  }

  it('skips a UTF-8 BOM and says so', async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), recording('seconds')])
    for (const size of [1, 2, 4, 65536]) {
      const { summary, events } = await readAll(chunked(bytes, size))
      expect(summary).toMatchObject({ bom: true, entries: 12, bytes: bytes.length, truncated: false })
      expect(entriesOf(events)).toHaveLength(12)
    }
  })

  it('reads non-ASCII text', async () => {
    const { events } = await readAll(chunked(tiny, 3))
    expect(entriesOf(events)[0]?.entry.response.content.text).toBe('Grüße ☕ 😀 "quoted" \\ back')
    const log = events.find((ev) => ev.kind === 'log')
    expect(log?.kind === 'log' && log.pages[0]?.title).toBe('Café ☕ 😀')
  })

  it('UTF-16 and UTF-32 (with or without BOM): ERR_HAR_ENCODING', async () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(tiny.toString('utf8'), 'utf16le')])
    const be = Buffer.from(le)
    be.swap16()
    expect(await code(le)).toBe('ERR_HAR_ENCODING')
    expect(await code(be)).toBe('ERR_HAR_ENCODING')
    expect(await code(Buffer.from(tiny.toString('utf8'), 'utf16le'))).toBe('ERR_HAR_ENCODING')
    expect(await code(Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), Buffer.alloc(40)]))).toBe('ERR_HAR_ENCODING')
  })

  it('zip: ERR_HAR_ZIP, telling to unzip', async () => {
    const zip = Buffer.concat([Buffer.from('PK\x03\x04\x14\x00\x00\x00\x08\x00', 'latin1'), Buffer.from('session.har'), tiny])
    expect(await code(zip)).toBe('ERR_HAR_ZIP')
    const err = await readError(zip)
    expect(err instanceof Error && err.message).toMatch(/zip archive; unzip it/)
  })

  it('gzip: ERR_HAR_NOT_JSON, saying it is gzip', async () => {
    const gz = gzipSync(tiny)
    expect(await code(gz)).toBe('ERR_HAR_NOT_JSON')
    const err = await readError(gz)
    expect(err instanceof Error && err.message).toMatch(/gzip/)
  })

  it('not JSON: ERR_HAR_NOT_JSON with what was found', async () => {
    expect(await code(Buffer.from('<!doctype html><html><body>Sign in</body></html>'))).toBe('ERR_HAR_NOT_JSON')
    const html = await readError(Buffer.from('  <html><body>Sign in</body></html>'))
    expect(html instanceof Error && html.message).toMatch(/HTML/)
    const text = await readError(Buffer.from('hello, this is not a HAR at all'))
    expect(text instanceof Error && text.message).toContain('hello, this is not')
    expect(await code(Buffer.from('{"log": {"entries": [ {"request": } ]}}'))).toBe('ERR_HAR_NOT_JSON')
    expect(await code(Buffer.from('{"log": {"version": "1.2" "entries": []}}'))).toBe('ERR_HAR_NOT_JSON')
    expect(await code(Buffer.from('{"log": {"entries": []}} trailing'))).toBe('ERR_HAR_NOT_JSON')
  })

  it('JSON that is not a HAR: ERR_HAR_NOT_HAR with what was found', async () => {
    const obj = await readError(fixture('not-har.json'))
    expect(obj).toMatchObject({ code: 'ERR_HAR_NOT_HAR' })
    expect(obj instanceof Error && obj.message).toContain('top-level keys: hello, items')
    expect(await code(Buffer.from('[1, 2, 3]'))).toBe('ERR_HAR_NOT_HAR')
    const noEntries = await readError(Buffer.from('{"log": {"version": "1.2", "creator": {"name": "x"}}}'))
    expect(noEntries).toMatchObject({ code: 'ERR_HAR_NOT_HAR' })
    expect(noEntries instanceof Error && noEntries.message).toContain('log has: version, creator')
    expect(await code(Buffer.from('{"log": {"entries": {}}}'))).toBe('ERR_HAR_NOT_HAR')
    expect(await code(Buffer.from('{"log": "nope"}'))).toBe('ERR_HAR_NOT_HAR')
  })

  it('invalid UTF-8 inside an entry: ERR_HAR_ENCODING naming the entry', async () => {
    const text = tiny.toString('latin1')
    const at = text.indexOf('/api/me')
    const bad = Buffer.from(`${text.slice(0, at)}\xff\xfe${text.slice(at)}`, 'latin1')
    const err = await readError(bad)
    expect(err).toMatchObject({ code: 'ERR_HAR_ENCODING' })
    expect(err instanceof Error && err.message).toContain('entry 1')
  })

  it('empty input: ERR_HAR_EMPTY', async () => {
    expect(await code(Buffer.alloc(0))).toBe('ERR_HAR_EMPTY')
    expect(await code(Buffer.from(' \n\t \r\n'))).toBe('ERR_HAR_EMPTY')
    expect(await code(Buffer.from([0xef, 0xbb, 0xbf]))).toBe('ERR_HAR_EMPTY')
  })

  it('summary rejects with the same error, and is safe to ignore', async () => {
    const reader = (await import('../../src/har/read-har.js')).readHar(chunked(Buffer.from('[]'), 2))
    await expect(async () => {
      for await (const _ of reader.events) void _
    }).rejects.toMatchObject({ code: 'ERR_HAR_NOT_HAR' })
    await expect(reader.summary).rejects.toMatchObject({ code: 'ERR_HAR_NOT_HAR' })
  })
})

describe('the log event', () => {
  it('comes after the entries when pages follow them, with all fields whatever the key order', async () => {
    const { events, summary } = await readAll(chunked(fixture('pages-after-entries.har'), 64))
    expect(summary.entries).toBe(3)
    expect(events.map((ev) => ev.kind)).toEqual(['entry', 'entry', 'entry', 'log'])
    expect(events[3]).toEqual({
      kind: 'log',
      version: '1.2',
      creator: { name: 'late-creator', version: '2' },
      pages: [{ startedDateTime: '', id: 'late', title: 'late page', pageTimings: {} }],
    })
  })

  it('is emitted once even for a HAR without pages or creator', async () => {
    const { events } = await readAll(chunked(Buffer.from('{"log":{"entries":[]}}'), 3))
    expect(events).toEqual([{ kind: 'log', pages: [] }])
  })
})

describe('entry normalisation', () => {
  it('fills missing required fields and skips elements without request.url', async () => {
    const har = JSON.stringify({
      log: {
        entries: [
          { request: { url: 'https://a.example/x' } },
          { request: { method: 'GET' } },
          42,
          { request: { url: 'https://a.example/y', headers: [{ name: 'a', value: 'b' }, { name: 1 }] }, response: { status: 302 } },
        ],
      },
    })
    const { events, summary } = await readAll(chunked(Buffer.from(har), 10))
    const entries = entriesOf(events)
    expect(summary).toMatchObject({ entries: 2, skipped: 2 })
    expect(entries.map((e) => e.index)).toEqual([0, 3])
    expect(entries[0]?.entry.request).toMatchObject({ method: 'GET', headers: [], cookies: [], queryString: [] })
    expect(entries[0]?.entry.response).toMatchObject({ status: 0, headers: [], content: { mimeType: '' } })
    expect(entries[1]?.entry.request.headers).toEqual([{ name: 'a', value: 'b' }])
    expect(entries[1]?.entry.response.status).toBe(302)
  })
})
