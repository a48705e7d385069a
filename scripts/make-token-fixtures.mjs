// Regenerates fixtures/examples and fixtures/tokens. Every token is signed with the simulation's
// test secret (shared/har-samples/README.md) at 2026-11-21T06:00:00Z; none is a real credential.
import { createHmac } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'

const SECRET = 'k3Xq9ZtR2vLm8WbN5cYp1HsD7fGj4Ua6'
const NOW = Date.parse('2026-11-21T06:00:00.000Z')
const b64 = (value) => Buffer.from(JSON.stringify(value)).toString('base64url')
const sign = (payload, { secret = SECRET, header = { alg: 'HS256', typ: 'JWT' } } = {}) => {
  const input = `${b64(header)}.${b64(payload)}`
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`
}
const good = (extra = {}) => ({
  email: 'jane.doe@example.com',
  email_verified: true,
  not_before: NOW - 30_000,
  not_after: NOW + 270_000,
  first_name: 'Jane',
  last_name: 'Doe',
  ...extra,
})
const s = Math.floor(NOW / 1000)

mkdirSync('fixtures/examples', { recursive: true })
mkdirSync('fixtures/tokens', { recursive: true })
writeFileSync('fixtures/examples/asap-secret.txt', `${SECRET}\n`)
// The quick-start example: a backend that minted not_before/not_after with Math.floor(Date.now() / 1000).
writeFileSync('fixtures/examples/token-in-seconds.txt', `${sign(good({ not_before: s - 30, not_after: s + 270 }))}\n`)

const tokens = {
  'good.txt': sign(good()),
  'expired-cached.txt': sign(good({ not_before: NOW - 86_400_000, not_after: NOW - 86_400_000 + 300_000 })),
  'exp-in-seconds.txt': sign({ ...good(), iat: s - 30, nbf: s - 30, exp: s + 270 }),
  'window-one-hour.txt': sign(good({ not_after: NOW - 30_000 + 3_600_000 })),
  'wrong-secret.txt': sign(good(), { secret: 'an-old-secret-from-before-regen1' }),
  'base64-decoded-secret.txt': sign(good(), { secret: Buffer.from(SECRET, 'base64') }),
  'rs256-header.txt': sign(good(), { header: { alg: 'RS256', typ: 'JWT' } }),
  'string-claims.txt': sign(good({ email_verified: 'true', not_before: String(NOW - 30_000) })),
  'mixed-case-email.txt': sign(good({ email: 'Jane.Doe@Example.com', first_name: undefined, last_name: undefined })),
  'pasted-from-devtools.txt': `  {"token":"${sign(good())}"}\n`,
}
for (const [name, token] of Object.entries(tokens)) writeFileSync(`fixtures/tokens/${name}`, token.endsWith('\n') ? token : `${token}\n`)
writeFileSync('fixtures/tokens/old-secret.txt', 'an-old-secret-from-before-regen1\n')
console.log('fixtures written')
