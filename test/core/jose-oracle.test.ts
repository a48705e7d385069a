import { Buffer } from 'node:buffer'
import { compactVerify, SignJWT } from 'jose'
import { describe, expect, it } from 'vitest'
import { hmacMatches } from '../../src/core/crypto/hmac.js'
import { goodPayload, makeToken, TEST_SECRET } from '../helpers/tokens.js'

// jose is an independent implementation: our HMAC and our hand-built test tokens must agree with it.
describe('HS256 against jose', () => {
  const key = Buffer.from(TEST_SECRET, 'utf8')

  it('accepts a token jose signed with the raw secret', async () => {
    const token = await new SignJWT(goodPayload()).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(key)
    const [h, p, s] = token.split('.') as [string, string, string]
    expect(await hmacMatches('HS256', key, `${h}.${p}`, s)).toBe(true)
    expect(await hmacMatches('HS256', Buffer.from(`${TEST_SECRET}\n`), `${h}.${p}`, s)).toBe(false)
  })

  it('jose accepts the tokens the tests build by hand', async () => {
    const { protectedHeader } = await compactVerify(makeToken(), key)
    expect(protectedHeader.alg).toBe('HS256')
  })
})
