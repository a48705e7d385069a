import { calleeTail, child } from '../scan/js/ast.js'
import type { AstNode } from '../scan/js/parse.js'
import { defineRule, JS_LANGUAGES, SERVER_LANGUAGES, SIGNER_TRIGGER } from './define-rule.js'
import { type PatternTable, runPatterns } from './support/patterns.js'
import { asapSignings, claim, resolveValue, signerScripts } from './support/signer-js.js'

const NORMALIZED = /lower|Lower|downcase|strip|trim|Trim|normali[sz]e|casefold/
const field = (m: RegExpMatchArray) => ({ field: (m[1] ?? '').trim(), missing: 'trimming and lower-casing' })

export const PATTERNS: PatternTable<'not-normalized'> = {
  python: [
    {
      messageId: 'not-normalized',
      pattern: /["']email["']\s*:\s*([A-Za-z_][\w.]*(?:\[["']\w+["']\])?)\s*(?=[,}\n])/,
      unless: NORMALIZED,
      group: 1,
      data: field,
    },
  ],
  php: [
    { messageId: 'not-normalized', pattern: /["']email["']\s*=>\s*(\$[\w\->]+(?:\[["']\w+["']\])?)\s*(?=[,\]\n])/, unless: NORMALIZED, group: 1, data: field },
  ],
  java: [{ messageId: 'not-normalized', pattern: /\.claim\(\s*"email"\s*,\s*([\w.]+(?:\.get\w*\(\))?)\s*\)/, unless: NORMALIZED, group: 1, data: field }],
  kotlin: [
    { messageId: 'not-normalized', pattern: /\.claim\(\s*"email"\s*,\s*([\w.]+)\s*\)/, unless: NORMALIZED, group: 1, data: field },
    { messageId: 'not-normalized', pattern: /"email"\s+to\s+([\w.]+)\s*(?=[,)\n])/, unless: NORMALIZED, group: 1, data: field },
  ],
  csharp: [
    { messageId: 'not-normalized', pattern: /\{\s*"email"\s*,\s*([\w.]+)\s*\}/, unless: NORMALIZED, group: 1, data: field },
    { messageId: 'not-normalized', pattern: /new\s+Claim\(\s*"email"\s*,\s*([\w.]+)\s*[,)]/, unless: NORMALIZED, group: 1, data: field },
  ],
  go: [{ messageId: 'not-normalized', pattern: /"email"\s*:\s*([A-Za-z_][\w.]*)\s*(?=[,}\n])/, unless: NORMALIZED, group: 1, data: field }],
  ruby: [
    { messageId: 'not-normalized', pattern: /(?:\bemail:|["']email["']\s*=>)\s*([@A-Za-z_][\w.]*)\s*(?=[,}\n])/, unless: NORMALIZED, group: 1, data: field },
  ],
}

/**
 * Zoho matches the `email` claim against the Help Center user; a stored address with capitals or
 * spaces may not match. A field passed through any function is taken as handled.
 */
export default defineRule({
  id: 'signer-email-normalization',
  title: 'The email claim is trimmed and lower-cased',
  severity: 'warning',
  description:
    'The email claim is taken straight from a user field, with neither both of trim and toLowerCase (or the language\'s equivalents: strip/lower, strtolower(trim()), strings.ToLower(strings.TrimSpace()), .strip.downcase) nor a call to any function on the way. An address stored as " Jane.Doe@Example.com" may not match the Help Center user Zoho looks up, and the login then fails or signs in another user.',
  languages: [...JS_LANGUAGES, ...SERVER_LANGUAGES],
  trigger: SIGNER_TRIGGER,
  followsUsers: true,
  messages: {
    'not-normalized': {
      text: 'The email claim comes from {{field}} without {{missing}}.',
      hints: [
        'Normalise the address: email: user.email.trim().toLowerCase() (Python: .strip().lower(); PHP: strtolower(trim(…)); Go: strings.ToLower(strings.TrimSpace(…))).',
      ],
    },
  },
  check(context) {
    runPatterns(context, PATTERNS)
    for (const { index } of signerScripts(context)) {
      for (const signing of asapSignings(index, context.file.text)) {
        const node = claim(signing, 'email')
        if (node === undefined) continue
        const verdict = normalization(index, node)
        if (verdict !== undefined)
          context.report(
            'not-normalized',
            { field: context.file.text.slice(node.start, node.end).slice(0, 60), missing: verdict },
            { start: node.start, end: node.end },
          )
      }
    }
  },
})

/** What is missing on the way from the user field to the claim, or undefined when it is handled. */
function normalization(index: import('../scan/js/ast.js').ProgramIndex, node: AstNode): string | undefined {
  const calls: string[] = []
  let current: AstNode | undefined = resolveValue(index, node)
  for (let depth = 0; current !== undefined && depth < 10; depth += 1) {
    if (current.type === 'Literal') return undefined
    if (current.type === 'CallExpression') {
      const tail = calleeTail(current) ?? ''
      calls.push(tail)
      if (!/^(trim|toLowerCase|toLocaleLowerCase|trimStart|trimEnd|toString)$/.test(tail)) return undefined
      current = child(child(current, 'callee'), 'object')
    } else if (current.type === 'MemberExpression' || current.type === 'ChainExpression') {
      current = current.type === 'ChainExpression' ? child(current, 'expression') : child(current, 'object')
    } else if (current.type === 'Identifier') {
      const next = resolveValue(index, current)
      if (next === current) break
      current = next
    } else if (current.type === 'TemplateLiteral' || current.type === 'ConditionalExpression' || current.type === 'LogicalExpression') return undefined
    else break
  }
  const lower = calls.some((name) => /^to(Locale)?LowerCase$/.test(name))
  const trim = calls.some((name) => /^trim/.test(name))
  if (lower && trim) return undefined
  if (lower) return 'trim()'
  if (trim) return 'toLowerCase()'
  return 'trim() and toLowerCase()'
}
