import { child, propertyKey, str, stringValue } from '../scan/js/ast.js'
import { defineRule, JS_LANGUAGES, SERVER_LANGUAGES, SIGNER_TRIGGER } from './define-rule.js'
import { type PatternTable, runPatterns } from './support/patterns.js'
import { looksLikeSecret } from './support/secrets.js'
import { asapSignings, resolveValue, signerScripts } from './support/signer-js.js'

const secret = (group: number) => (m: RegExpMatchArray) => {
  const value = m[group] ?? ''
  return looksLikeSecret(value) ? { length: value.length } : undefined
}
const NAMED = /\b(\w*(?:asap|zoho)\w*(?:secret|key)\w*)["']?\s*(?::\s*\w+\s*)?(?:=|:=|=>|:|,)\s*["']([^"'\n]{16,})["']/i

export const PATTERNS: PatternTable<'literal-secret'> = {
  python: [
    { messageId: 'literal-secret', pattern: NAMED, redact: 2, data: secret(2) },
    { messageId: 'literal-secret', pattern: /jwt\.encode\([^,\n]+,\s*["']([^"'\n]{16,})["']/, redact: 1, data: secret(1) },
  ],
  php: [
    { messageId: 'literal-secret', pattern: NAMED, redact: 2, data: secret(2) },
    { messageId: 'literal-secret', pattern: /JWT::encode\([^,\n]+,\s*['"]([^'"\n]{16,})['"]/, redact: 1, data: secret(1) },
  ],
  java: [
    { messageId: 'literal-secret', pattern: NAMED, redact: 2, data: secret(2) },
    { messageId: 'literal-secret', pattern: /(?:hmacShaKeyFor|HMAC256|SecretKeySpec)\(\s*"([^"\n]{16,})"/, redact: 1, data: secret(1) },
    { messageId: 'literal-secret', pattern: /"([^"\n]{16,})"\s*\.getBytes\(/, redact: 1, data: secret(1) },
  ],
  kotlin: [
    { messageId: 'literal-secret', pattern: NAMED, redact: 2, data: secret(2) },
    { messageId: 'literal-secret', pattern: /"([^"\n]{16,})"\s*\.toByteArray\(/, redact: 1, data: secret(1) },
  ],
  csharp: [
    { messageId: 'literal-secret', pattern: NAMED, redact: 2, data: secret(2) },
    { messageId: 'literal-secret', pattern: /GetBytes\(\s*"([^"\n]{16,})"\s*\)/, redact: 1, data: secret(1) },
  ],
  go: [
    { messageId: 'literal-secret', pattern: NAMED, redact: 2, data: secret(2) },
    { messageId: 'literal-secret', pattern: /\[\]byte\(\s*"([^"\n]{16,})"\s*\)/, redact: 1, data: secret(1) },
  ],
  ruby: [
    { messageId: 'literal-secret', pattern: NAMED, redact: 2, data: secret(2) },
    { messageId: 'literal-secret', pattern: /JWT\.encode\([^,\n]+,\s*['"]([^'"\n]{16,})['"]/, redact: 1, data: secret(1) },
  ],
}

/** The ASAP secret belongs in the environment or a secret store, not in the source. */
// A literal under an ASAP/Zoho secret or key name (`ZOHO_ASAP_SECRET = '…'`), signed with or not.
const SECRET_NAMED = /(asap|zoho)\w*(secret|key)/i

export default defineRule({
  id: 'signer-secret-literal',
  title: 'The ASAP secret is not written in the source',
  severity: 'warning',
  security: true,
  description:
    'A high-entropy literal reaches the ASAP signing call, or is bound to an ASAP/ZOHO-named key, in a server source file. Anyone with read access to the repository (or its history) can mint tokens for any user. Read the secret from the environment or a secret store. The literal is never printed, only its length.',
  languages: [...JS_LANGUAGES, ...SERVER_LANGUAGES],
  trigger: SIGNER_TRIGGER,
  followsUsers: true,
  messages: {
    'literal-secret': {
      text: 'The ASAP secret is written in the source ({{length}} characters, line {{line}}).',
      hints: [
        'Read it from the environment (process.env.ZOHO_ASAP_SECRET, os.environ[…], getenv(…)) or a secret store, and rotate it in Zoho Desk since it is in the repository history.',
      ],
    },
  },
  check(context) {
    if (context.file.side === 'browser') return
    runPatterns(context, PATTERNS)
    for (const { index } of signerScripts(context, SECRET_NAMED)) {
      const reported = new Set<number>()
      for (const signing of asapSignings(index, context.file.text)) {
        const value = resolveValue(index, signing.secret)
        const literal = stringValue(value)
        if (value !== undefined && literal !== undefined && looksLikeSecret(literal)) {
          reported.add(value.start)
          context.report('literal-secret', { length: literal.length }, { start: value.start, end: value.end }, { start: value.start, end: value.end })
        }
      }
      for (const node of index.nodes) {
        if (node.type !== 'VariableDeclarator' && node.type !== 'Property') continue
        const name = node.type === 'VariableDeclarator' ? str(child(node, 'id'), 'name') : propertyKey(node)
        const value = child(node, node.type === 'VariableDeclarator' ? 'init' : 'value')
        const literal = stringValue(value)
        if (name === undefined || value === undefined || literal === undefined || reported.has(value.start)) continue
        if (SECRET_NAMED.test(name) && looksLikeSecret(literal))
          context.report('literal-secret', { length: literal.length }, { start: value.start, end: value.end }, { start: value.start, end: value.end })
      }
    }
  },
})
