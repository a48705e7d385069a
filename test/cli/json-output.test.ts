import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { runCliInProcess } from '../helpers/run-cli.js'
import { makeToken } from '../helpers/tokens.js'

const docs = readFileSync('docs/json-output.md', 'utf8')

describe('JSON output, schemaVersion 1 (docs/json-output.md)', () => {
  it('has the documented shape', async () => {
    const run = await runCliInProcess(['verify', makeToken(), '--format', 'json', '--now=2026-11-21T06:00:00Z'])
    const report: unknown = JSON.parse(run.stdout)
    expect(report).toMatchObject({
      schemaVersion: 1,
      tool: { name: 'asap-doctor', version: expect.any(String) },
      command: 'verify',
      evaluatedAt: '2026-11-21T06:00:00.000Z',
      subjects: [
        {
          source: { kind: 'argument', ref: 'argument' },
          token: { masked: expect.stringMatching(/\.\*\*\*$/), header: { alg: 'HS256' }, payload: { email: 'jane.doe@example.com' } },
          notes: expect.any(Array),
          checks: expect.any(Array),
          verdict: expect.any(String),
        },
      ],
      summary: { passed: expect.any(Number), failed: 0, warnings: 0, skipped: 1, errors: 0, exitCode: 0 },
    })
    const checks = (report as { subjects: Array<{ checks: Array<Record<string, unknown>> }> }).subjects[0]?.checks ?? []
    expect(checks).toHaveLength(11)
    for (const check of checks) {
      expect(Object.keys(check)).toEqual(expect.arrayContaining(['id', 'status', 'severity', 'title', 'messageId', 'message', 'hints', 'data']))
      expect(['pass', 'fail', 'warn', 'skip', 'error']).toContain(check.status)
      expect(['error', 'warning', 'info']).toContain(check.severity)
    }
  })

  it('documents every field it emits', async () => {
    const run = await runCliInProcess(['verify', makeToken(), '--format', 'json'])
    const report = JSON.parse(run.stdout) as Record<string, unknown>
    const keys = new Set<string>()
    const walk = (value: unknown, depth: number) => {
      if (depth > 3 || typeof value !== 'object' || value === null) return
      for (const [key, child] of Object.entries(value)) {
        if (!/^\d+$/.test(key) && !['header', 'payload', 'data'].includes(key)) keys.add(key)
        if (!['header', 'payload', 'data'].includes(key)) walk(child, depth + 1)
      }
    }
    walk(report, 0)
    for (const key of keys) expect(docs, `docs/json-output.md does not mention "${key}"`).toContain(`\`${key}\``)
  })

  it('exit code in the summary matches the process exit code', async () => {
    const run = await runCliInProcess(['verify', makeToken({ payload: { email: 'a@b.co' } }), '--format', 'json'])
    expect(JSON.parse(run.stdout).summary.exitCode).toBe(run.exitCode)
    expect(run.exitCode).toBe(1)
  })
})
