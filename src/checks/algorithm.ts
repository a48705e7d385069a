import { defineCheck } from '../core/define-check.js'
import type { MessageSpec, Outcome } from '../core/types.js'

const SIGN_HS256 =
  "Sign with HS256: jwt.sign(claims, secret, { algorithm: 'HS256' }) (jsonwebtoken) or new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }) (jose)."

const messages = {
  ok: { status: 'pass', text: 'alg is HS256.' },
  'no-header': { status: 'skip', text: 'The header could not be decoded (see token-format).' },
  missing: { status: 'fail', verdict: 'the header has no alg', text: 'The header has no "alg"; Zoho only accepts HS256.', hints: [SIGN_HS256] },
  none: {
    status: 'fail',
    verdict: 'it is unsigned (alg none)',
    text: 'alg is "{{alg}}": the token is unsigned, and Zoho only accepts HS256.',
    hints: [SIGN_HS256, 'An unsigned token usually means the library was called without a secret.'],
  },
  'other-hmac': {
    status: 'fail',
    verdict: 'it is signed with {{alg}}, not HS256',
    text: 'alg is {{alg}}; Zoho only accepts HS256 (HMAC with SHA-256).',
    hints: [SIGN_HS256, 'Many libraries pick the algorithm from an option or from the key length; set it explicitly.'],
  },
  asymmetric: {
    status: 'fail',
    verdict: 'it is signed with {{alg}}, not HS256',
    text: 'alg is {{alg}}, a public-key algorithm; Zoho verifies ASAP tokens with the shared JWT secret and HS256 only.',
    hints: [SIGN_HS256, "Do not reuse your identity provider's RS256 ID token: mint a separate HS256 token for ASAP."],
  },
  unsupported: {
    status: 'fail',
    verdict: 'alg "{{alg}}" is not HS256',
    text: 'alg is "{{alg}}", which is not HS256 (algorithm names are case-sensitive).',
    hints: [SIGN_HS256],
  },
  typ: {
    status: 'warn',
    text: 'alg is HS256, but typ is {{typ}} rather than "JWT".',
    hints: ['Set the header to {"alg":"HS256","typ":"JWT"}; most libraries do so by default.'],
  },
} satisfies Record<string, MessageSpec>

type MessageId = keyof typeof messages

export default defineCheck({
  id: 'algorithm',
  title: 'Header alg is HS256',
  severity: 'error',
  scope: 'token',
  messages,
  run({ token }): Outcome<MessageId> {
    const header = token?.header
    if (header === undefined) return { messageId: 'no-header' }
    const alg = header.alg
    if (alg === undefined) return { messageId: 'missing' }
    const algText = typeof alg === 'string' ? alg : JSON.stringify(alg)
    if (alg === 'HS256') {
      const typ = header.typ
      if (typ !== undefined && typ !== 'JWT') return { messageId: 'typ', data: { typ: JSON.stringify(typ) } }
      return { messageId: 'ok' }
    }
    if (typeof alg === 'string' && alg.toLowerCase() === 'none') return { messageId: 'none', data: { alg } }
    if (alg === 'HS384' || alg === 'HS512') return { messageId: 'other-hmac', data: { alg } }
    if (typeof alg === 'string' && /^(RS|PS|ES)(256|384|512)$|^ES256K$|^EdDSA$|^Ed25519$/.test(alg)) {
      return { messageId: 'asymmetric', data: { alg } }
    }
    return { messageId: 'unsupported', data: { alg: algText } }
  },
})
