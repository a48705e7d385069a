import { Buffer } from 'node:buffer'
import type { SecretCandidate } from '../../src/core/types.js'
import { goodPayload, makeToken, TEST_SECRET } from '../helpers/tokens.js'
import type { CheckCases } from './cases.js'

const secret = (text: string | Uint8Array, label: SecretCandidate['label'] = 'primary'): SecretCandidate => ({
  label,
  bytes: typeof text === 'string' ? Buffer.from(text, 'utf8') : text,
  origin: label === 'primary' ? '--secret-file secret.txt' : '--alt-secret-file old.txt',
})
const primary = [secret(TEST_SECRET)]
const base64Secret = 'c2VjcmV0LXdpdGgtZW5vdWdoLWJ5dGVzLTEyMzQ1Ng=='
const hexSecret = '6b33587139'.repeat(4)

// RFC 7515 appendix A.1: the HS256 example, key given as a JWK "k" (base64url of the key bytes).
export const RFC7515_A1_TOKEN =
  'eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'
export const RFC7515_A1_K = 'AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow'

export default {
  valid: [
    { name: 'verifies with the raw UTF-8 secret', input: makeToken(), context: { secrets: primary }, messageId: 'ok' },
    {
      name: 'RFC 7515 A.1 verifies with its key bytes',
      input: RFC7515_A1_TOKEN,
      context: { secrets: [secret(Buffer.from(RFC7515_A1_K, 'base64url'))] },
      messageId: 'ok',
    },
    { name: 'no secret: skipped, not passed', input: makeToken(), messageId: 'no-secret', status: 'skip' },
    {
      name: 'sanitized signature: skipped',
      input: `${makeToken().split('.').slice(0, 2).join('.')}.REDACTED`,
      context: { secrets: primary },
      messageId: 'sanitized',
      status: 'skip',
    },
    {
      name: 'signature unavailable for the subject',
      input: makeToken(),
      context: { secrets: primary, signatureUnavailable: 'the HAR was sanitized' },
      messageId: 'unavailable',
      status: 'skip',
    },
    { name: 'broken format: not applicable', input: 'a.b', context: { secrets: primary }, messageId: 'not-applicable', status: 'skip' },
    { name: 'RS256: not an HMAC', input: makeToken({ header: { alg: 'RS256' } }), context: { secrets: primary }, messageId: 'asymmetric', status: 'skip' },
  ],
  invalid: [
    { name: 'another secret', input: makeToken({ secret: 'some-other-secret-entirely-000000' }), context: { secrets: primary }, messageId: 'mismatch' },
    {
      name: 'RFC 7515 A.1 with k as text: the signer base64url-decoded it',
      input: RFC7515_A1_TOKEN,
      context: { secrets: [secret(RFC7515_A1_K)] },
      messageId: 'base64-decoded-secret',
      data: { decoded: 'base64url-decoded' },
    },
    {
      name: 'signer base64-decoded the secret',
      input: makeToken({ secret: Buffer.from(base64Secret, 'base64') }),
      context: { secrets: [secret(base64Secret)] },
      messageId: 'base64-decoded-secret',
      data: { decoded: 'base64-decoded' },
    },
    {
      name: 'signer hex-decoded the secret',
      input: makeToken({ secret: Buffer.from(hexSecret, 'hex') }),
      context: { secrets: [secret(hexSecret)] },
      messageId: 'hex-decoded-secret',
    },
    { name: 'signer kept a trailing newline', input: makeToken({ secret: `${TEST_SECRET}\n` }), context: { secrets: primary }, messageId: 'newline-secret' },
    {
      name: 'our copy of the secret starts with a UTF-8 BOM, the signer is right',
      input: makeToken({ secret: TEST_SECRET }),
      context: { secrets: [secret(`\uFEFF${TEST_SECRET}`)] },
      messageId: 'secret-has-bom',
      status: 'warn',
    },
    {
      name: 'the signer read the secret with a BOM',
      input: makeToken({ secret: `\uFEFF${TEST_SECRET}` }),
      context: { secrets: [secret(TEST_SECRET)] },
      messageId: 'bom-secret',
    },
    {
      name: 'our copy of the secret has spaces, the signer is right',
      input: makeToken({ secret: TEST_SECRET }),
      context: { secrets: [secret(` ${TEST_SECRET} `)] },
      messageId: 'secret-has-whitespace',
      status: 'warn',
    },
    {
      name: 'signer added a space to the secret',
      input: makeToken({ secret: `${TEST_SECRET} ` }),
      context: { secrets: primary },
      messageId: 'trimmed-secret',
      data: { trimDirection: 'added' },
    },
    {
      name: 'signed with the alternative (old) secret',
      input: makeToken({ secret: 'old-secret-before-regeneration-1' }),
      context: { secrets: [...primary, secret('old-secret-before-regeneration-1', 'alternative')] },
      messageId: 'alternative-secret',
    },
    {
      name: 'HS512 with the right secret',
      input: makeToken({ header: { alg: 'HS512' }, payload: goodPayload(), alg: 'sha512' }),
      context: { secrets: primary },
      messageId: 'wrong-algorithm',
      data: { alg: 'HS512' },
    },
    { name: 'no signature at all', input: `${makeToken().split('.').slice(0, 2).join('.')}.`, context: { secrets: primary }, messageId: 'unsigned' },
  ],
} satisfies CheckCases
