import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { runCliInProcess } from '../helpers/run-cli.js'
import { makeToken, TEST_SECRET } from '../helpers/tokens.js'

const dir = mkdtempSync(join(tmpdir(), 'asap-doctor-secret-'))
const secretFile = join(dir, 'secret.txt')
writeFileSync(secretFile, `${TEST_SECRET}\n`)
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const altFile = join(dir, 'alt.txt')
writeFileSync(altFile, 'alternative-secret-value-0000000\n')

const tokens = {
  good: makeToken(),
  wrongSecret: makeToken({ secret: 'alternative-secret-value-0000000' }),
  newline: makeToken({ secret: `${TEST_SECRET}\n` }),
}

/** Every way the secret could leak: as text, base64, base64url, hex, and the token signatures. */
function forbidden(token: string): string[] {
  const secrets = [TEST_SECRET, 'alternative-secret-value-0000000']
  return [
    ...secrets.flatMap((secret) => [
      secret,
      Buffer.from(secret).toString('base64'),
      Buffer.from(secret).toString('base64url'),
      Buffer.from(secret).toString('hex'),
    ]),
    token.split('.')[2] ?? '',
  ]
}

describe('no output contains a secret or an unmasked signature', () => {
  const variants: ReadonlyArray<readonly string[]> = [
    ['--secret-file', secretFile],
    ['--secret-file', secretFile, '--alt-secret-file', altFile],
    ['--secret', TEST_SECRET],
  ]
  for (const [name, token] of Object.entries(tokens)) {
    for (const format of ['human', 'json']) {
      for (const secretArgs of variants) {
        it(`${name} / ${format} / ${secretArgs[0]}${secretArgs.length > 2 ? ' + alt' : ''}`, async () => {
          const run = await runCliInProcess(['verify', token, ...secretArgs, '--format', format, '--now=2026-11-21T06:00:00Z'])
          expect([0, 1]).toContain(run.exitCode)
          const output = run.stdout + run.stderr
          for (const value of forbidden(token)) expect(output).not.toContain(value)
        })
      }
    }
    it(`${name} / decode`, async () => {
      const run = await runCliInProcess(['decode', token, '--format', 'json'])
      for (const value of forbidden(token)) expect(run.stdout + run.stderr).not.toContain(value)
    })
  }

  it('the secret from the environment is not printed either', async () => {
    const run = await runCliInProcess(['verify', tokens.good, '--format', 'json'], { env: { ASAP_JWT_SECRET: TEST_SECRET } })
    expect(run.stdout).toContain('"status": "pass"')
    expect(run.stdout).not.toContain(TEST_SECRET)
  })

  it('--reveal shows the signature only when asked', async () => {
    const run = await runCliInProcess(['verify', tokens.good, '--reveal', '--format', 'json'])
    expect(run.stdout).toContain(tokens.good.split('.')[2])
  })
})
