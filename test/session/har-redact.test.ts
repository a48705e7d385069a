import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCliInProcess } from '../helpers/run-cli.js'

const dir = mkdtempSync(join(tmpdir(), 'asap-doctor-redact-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('har --redact (CLI)', () => {
  it('writes a copy that still diagnoses, without the credentials of the original', async () => {
    const input = 'fixtures/scenarios/user-missing/session.har'
    const out = join(dir, 'user-missing.redacted.har')
    const run = await runCliInProcess(['har', input, '--redact', out, '--redact-emails'])
    expect(run.exitCode).toBe(0)
    expect(run.stdout).toMatch(/^Wrote .*: 12 entries; replaced \d+ JWT signatures/)

    const original = readFileSync(input, 'utf8')
    const copy = readFileSync(out, 'utf8')
    const har = JSON.parse(copy) as { log: { version: string; entries: unknown[] } }
    expect(har.log.entries).toHaveLength(12)
    const signatures = [...original.matchAll(/eyJ[\w-]+\.eyJ[\w-]+\.([\w-]{20,})/g)].map((match) => match[1] ?? '')
    for (const secret of [...signatures, 'correct-horse-battery-staple', 'alex.kim@example.com']) expect(copy).not.toContain(secret)

    const again = await runCliInProcess(['har', out, '--format', 'json'])
    const subject = JSON.parse(again.stdout).subjects[0]
    expect(subject.diagnosis.outcome).toBe('general_error')
    expect(subject.checks.find((check: { id: string }) => check.id === 'signature').messageId).toBe('sanitized')
    expect(subject.checks.find((check: { id: string }) => check.id === 'time-units').status).toBe('pass')
  })

  it('refuses to overwrite its input', async () => {
    const run = await runCliInProcess(['har', 'fixtures/scenarios/ok/session.har', '--redact', 'fixtures/scenarios/ok/session.har'])
    expect(run.exitCode).toBe(2)
    expect(run.stderr).toMatch(/another file than the input/)
  })
})

describe('har --redact on unreadable input', () => {
  it('leaves no half-written copy behind', async () => {
    const { writeFileSync, existsSync } = await import('node:fs')
    const input = join(dir, 'zip.har')
    writeFileSync(input, Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(32)]))
    const out = join(dir, 'zip.redacted.har')
    const run = await runCliInProcess(['har', input, '--redact', out])
    expect(run.exitCode).toBe(2)
    expect(existsSync(out)).toBe(false)
  })
})
