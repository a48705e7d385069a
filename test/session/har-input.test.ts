import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCliInProcess } from '../helpers/run-cli.js'

const dir = mkdtempSync(join(tmpdir(), 'asap-doctor-har-input-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
// A real browser recording from the repository's corpus (fixtures/scenarios, see its README).
const SAMPLE_PATH = 'fixtures/scenarios/user-missing/session.har'
const sample = readFileSync(SAMPLE_PATH)

function file(name: string, content: Uint8Array | string): string {
  const path = join(dir, name)
  writeFileSync(path, content)
  return path
}

describe('har: unreadable input is one clear line and exit 2', () => {
  it.each([
    ['zip archive', Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(64)]), /zip/i],
    ['gzip', Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0]), /gzip/i],
    ['not JSON', '<!doctype html><title>Export failed</title>', /not (a HAR|JSON)/i],
    ['JSON but not a HAR', '{"hello": "world"}', /HAR/],
    ['UTF-16', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"log":{}}', 'utf16le')]), /UTF-16|encoding|UTF-8/i],
    ['empty file', '', /empty/i],
  ])('%s', async (_name, content, message) => {
    const run = await runCliInProcess(['har', file(`input-${_name.replace(/\W/g, '')}`, content)])
    expect(run.exitCode).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr.trim().split('\n')).toHaveLength(1)
    expect(run.stderr).toMatch(message)
  })

  it('a missing file', async () => {
    const run = await runCliInProcess(['har', join(dir, 'nope.har')])
    expect(run.exitCode).toBe(2)
    expect(run.stderr).toMatch(/no such file/)
  })

  it('a truncated file is diagnosed as far as it goes, with a warning', async () => {
    const cut = sample.subarray(0, Math.floor(sample.length * 0.97))
    const run = await runCliInProcess(['har', file('cut.har', cut), '--format', 'json'])
    expect([0, 1]).toContain(run.exitCode)
    expect(run.stderr).toMatch(/warning: .*cut/)
    expect(JSON.parse(run.stdout).subjects.length).toBeGreaterThan(0)
  })

  it('a BOM-prefixed file is read, with a note', async () => {
    const run = await runCliInProcess(['har', file('bom.har', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), sample])), '--format', 'json'])
    // Zoho visibly refused the login (general_error): har exits 1 even when no check proves why.
    expect(run.exitCode).toBe(1)
    expect(run.stderr).toMatch(/byte order mark/)
    expect(JSON.parse(run.stdout).subjects[0].diagnosis.outcome).toBe('general_error')
  })

  it('reads a HAR piped on stdin (-)', async () => {
    const run = await runCliInProcess(['har', '-', '--format', 'json'], { stdin: sample.toString('utf8') })
    // The remote/auth call is the last of the recording's 12 entries.
    expect(JSON.parse(run.stdout).subjects[0].source.entryIndex).toBe(11)
  })

  it('--tokens-only lists the JWTs, masked', async () => {
    const run = await runCliInProcess(['har', SAMPLE_PATH, '--tokens-only'])
    expect(run.exitCode).toBe(0)
    expect(run.stdout).toMatch(/JWT occurrence\(s\), \d+ distinct/)
    expect(run.stdout).not.toMatch(/eyJ[\w-]+\.eyJ[\w-]+\.[\w-]{20,}/)
  })
})
