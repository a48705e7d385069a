import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, expect, it } from 'vitest'
import { harText } from '../helpers/har-builder.js'

// Issue 7, defect 9: `asap-doctor … | head -1` closes the pipe early; that is no reason for a stack trace.
const dir = mkdtempSync(join(tmpdir(), 'asap-doctor-pipe-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const bin = fileURLToPath(new URL('../../bin/asap-doctor.js', import.meta.url))

it('writing into a closed pipe exits quietly', () => {
  const token = `eyJhbGciOiJIUzI1NiJ9.eyJlbWFpbCI6ImFAYi5jIn0.${'x'.repeat(43)}`
  const har = join(dir, 'many.har')
  // Far more output than a pipe buffer holds, so the writer is still writing when the reader is gone.
  writeFileSync(
    har,
    harText(
      Array.from({ length: 20_000 }, () => ({ at: 0, url: `https://app.example.com/?t=${token}` })),
      Date.parse('2026-11-21T06:00:00.000Z'),
    ),
  )
  const run = spawnSync('sh', ['-c', `"${process.execPath}" "${bin}" har "${har}" --tokens-only | head -c 10 >/dev/null; echo "exit=\${PIPESTATUS:-0}"`], {
    encoding: 'utf8',
    timeout: 60_000,
  })
  expect(run.stderr).not.toMatch(/EPIPE|at .*\.js:\d+|Error/)
  expect(run.stderr).toBe('')
})
