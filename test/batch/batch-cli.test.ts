import { describe, expect, it } from 'vitest'
import { runCliInProcess } from '../helpers/run-cli.js'
import { NOW } from '../helpers/tokens.js'
import { expired, good, inSeconds, tempFile, upperCaseEmail, wrongSecret } from './helpers.js'

const SECRET = '--secret-file=fixtures/examples/asap-secret.txt'
const AT = '--now=2026-11-21T06:00:00Z'

/**
 * A generated batch with known contents, so every count below is exact: 40 clean tokens, 2 clean
 * ones pasted with junk around them, 7 expired by 2–5 min, 5 in seconds, 4 signed with an old
 * secret, 6 with an upper-case email (accepted, with a warning), 3 lines without a token and 2
 * blank lines. The seconds tokens also warn (a 300 ms window as Zoho reads them).
 */
function mixedBatch(): { lines: string[]; expected: Record<string, number[]> } {
  const lines: string[] = []
  const expected: Record<string, number[]> = { expired: [], seconds: [], wrong: [], upper: [], junk: [], pasted: [] }
  const push = (kind: string, line: string) => {
    lines.push(line)
    expected[kind]?.push(lines.length)
  }
  for (let i = 0; i < 40; i++) {
    push('good', good(i))
    if (i % 6 === 1) push('expired', expired(i, 120_000 + (Math.floor(i / 6) % 4) * 60_000))
    if (i % 8 === 3) push('seconds', inSeconds(i))
    if (i % 10 === 5) push('wrong', wrongSecret(i))
    if (i % 7 === 2) push('upper', upperCaseEmail(i))
    if (i === 11 || i === 23 || i === 35) push('junk', `2026-11-21 05:59:${i} INFO no token on this line`)
    if (i === 12 || i === 30) push('blank', '')
    if (i === 17) push('pasted', `Authorization: Bearer ${good(1000)}`)
    if (i === 29) push('pasted', `{"token":"${good(1001)}"}`)
  }
  return { lines, expected }
}

describe('verify --batch', () => {
  const { lines, expected } = mixedBatch()
  const file = tempFile('mixed.txt', lines)

  it('counts tokens, acceptances and causes exactly (--format json)', async () => {
    expect(expected.expired).toHaveLength(7)
    const run = await runCliInProcess(['verify', '--batch', file, SECRET, AT, '--format', 'json'])
    expect(run.stderr).toBe('')
    expect(run.exitCode).toBe(1)
    const summary = JSON.parse(run.stdout)
    expect(summary).toMatchObject({
      command: 'verify --batch',
      lines: lines.length - 2,
      blankLines: 2,
      tokens: 64,
      accepted: 48,
      acceptedWithWarnings: 6,
      rejected: 16,
      badLines: 3,
      unverifiedSignatures: 0,
      exitCode: 1,
    })
    const byCause = Object.fromEntries(summary.causes.map((cause: { checkId: string; messageId: string }) => [`${cause.checkId}/${cause.messageId}`, cause]))
    expect(byCause['time-validity/expired']).toMatchObject({
      status: 'fail',
      count: 7,
      firstLines: expected.expired?.slice(0, 3),
      minMs: 120_000,
      maxMs: 300_000,
      label: 'expired at --now by 2–5 min',
    })
    expect(byCause['time-units/seconds-in-ms-claim']).toMatchObject({ count: 5, firstLines: expected.seconds?.slice(0, 3) })
    expect(byCause['signature/mismatch']).toMatchObject({ count: 4, firstLines: expected.wrong?.slice(0, 3) })
    expect(byCause['email-normalization/not-normalized']).toMatchObject({ status: 'warn', count: 6, share: 6 / 64 })
    expect(byCause['batch/no-token']).toMatchObject({ status: 'bad-line', count: 3, firstLines: expected.junk, share: 3 / (lines.length - 2) })
    // Seconds read as milliseconds also make a 300 ms window: a warning of its own.
    expect(byCause['validity-window/fragile']).toMatchObject({ status: 'warn', count: 5, label: 'validity window under 10 s (300 ms)' })
    expect(summary.causes.map((cause: { status: string }) => cause.status)).toEqual(['fail', 'fail', 'fail', 'bad-line', 'warn', 'warn'])
    // Each cause carries one example, with its signature masked.
    for (const cause of summary.causes.filter((c: { status: string }) => c.status !== 'bad-line')) expect(cause.example).toMatch(/^eyJ[\w-]+\.[\w-]+\.\*\*\*$/)
  })

  it('prints the aggregate for people by default', async () => {
    const run = await runCliInProcess(['verify', '--batch', file, SECRET, AT])
    expect(run.exitCode).toBe(1)
    const [e1, e2, e3] = expected.expired ?? []
    expect(run.stdout).toContain(`Batch ${file}: 64 tokens on ${lines.length - 2} lines (and 2 blank lines, skipped); time checks at 2026-11-21T06:00:00.000Z.`)
    expect(run.stdout).toContain('Zoho would accept 48 of 64 tokens (75.0 %) (6 with warnings); 16 rejected.')
    expect(run.stdout).toContain(`✗ 7 tokens (10.9 %): expired at --now by 2–5 min — lines ${e1}, ${e2}, ${e3} …`)
    expect(run.stdout).toContain(`✗ 3 lines (${((3 / (lines.length - 2)) * 100).toFixed(1)} %): no token found — lines ${expected.junk?.join(', ')}\n`)
    expect(run.stdout).toContain('! 6 tokens (9.4 %): email not lower-case or not trimmed')
    expect(run.stdout).not.toMatch(/eyJ[\w-]+\.[\w-]+\.[\w-]{20,}/)
  })

  it('writes one JSON line per non-blank line with --format jsonl', async () => {
    const run = await runCliInProcess(['verify', '--batch', file, SECRET, AT, '--format', 'jsonl'])
    const records = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
    expect(records).toHaveLength(lines.length - 2)
    expect(records.filter((record) => record.accepted)).toHaveLength(48)
    const first = expected.expired?.[0]
    expect(records.find((record) => record.line === first)).toMatchObject({
      accepted: false,
      failing: ['time-validity'],
      rootCause: { checkId: 'time-validity', messageId: 'expired' },
    })
    expect(records.find((record) => record.line === expected.junk?.[0])).toMatchObject({ token: null, accepted: false, badLine: 'no-token' })
    expect(records.find((record) => record.line === expected.pasted?.[0])).toMatchObject({ accepted: true, failing: [], warnings: [] })
    expect(records.find((record) => record.line === expected.upper?.[0])).toMatchObject({ accepted: true, warnings: ['email-normalization'] })
    for (const record of records) if (record.token !== null) expect(record.token).toMatch(/\.\*\*\*$/)
  })

  it('reads stdin with --batch - and says when signatures were not verified', async () => {
    const run = await runCliInProcess(['verify', '--batch', '-', AT, '--format', 'json'], { stdin: `${good(1)}\r\n${good(2)}\r\n` })
    expect(JSON.parse(run.stdout)).toMatchObject({ tokens: 2, accepted: 2, unverifiedSignatures: 2, exitCode: 0, causes: [] })
    expect(run.exitCode).toBe(0)
    const human = await runCliInProcess(['verify', '--batch', '-', AT], { stdin: `${good(1)}\n` })
    expect(human.stdout).toContain('Signatures of 1 token were not verified: no secret given')
  })

  it('JSON Lines: --field takes the token from a dotted path; --time-field evaluates each record at its own time', async () => {
    // Both tokens expired at NOW, but each was valid when its request was logged.
    const records = [
      { ts: new Date(NOW - 600_000).toISOString(), req: { jwt: expired(1, 500_000) } },
      { ts: NOW - 400_000, req: { jwt: expired(2, 300_000) } },
      { ts: 'not a time', req: { jwt: good(3) } },
      { ts: NOW, req: {} },
    ]
    const path = tempFile('log.jsonl', [...records.map((record) => JSON.stringify(record)), 'not json'])
    const atNow = JSON.parse((await runCliInProcess(['verify', '--batch', path, '--field', 'req.jwt', SECRET, AT, '--format', 'json'])).stdout)
    expect(atNow).toMatchObject({ tokens: 3, accepted: 1, badLines: 2 })
    const atRecord = await runCliInProcess(['verify', '--batch', path, '--field', 'req.jwt', '--time-field', 'ts', SECRET, AT, '--format', 'json'])
    const summary = JSON.parse(atRecord.stdout)
    expect(summary).toMatchObject({ tokens: 2, accepted: 2, badLines: 3, timeSource: { field: 'ts' }, evaluatedAt: null })
    const reasons = Object.fromEntries(summary.causes.map((cause: { messageId: string; firstLines: number[] }) => [cause.messageId, cause.firstLines]))
    expect(reasons).toEqual({ 'bad-time': [3], 'no-field': [4], 'not-json': [5] })
    const jsonl = await runCliInProcess(['verify', '--batch', path, '--field', 'req.jwt', '--time-field', 'ts', SECRET, AT, '--format', 'jsonl'])
    expect(JSON.parse(jsonl.stdout.split('\n')[0] ?? '')).toMatchObject({ line: 1, accepted: true, evaluatedAt: new Date(NOW - 600_000).toISOString() })
  })

  it('a line over 1 MiB is a bad line, not a crash', async () => {
    const path = tempFile('long.txt', [good(1), `x${'a'.repeat(1024 * 1024 + 10)}`, good(2)])
    const summary = JSON.parse((await runCliInProcess(['verify', '--batch', path, SECRET, AT, '--format', 'json'])).stdout)
    expect(summary).toMatchObject({ tokens: 2, accepted: 2, badLines: 1, causes: [{ messageId: 'too-long', firstLines: [2] }] })
  })

  it.each([
    [['--batch', 'nope.txt'], /cannot read batch file nope.txt: no such file/],
    [['--batch', 'x', 'eyJ.a.b'], /give no token argument/],
    [['--batch', 'x', '--format', 'junit'], /--format junit is not available with --batch/],
    [['--batch', 'x', '--time-field', 'ts'], /--time-field needs --field/],
    [['--field', 'jwt', 'eyJ.a.b'], /--field needs --batch/],
    [['eyJ.a.b', '--format', 'jsonl'], /--format jsonl needs --batch/],
  ])('usage: %j exits 2 with one line', async (args, message) => {
    const run = await runCliInProcess(['verify', ...args])
    expect(run.exitCode).toBe(2)
    expect(run.stderr).toMatch(message)
    expect(run.stderr.trim().split('\n')).toHaveLength(1)
  })

  it('an empty batch is "no token" (exit 2)', async () => {
    const run = await runCliInProcess(['verify', '--batch', '-'], { stdin: '\n\n' })
    expect(run).toMatchObject({ exitCode: 2, stdout: '' })
    expect(run.stderr).toMatch(/no token found: stdin has no lines/)
  })
})

describe('verify --batch --only', () => {
  it('runs only the chosen checks and its verdicts say so', async () => {
    const path = tempFile('only.txt', [good(1), inSeconds(2), good(3)])
    const run = await runCliInProcess(['verify', '--batch', path, SECRET, AT, '--only', 'signature,email-format', '--format', 'jsonl'])
    const records = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
    expect(records.map((record) => record.accepted)).toEqual([true, true, true])
    expect(records[0].verdict).toBe(records[1].verdict)
    expect(records[0].verdict).toMatch(/selected checks pass/)
  })
})

describe('verify --batch never prints a credential', () => {
  it('masks signatures in quoted bad lines and removes the secret from the summary', async () => {
    const path = tempFile('leaky.txt', ['{broken hd.pl.sIgNaTuRe-0123456789', 'ASAP_JWT_SECRET=k3Xq9ZtR2vLm8WbN5cYp1HsD7fGj4Ua6 oops'])
    const run = await runCliInProcess(['verify', '--batch', path, '--field', 'jwt', SECRET, AT])
    expect(run.stdout).toContain('e.g. {broken hd.pl.***')
    expect(run.stdout).not.toContain('sIgNaTuRe')
    expect(run.stdout).not.toContain('k3Xq9ZtR2vLm8WbN5cYp1HsD7fGj4Ua6')
  })
})
