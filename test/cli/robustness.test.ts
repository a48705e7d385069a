import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { runCliInProcess } from '../helpers/run-cli.js'
import { makeToken, TEST_SECRET } from '../helpers/tokens.js'

const good = makeToken()

/** Token mutations people produce: cut, doubled, re-encoded, characters flipped, junk added. */
const mutatedToken = fc.oneof(
  fc.nat({ max: good.length }).map((cut) => good.slice(0, cut)),
  fc
    .tuple(fc.nat({ max: good.length - 1 }), fc.string({ minLength: 1, maxLength: 1 }))
    .map(([index, char]) => good.slice(0, index) + char + good.slice(index + 1)),
  fc.tuple(fc.string(), fc.string()).map(([before, after]) => `${before}${good}${after}`),
  fc.constantFrom(
    `${good}.${good}`,
    good.replaceAll('.', '..'),
    good.replaceAll('-', '+'),
    `${good}==`,
    encodeURIComponent(good),
    JSON.stringify({ token: [good] }),
  ),
  fc.array(fc.string({ unit: 'binary' }), { maxLength: 5 }).map((parts) => parts.join('.')),
)

const argvFor = (input: string) =>
  fc.constantFrom<string[]>(
    ['verify', input, '--now=2026-11-21T06:00:00Z'],
    ['verify', input, '--exact', '--format=json'],
    ['verify', input, `--secret=${TEST_SECRET}`],
    ['decode', input],
    ['decode', input, '--format=json'],
  )

describe('arbitrary input never crashes', () => {
  it('verify/decode exit 0, 1 or 2 with no stack trace', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), mutatedToken).chain((input) => argvFor(input)),
        async (argv) => {
          const run = await runCliInProcess(argv)
          expect([0, 1, 2]).toContain(run.exitCode)
          expect(run.stderr).not.toMatch(/\n\s+at /)
          expect(run.stderr).not.toContain('asap-doctor: unexpected error')
          if (run.exitCode === 2) expect(run.stderr.trim().split('\n').length).toBeLessThanOrEqual(2)
          else if (argv.includes('--format=json')) expect(() => JSON.parse(run.stdout)).not.toThrow()
        },
      ),
      { numRuns: 300 },
    )
  })

  it('arbitrary argv never crashes', async () => {
    const word = fc.oneof(
      fc.constantFrom(
        'verify',
        'decode',
        'explain',
        'checks',
        '--format',
        'json',
        '--now',
        '--leeway',
        '-',
        '--only',
        '--exact',
        '--strict',
        '--token-file',
        good,
      ),
      fc.string(),
    )
    await fc.assert(
      fc.asyncProperty(fc.array(word, { maxLength: 6 }), async (argv) => {
        const run = await runCliInProcess(argv, { stdin: good })
        expect([0, 1, 2]).toContain(run.exitCode)
        expect(run.stderr).not.toContain('asap-doctor: unexpected error')
      }),
      { numRuns: 200 },
    )
  })
})

describe('arbitrary HAR input never crashes', () => {
  const sample = readFileSync('fixtures/scenarios/user-missing/session.har')
  const dir = mkdtempSync(join(tmpdir(), 'asap-doctor-fuzz-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  // Cut the real recording anywhere and flip a few bytes: what a broken download or disk gives.
  const damaged = fc
    .tuple(fc.nat({ max: sample.length }), fc.array(fc.tuple(fc.nat({ max: sample.length - 1 }), fc.nat({ max: 255 })), { maxLength: 4 }))
    .map(([cut, flips]) => {
      const copy = Buffer.from(sample.subarray(0, cut))
      for (const [at, value] of flips) if (at < copy.length) copy[at] = value
      return copy
    })
  const anyBytes = fc.uint8Array({ maxLength: 2048 }).map((bytes) => Buffer.from(bytes))

  it('har exits 0, 1 or 2 with at most a warning and one error line', async () => {
    let counter = 0
    await fc.assert(
      fc.asyncProperty(fc.oneof(damaged, anyBytes), fc.constantFrom('human', 'json'), async (bytes, format) => {
        const file = join(dir, `case-${counter++}.har`)
        writeFileSync(file, bytes)
        const run = await runCliInProcess(['har', file, '--format', format])
        expect([0, 1, 2]).toContain(run.exitCode)
        expect(run.stderr).not.toMatch(/\n\s+at /)
        expect(run.stderr).not.toContain('asap-doctor: unexpected error')
        if (run.exitCode !== 2 && format === 'json') expect(() => JSON.parse(run.stdout)).not.toThrow()
      }),
      { numRuns: 60 },
    )
  })
})
