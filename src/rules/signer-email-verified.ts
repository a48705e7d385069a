import { child } from '../scan/js/ast.js'
import { defineRule, JS_LANGUAGES, SERVER_LANGUAGES, SIGNER_TRIGGER } from './define-rule.js'
import { type PatternTable, runPatterns } from './support/patterns.js'
import { asapSignings, claim, resolveValue, signerScripts } from './support/signer-js.js'

const value = (m: RegExpMatchArray) => ({ value: (m[1] ?? '').trim().slice(0, 40) })

export const PATTERNS: PatternTable<'not-true'> = {
  python: [{ messageId: 'not-true', pattern: /["']email_verified["']\s*:[ \t]*(?![ \t]|True\b)([^,\n}]+)/, group: 1, data: value }],
  php: [{ messageId: 'not-true', pattern: /["']email_verified["']\s*=>[ \t]*(?![ \t]|true\b)([^,\n\]]+)/i, group: 1, data: value }],
  java: [{ messageId: 'not-true', pattern: /["']email_verified["']\s*,[ \t]*(?![ \t]|true\s*\)|Boolean\.TRUE)([^)\n]+)\)/, group: 1, data: value }],
  kotlin: [
    { messageId: 'not-true', pattern: /["']email_verified["']\s*,[ \t]*(?![ \t]|true\s*\))([^)\n]+)\)/, group: 1, data: value },
    { messageId: 'not-true', pattern: /["']email_verified["']\s+to\s+(?!true\b)([^,\n)]+)/, group: 1, data: value },
  ],
  csharp: [
    { messageId: 'not-true', pattern: /\{\s*["']email_verified["']\s*,[ \t]*(?![ \t]|true\s*\})([^}\n]+)\}/, group: 1, data: value },
    { messageId: 'not-true', pattern: /new\s+Claim\(\s*["']email_verified["']\s*,\s*([^,)\n]+)\s*\)/, group: 1, data: value },
  ],
  go: [{ messageId: 'not-true', pattern: /["']email_verified["']\s*:[ \t]*(?![ \t]|true\b)([^,\n}]+)/, group: 1, data: value }],
  ruby: [{ messageId: 'not-true', pattern: /(?:\bemail_verified:|["']email_verified["']\s*=>)[ \t]*(?![ \t]|true\b)([^,\n}]+)/, group: 1, data: value }],
}

/** `email_verified` must be the JSON boolean `true`. */
export default defineRule({
  id: 'signer-email-verified',
  title: 'email_verified is the literal boolean true',
  severity: 'error',
  description:
    'The email_verified claim of the ASAP token is not the literal boolean true: a string "true", the number 1, or a user field that may be false or missing. Zoho\'s sample always sends email_verified: true; a string or a false value is not accepted as a verified address and the login falls back to guest.',
  languages: [...JS_LANGUAGES, ...SERVER_LANGUAGES],
  trigger: SIGNER_TRIGGER,
  followsUsers: true,
  messages: {
    'not-true': {
      text: 'email_verified is set to {{value}}, not the boolean true.',
      hints: ['Write email_verified: true (a JSON boolean), and only for users whose address you have verified.'],
    },
  },
  check(context) {
    runPatterns(context, PATTERNS)
    for (const { index } of signerScripts(context)) {
      for (const signing of asapSignings(index, context.file.text)) {
        const node = claim(signing, 'email_verified')
        if (node === undefined) continue
        const resolved = resolveValue(index, node)
        const ok =
          (resolved?.type === 'Literal' && resolved.value === true) ||
          (resolved?.type === 'UnaryExpression' &&
            resolved.operator === '!' &&
            child(resolved, 'argument')?.type === 'Literal' &&
            child(resolved, 'argument')?.value === 0)
        if (!ok) context.report('not-true', { value: context.file.text.slice(node.start, node.end).slice(0, 40) }, { start: node.start, end: node.end })
      }
    }
  },
})
