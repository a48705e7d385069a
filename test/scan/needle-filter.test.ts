import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createNeedleFilter, type NeedleFilter } from '../../src/scan/needle-filter.js'
import { needleRegex, READ_NEEDLES, TRIGGER_NEEDLES } from '../../src/scan/prefilter.js'

const encoder = new TextEncoder()

function filterOf(needles: readonly string[]): NeedleFilter {
  const filter = createNeedleFilter(needles)
  // Node 20 on x64 and arm64 has WebAssembly SIMD: the fallback is for other platforms.
  if (filter === undefined) throw new Error('no WebAssembly SIMD on this machine')
  return filter
}

/** The filter's answer for these bytes, read into its memory as the scan does. */
function matches(filter: NeedleFilter, bytes: Uint8Array): boolean {
  filter.space(bytes.length).set(bytes)
  return filter.matches(bytes.length)
}

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1')

describe('the needle filter', () => {
  it('finds every needle, in any case, at every offset around the 16-byte blocks and at the very end', () => {
    const filter = filterOf(READ_NEEDLES)
    for (const needle of READ_NEEDLES) {
      for (const spelling of [needle, needle.toUpperCase(), needle.replace(/^./, (c) => c.toUpperCase())]) {
        for (let offset = 0; offset <= 40; offset += 1) {
          const text = `${'x'.repeat(offset)}${spelling}`
          expect(matches(filter, encoder.encode(text)), `${spelling} at ${offset}`).toBe(true)
          expect(matches(filter, encoder.encode(`${text}yyyy`)), `${spelling} at ${offset}, text after`).toBe(true)
        }
      }
    }
  })

  it('does not find a needle cut off by the end, one broken up, or none at all', () => {
    const filter = filterOf(READ_NEEDLES)
    for (const needle of READ_NEEDLES) {
      for (let offset = 0; offset <= 20; offset += 1) {
        expect(matches(filter, encoder.encode(`${'x'.repeat(offset)}${needle.slice(0, -1)}`)), `${needle} cut at ${offset}`).toBe(false)
        expect(matches(filter, encoder.encode(`${'x'.repeat(offset)}${needle.slice(0, 2)} ${needle.slice(2)}`))).toBe(false)
      }
    }
    expect(matches(filter, new Uint8Array(0))).toBe(false)
    expect(matches(filter, encoder.encode('export const value = 1\n'.repeat(200)))).toBe(false)
  })

  it('folds ASCII case only, as the case-insensitive regex on a latin1 view does', () => {
    const filter = filterOf(['secret'])
    // U+017F LATIN SMALL LETTER LONG S upper-cases to S, but only Unicode regexes fold it to s.
    expect(matches(filter, encoder.encode('\u017fecret'))).toBe(false)
    expect(needleRegex(['secret']).test(latin1(encoder.encode('\u017fecret')))).toBe(false)
    // Bytes 0x80-0xff are never letters here: 0xd3 OR 0x20 is 0xf3, yet 0xd3 is no `s`.
    expect(matches(filter, Uint8Array.from([0xd3, ...encoder.encode('ecret')]))).toBe(false)
    expect(matches(filter, encoder.encode('SeCrEt'))).toBe(true)
  })

  it('never reads past the end of the file: what an earlier, longer file left in its memory does not count', () => {
    const filter = filterOf(READ_NEEDLES)
    const long = encoder.encode(`${'a'.repeat(70_000)}zoho`)
    expect(matches(filter, long)).toBe(true)
    // The same memory, 4 bytes shorter: the bytes `zoho` are still there, past the end.
    expect(filter.matches(long.length - 4)).toBe(false)
    expect(filter.matches(long.length - 1)).toBe(false)
    // The needle straddles the end at every lane position.
    for (let cut = 1; cut < 4; cut += 1) expect(filter.matches(long.length - cut)).toBe(false)
  })

  it('grows for a large file and still answers for small ones afterwards', () => {
    const filter = filterOf(READ_NEEDLES)
    const big = new Uint8Array(3 * 1024 * 1024).fill(0x61)
    big.set(encoder.encode('email_verified'), big.length - 14)
    expect(matches(filter, big)).toBe(true)
    expect(matches(filter, encoder.encode('const a = 1'))).toBe(false)
    expect(matches(filter, encoder.encode('const a = NONCE'))).toBe(true)
  })

  it('gives the answer of the needles’ regex on a latin1 view, on any bytes (property)', () => {
    const filter = filterOf(READ_NEEDLES)
    const regex = needleRegex(READ_NEEDLES)
    const fragment = fc.oneof(
      fc
        .constantFrom(...READ_NEEDLES)
        .chain((needle) =>
          fc
            .tuple(fc.integer({ min: 1, max: needle.length }), fc.array(fc.boolean(), { minLength: needle.length, maxLength: needle.length }))
            .map(([cut, upper]) => [...needle.slice(0, cut)].map((c, k) => (upper[k] ? c.toUpperCase() : c)).join('')),
        ),
      fc.string({ unit: fc.constantFrom(...'asecrtnoihmzpbfuvd_-./(jy SAZN\n\u00e9\u017f'), maxLength: 8 }),
    )
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 24 }), fc.uint8Array({ maxLength: 6 }), (parts, noise) => {
        const bytes = Uint8Array.from([...noise, ...encoder.encode(parts.join(''))])
        expect(matches(filter, bytes)).toBe(regex.test(latin1(bytes)))
      }),
      { numRuns: 3000 },
    )
  })

  it('takes only needles of 3 to 255 printable ASCII characters (it fingerprints three bytes)', () => {
    expect(() => createNeedleFilter(['ab'])).toThrow(/3 to 255 printable ASCII/)
    expect(() => createNeedleFilter(['caf\u00e9'])).toThrow(/3 to 255 printable ASCII/)
  })

  it('covers every trigger needle among the needles a tree scan reads past', () => {
    for (const needle of TRIGGER_NEEDLES) expect(READ_NEEDLES).toContain(needle)
    expect(needleRegex(TRIGGER_NEEDLES).test('Content-Security-Policy')).toBe(true)
    expect(needleRegex(TRIGGER_NEEDLES).test('x.sign(y)')).toBe(true)
    expect(needleRegex(TRIGGER_NEEDLES).test('xsign(y)')).toBe(false)
  })
})
