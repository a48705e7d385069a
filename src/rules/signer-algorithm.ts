import { calleeTail, child, children, property, stringValue } from '../scan/js/ast.js'
import { defineRule, JS_LANGUAGES, SERVER_LANGUAGES, SIGNER_TRIGGER } from './define-rule.js'
import { type PatternTable, runPatterns } from './support/patterns.js'
import { asapSignings, signerScripts } from './support/signer-js.js'

const OTHER = '(HS384|HS512|RS256|RS384|RS512|ES256|ES384|ES512|PS256|PS384|PS512|EdDSA|none)'
const SIGNING_LINE = /encode|sign|alg|Algorithm|SigningMethod|SigningCredentials|SecurityAlgorithms|Jwts|JWT/
const quoted = {
  messageId: 'other-algorithm' as const,
  pattern: new RegExp(`["']${OTHER}["']`),
  when: SIGNING_LINE,
  data: (m: RegExpMatchArray) => ({ algorithm: m[1] ?? '' }),
}

export const PATTERNS: PatternTable<'other-algorithm'> = {
  python: [quoted],
  php: [quoted],
  ruby: [quoted],
  java: [
    quoted,
    {
      messageId: 'other-algorithm',
      pattern: /SignatureAlgorithm\.(HS384|HS512|RS\d+|ES\d+|PS\d+)|Jwts\.SIG\.(HS384|HS512|RS\d+|ES\d+|PS\d+)|Algorithm\.(HMAC384|HMAC512|RSA\d+|ECDSA\d+)/,
      data: (m) => ({ algorithm: m[1] ?? m[2] ?? m[3] ?? '' }),
    },
  ],
  kotlin: [
    quoted,
    {
      messageId: 'other-algorithm',
      pattern: /SignatureAlgorithm\.(HS384|HS512|RS\d+|ES\d+|PS\d+)|Jwts\.SIG\.(HS384|HS512|RS\d+|ES\d+|PS\d+)|Algorithm\.(HMAC384|HMAC512|RSA\d+|ECDSA\d+)/,
      data: (m) => ({ algorithm: m[1] ?? m[2] ?? m[3] ?? '' }),
    },
  ],
  csharp: [
    quoted,
    {
      messageId: 'other-algorithm',
      pattern: /SecurityAlgorithms\.(HmacSha384|HmacSha512|RsaSha\d+|EcdsaSha\d+|HmacSha384Signature|HmacSha512Signature)/,
      data: (m) => ({ algorithm: m[1] ?? '' }),
    },
  ],
  go: [{ messageId: 'other-algorithm', pattern: /jwt\.SigningMethod(HS384|HS512|RS\d+|ES\d+|PS\d+|EdDSA|None)/, data: (m) => ({ algorithm: m[1] ?? '' }) }],
}

/** ASAP tokens are HS256 only. */
export default defineRule({
  id: 'signer-algorithm',
  title: 'The ASAP token is signed with HS256',
  severity: 'error',
  description:
    'The code that signs the ASAP token asks for an algorithm other than HS256 (HS384, HS512, RS256, none, …). Zoho verifies ASAP and Help Center JWTs with HS256 and the shared secret only; any other alg header is rejected with general_error.',
  languages: [...JS_LANGUAGES, ...SERVER_LANGUAGES],
  trigger: SIGNER_TRIGGER,
  followsUsers: true,
  messages: {
    'other-algorithm': {
      text: 'The ASAP token is signed with {{algorithm}}; Zoho accepts only HS256.',
      hints: [
        "Sign with HS256: { algorithm: 'HS256' }, setProtectedHeader({ alg: 'HS256' }), algorithm=\"HS256\", SignatureAlgorithm.HS256, jwt.SigningMethodHS256, SecurityAlgorithms.HmacSha256.",
      ],
    },
  },
  check(context) {
    runPatterns(context, PATTERNS)
    for (const { index } of signerScripts(context)) {
      for (const signing of asapSignings(index, context.file.text)) {
        const nodes = [child(property(signing.options, 'algorithm'), 'value')]
        for (const link of signing.chain) {
          if (link.type === 'CallExpression' && calleeTail(link) === 'setProtectedHeader')
            nodes.push(child(property(children(link, 'arguments')[0], 'alg'), 'value'))
        }
        if (signing.kind === 'hmac') nodes.push(children(signing.call, 'arguments')[0])
        for (const node of nodes) {
          const value = stringValue(node)
          if (node === undefined || value === undefined) continue
          const algorithm = signing.kind === 'hmac' ? (value.toLowerCase() === 'sha256' ? 'HS256' : `HMAC-${value.toUpperCase()}`) : value
          if (algorithm !== 'HS256') context.report('other-algorithm', { algorithm }, { start: node.start, end: node.end })
        }
      }
    }
  },
})
