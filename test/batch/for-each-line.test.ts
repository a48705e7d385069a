import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { forEachLine, MAX_LINE_BYTES } from '../../src/cli/commands/verify-batch.js'

async function collect(chunks: readonly Uint8Array[]): Promise<{ lines: Array<[number, string]>; tooLong: number[] }> {
  const lines: Array<[number, string]> = []
  const tooLong: number[] = []
  await forEachLine(
    (async function* () {
      yield* chunks
    })(),
    async (text, line) => {
      // An async handler: lines must still arrive in order, one at a time.
      await Promise.resolve()
      lines.push([line, text])
    },
    (line) => tooLong.push(line),
  )
  return { lines, tooLong }
}

function split(bytes: Buffer, cuts: readonly number[]): Buffer[] {
  const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b)
  const parts: Buffer[] = []
  let start = 0
  for (const point of [...points, bytes.length]) {
    parts.push(bytes.subarray(start, point))
    start = point
  }
  return parts
}

describe('forEachLine', () => {
  it('gives the same lines however the stream is cut (CRLF, UTF-8 split mid-character, no final newline)', async () => {
    const text = 'eyJa.b.c\r\nzwölf ünïcödé 😀\n\n{"jwt":"x.y.z"}\nlast line without newline'
    const expected = ['eyJa.b.c', 'zwölf ünïcödé 😀', '', '{"jwt":"x.y.z"}', 'last line without newline'].map((value, index): [number, string] => [
      index + 1,
      value,
    ])
    const bytes = Buffer.from(text, 'utf8')
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(), { maxLength: 12 }), async (cuts) => {
        expect((await collect(split(bytes, cuts))).lines).toEqual(expected)
      }),
      { numRuns: 300 },
    )
  })

  it('skips a line over MAX_LINE_BYTES, whole or cut into chunks, and goes on with the next', async () => {
    const long = Buffer.alloc(MAX_LINE_BYTES + 5, 0x61)
    const bytes = Buffer.concat([Buffer.from('first\n'), long, Buffer.from('\nthird\n'), long])
    for (const chunks of [[bytes], split(bytes, [3, 100, 70_000, 600_000, MAX_LINE_BYTES + 8, MAX_LINE_BYTES + 20])]) {
      const { lines, tooLong } = await collect(chunks)
      expect(lines).toEqual([
        [1, 'first'],
        [3, 'third'],
      ])
      expect(tooLong).toEqual([2, 4])
    }
  })
})
