import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { scanTokens, type TokenHit } from '../../src/har/scan-tokens.js'
import { HAVE_SAMPLES, RECORDINGS, SAMPLE_COUNTS, chunked, recording, sample, splitAt } from './helpers.js'

const JWT_RE = /eyJ[A-Za-z0-9_-]+\.eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/g

/** The reference: the regex over the whole input, offsets in bytes (latin1 keeps them equal). */
function expected(bytes: Buffer): TokenHit[] {
  return [...bytes.toString('latin1').matchAll(JWT_RE)].map((m) => ({ token: m[0], offset: m.index }))
}

async function scan(chunks: AsyncIterable<Uint8Array>): Promise<TokenHit[]> {
  const hits: TokenHit[] = []
  for await (const hit of scanTokens(chunks)) hits.push(hit)
  return hits
}

describe('scanTokens', () => {
  for (const id of Object.keys(RECORDINGS)) {
    it(`${id}: finds every JWT with its byte offset`, async () => {
      const bytes = recording(id)
      const hits = await scan(chunked(bytes, 64 * 1024))
      expect(hits.length).toBeGreaterThan(0)
      expect(hits).toEqual(expected(bytes))
      for (const hit of hits) expect(bytes.toString('latin1', hit.offset, hit.offset + hit.token.length)).toBe(hit.token)
    })
  }

  it.skipIf(!HAVE_SAMPLES)('../shared/har-samples (optional extra): finds every JWT with its byte offset', async () => {
    for (const name of Object.keys(SAMPLE_COUNTS)) {
      const bytes = sample(name)
      expect(await scan(chunked(bytes, 64 * 1024))).toEqual(expected(bytes))
    }
  })

  it('finds the ASAP token of the auth request', async () => {
    const bytes = recording('user-missing')
    const url = /remote\/auth\?jwt_token=([^&"]+)/.exec(bytes.toString('utf8'))?.[1]
    const tokens = (await scan(chunked(bytes, 4096))).map((h) => h.token)
    expect(url).toBeDefined()
    expect(tokens).toContain(url)
  })

  it('is chunk-size independent (1 and 7 bytes)', async () => {
    const bytes = recording('seconds')
    const want = expected(bytes)
    expect(await scan(chunked(bytes, 1))).toEqual(want)
    expect(await scan(chunked(bytes, 7))).toEqual(want)
  })

  it('property: any split, and tricky near-misses around tokens', async () => {
    const token = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl'
    const parts = fc.constantFrom(
      token,
      'eyJ',
      'e',
      'ey',
      '.',
      '.eyJ',
      'eyJabc',
      'eyJabc.',
      'eyJabc.eyJ',
      'eyJabc.eyJx.',
      'eeyJ',
      ' ',
      '"',
      'x',
      'é',
      '-_',
      'eyJa.eeyJb.eyJc.d',
    )
    await fc.assert(
      fc.asyncProperty(fc.array(parts, { maxLength: 30 }), fc.array(fc.nat(), { maxLength: 12 }), async (list, cuts) => {
        const bytes = Buffer.from(`{"t":"${list.join('')}"}`, 'utf8')
        const got = await scan(
          splitAt(
            bytes,
            cuts.map((c) => c % (bytes.length + 1)),
          ),
        )
        expect(got).toEqual(expected(bytes))
      }),
      { numRuns: 300 },
    )
  })

  it('counts a BOM in the offsets', async () => {
    const body = Buffer.from('{"a":"eyJa.eyJb.c"}')
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body])
    expect(await scan(chunked(bytes, 2))).toEqual([{ token: 'eyJa.eyJb.c', offset: 9 }])
  })

  it('throws the input errors (empty, zip)', async () => {
    await expect(scan(chunked(Buffer.alloc(0), 1))).rejects.toMatchObject({ code: 'ERR_HAR_EMPTY' })
    const zip = Buffer.from('PK\x03\x04 some zip bytes and more bytes to make 64 bytes..........................', 'latin1')
    await expect(scan(chunked(zip, 3))).rejects.toMatchObject({ code: 'ERR_HAR_ZIP' })
  })

  it('works on text that is not JSON or is truncated', async () => {
    const bytes = Buffer.from('garbage { "x": "eyJhIjoxfQ.eyJiIjoyfQ.sig" and more eyJhIjoxfQ.eyJiIjoyfQ.')
    expect(await scan(chunked(bytes, 5))).toEqual(expected(bytes))
    expect(expected(bytes)).toHaveLength(2)
  })
})
