import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { goodPayload, makeToken, NOW } from '../helpers/tokens.js'

/** A clean token whose window started `ageMs` before NOW (distinct per `i`). */
export function good(i: number, ageMs = 30_000): string {
  return makeToken({ payload: goodPayload({ email: `user.${i}@example.com`, not_before: NOW - ageMs, not_after: NOW - ageMs + 300_000 }) })
}

/** A token that expired `byMs` before NOW. */
export function expired(i: number, byMs: number): string {
  return makeToken({ payload: goodPayload({ email: `late.${i}@example.com`, not_before: NOW - byMs - 300_000, not_after: NOW - byMs }) })
}

export function inSeconds(i: number): string {
  const start = Math.floor((NOW - 10_000) / 1000)
  return makeToken({ payload: goodPayload({ email: `secs.${i}@example.com`, not_before: start, not_after: start + 300 }) })
}

export function wrongSecret(i: number): string {
  return makeToken({ payload: goodPayload({ email: `old.${i}@example.com` }), secret: 'an-old-secret-from-before' })
}

export function upperCaseEmail(i: number): string {
  return makeToken({ payload: goodPayload({ email: `User.${i}@Example.com` }) })
}

/** Writes lines to a fresh temporary file and returns its path. */
export function tempFile(name: string, lines: readonly string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'asap-doctor-batch-'))
  const path = join(dir, name)
  writeFileSync(path, `${lines.join('\n')}\n`)
  return path
}
