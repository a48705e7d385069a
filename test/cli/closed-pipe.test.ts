import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, expect, it } from 'vitest'

// Issue 7, defect 9: `asap-doctor … | head -1` closes the pipe early; that is no reason for a stack trace.
const dir = mkdtempSync(join(tmpdir(), 'asap-doctor-pipe-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const bin = fileURLToPath(new URL('../../bin/asap-doctor.js', import.meta.url))

it('writing into a closed pipe exits quietly', () => {
  const token = `eyJhbGciOiJIUzI1NiJ9.eyJlbWFpbCI6ImFAYi5jIn0.${'x'.repeat(43)}`
  const entry = {
    startedDateTime: '2026-11-21T06:00:00.000Z',
    time: 1,
    request: {
      method: 'GET',
      url: `https://app.example.com/?t=${token}`,
      httpVersion: 'h2',
      cookies: [],
      headers: [],
      queryString: [],
      headersSize: -1,
      bodySize: -1,
    },
    response: {
      status: 200,
      statusText: '',
      httpVersion: 'h2',
      cookies: [],
      headers: [],
      content: { size: 0, mimeType: 'text/plain', text: '' },
      redirectURL: '',
      headersSize: -1,
      bodySize: -1,
    },
    cache: {},
    timings: { send: 0, wait: 0, receive: 0 },
  }
  const har = join(dir, 'many.har')
  // Far more output than a pipe buffer holds, so the writer is still writing when the reader is gone.
  writeFileSync(har, JSON.stringify({ log: { version: '1.2', creator: { name: 'test', version: '1' }, entries: Array.from({ length: 20_000 }, () => entry) } }))
  const run = spawnSync('sh', ['-c', `"${process.execPath}" "${bin}" har "${har}" --tokens-only | head -c 10 >/dev/null; echo "exit=\${PIPESTATUS:-0}"`], {
    encoding: 'utf8',
    timeout: 60_000,
  })
  expect(run.stderr).not.toMatch(/EPIPE|at .*\.js:\d+|Error/)
  expect(run.stderr).toBe('')
})
