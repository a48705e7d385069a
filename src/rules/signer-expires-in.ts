import { calleeTail, child, children, property } from '../scan/js/ast.js'
import { defineRule, JS_LANGUAGES, SERVER_LANGUAGES, SIGNER_TRIGGER } from './define-rule.js'
import { type PatternTable, runPatterns } from './support/patterns.js'
import { asapSignings, signerScripts } from './support/signer-js.js'

export const PATTERNS: PatternTable<'library-exp'> = {
  python: [
    { messageId: 'library-exp', pattern: /["']exp["']\s*:\s*(?:datetime|dt|timezone|arrow|pendulum)\b[\w.]*\(/, data: () => ({ option: '"exp": datetime' }) },
  ],
  java: [{ messageId: 'library-exp', pattern: /\.(setExpiration|expiration|withExpiresAt)\(/, data: (m) => ({ option: `${m[1] ?? 'setExpiration'}(…)` }) }],
  kotlin: [{ messageId: 'library-exp', pattern: /\.(setExpiration|expiration|withExpiresAt)\(/, data: (m) => ({ option: `${m[1] ?? 'setExpiration'}(…)` }) }],
  csharp: [{ messageId: 'library-exp', pattern: /\bExpires\s*=|\bexpires\s*:\s*DateTime/, data: () => ({ option: 'SecurityTokenDescriptor.Expires' }) }],
  go: [{ messageId: 'library-exp', pattern: /ExpiresAt\s*:\s*jwt\.NewNumericDate\(/, data: () => ({ option: 'RegisteredClaims.ExpiresAt' }) }],
}

/** Library options that write `exp` in seconds, where Zoho reads `exp` in milliseconds. */
export default defineRule({
  id: 'signer-expires-in',
  title: 'No library-written exp (seconds) in the ASAP token',
  severity: 'error',
  description:
    'A JWT library option writes exp in seconds, as RFC 7519 says: jsonwebtoken expiresIn, jose setExpirationTime, PyJWT "exp": datetime, jjwt setExpiration(Date)/expiration(Date), .NET SecurityTokenDescriptor.Expires, golang-jwt RegisteredClaims.ExpiresAt. Zoho reads exp in milliseconds, so the token looks expired since 1970. Leave exp out (not_after is enough) or write it yourself in milliseconds.',
  languages: [...JS_LANGUAGES, ...SERVER_LANGUAGES],
  trigger: SIGNER_TRIGGER,
  followsUsers: true,
  messages: {
    'library-exp': {
      text: '{{option}} writes exp in seconds; Zoho reads exp in milliseconds, so the token looks expired.',
      hints: ['Drop the library expiry and rely on not_after (milliseconds); if you keep exp, set it yourself: exp: Date.now() + 300000.'],
    },
  },
  check(context) {
    runPatterns(context, PATTERNS)
    for (const { index } of signerScripts(context)) {
      for (const signing of asapSignings(index, context.file.text)) {
        const expiresIn = child(property(signing.options, 'expiresIn'), 'key')
        if (expiresIn !== undefined) context.report('library-exp', { option: 'jsonwebtoken expiresIn' }, { start: expiresIn.start, end: expiresIn.end })
        for (const link of signing.chain) {
          if (link.type === 'CallExpression' && calleeTail(link) === 'setExpirationTime') {
            const callee = child(child(link, 'callee'), 'property') ?? link
            context.report(
              'library-exp',
              { option: 'jose setExpirationTime()' },
              { start: callee.start, end: children(link, 'arguments').at(-1)?.end ?? callee.end },
            )
          }
        }
      }
    }
  },
})
