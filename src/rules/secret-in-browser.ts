import { calleeName, calleeTail, child, children, dottedName, propertyKey, str, stringValue } from '../scan/js/ast.js'
import type { AstNode } from '../scan/js/parse.js'
import { defineRule, JS_LANGUAGES } from './define-rule.js'
import { looksLikeSecret, SECRET_NAME } from './support/secrets.js'

/** Each letter of a pattern in both cases: a case-insensitive part inside a case-sensitive pattern. */
function caseless(source: string): string {
  return source.replace(/[a-z]/gi, (letter) => `[${letter.toLowerCase()}${letter.toUpperCase()}]`)
}

/**
 * The rule's three findings written as text, each a superset of what `check` reports, so a file is
 * parsed only where one of them can be: a signing call (`jwt.sign`, `jwt['sign']`, `subtle.sign`,
 * `createHmac`, `HmacSHA256`, `SignJWT`, as whole names); a secret-named key, variable or field given
 * a literal of 16 characters or more (`jwtSecret: '…'`, `const secret: string = '…'`,
 * `x['client_secret'] = "…"`; not `"&client_secret=" + value`, where the quote ends a string);
 * a public environment name holding a secret. The words alone (`secret`, `.sign(`, `Hmac`) are in
 * most large vendor bundles (crypto helpers, `Math.sign`, PDF glyph names): as the trigger they had
 * every such bundle parsed (measured on a public repository with 64 matching files: 9.7 s of parsing).
 */
const TRIGGER = new RegExp(
  [
    String.raw`(?:jwt|jsonwebtoken|jws|JWT|JWS|subtle)\s*(?:\??\.\s*sign\b|\[\s*["'\x60]sign)`,
    String.raw`(?<![\w$])(?:createHmac|HmacSHA(?:256|384|512)|SignJWT)(?![\w$])`,
    String.raw`(?:${caseless(SECRET_NAME.source)})[\w$]*["'\]]*\s*(?::[^=;'"\x60]{0,120})?(?::|[?|&]{0,2}=)\s*\(*\s*(?<quote>["'\x60])(?:(?!\k<quote>)\S){16}`,
    String.raw`(?:PUBLIC_|VITE_|REACT_APP_)\w*(?:${caseless('SECRET|ASAP_KEY|JWT_KEY')})|(?:${caseless('SECRET|ASAP_KEY|JWT_KEY')})\w*(?:PUBLIC_|VITE_|REACT_APP_)`,
  ].join('|'),
)

/**
 * Code that ships to the browser must neither sign tokens nor hold the secret: anyone can read
 * it in the bundle and log in as any user. Server files (route handlers, `*.server.*`, …) are
 * excluded by the classifier (`side`), not by this rule.
 */
export default defineRule({
  id: 'secret-in-browser',
  title: 'No signing and no secret in browser code',
  severity: 'error',
  security: true,
  description:
    'Code that ships to the browser (pages, components, bundles under public/, static/, dist/, build/) signs tokens (jsonwebtoken sign, jose SignJWT, crypto.createHmac, CryptoJS.HmacSHA256, crypto.subtle.sign with HMAC) or holds a high-entropy literal under a name like secret, jwtSecret or ASAP_*. Whoever has the secret can mint a token for any e-mail address and sign in as any Help Center user. Zoho: generating the token on the client "may result in potential data leaks". The literal itself is never printed, only its length.',
  languages: JS_LANGUAGES,
  trigger: TRIGGER,
  messages: {
    'signs-in-browser': {
      text: 'Browser code signs a token ({{call}}): the signing secret ships to every visitor.',
      hints: [
        'Sign the ASAP token on your server (an endpoint that checks the session) and fetch it from getJwtTokenCallback.',
        'Rotate the ASAP secret in Zoho Desk if this code was ever deployed.',
      ],
    },
    'secret-literal': {
      text: 'Browser code holds a secret-looking literal in {{name}} ({{length}} characters, line {{line}}).',
      hints: ['Move the secret to the server environment; rotate it in Zoho Desk, since it has been public.'],
    },
    'public-env': {
      text: 'Browser code reads {{name}}, which the bundler inlines into the shipped JavaScript.',
      hints: ['Keep the ASAP secret in a server-only variable (no NEXT_PUBLIC_/VITE_/REACT_APP_ prefix) and sign on the server.'],
    },
  },
  check(context) {
    if (context.file.side !== 'browser') return
    for (const { index } of context.scripts) {
      for (const node of index.nodes) {
        if (node.type === 'CallExpression' || node.type === 'NewExpression') {
          const call = signingCall(node)
          if (call !== undefined) context.report('signs-in-browser', { call }, { start: node.start, end: node.end })
        } else if (
          node.type === 'VariableDeclarator' ||
          node.type === 'Property' ||
          node.type === 'AssignmentExpression' ||
          node.type === 'PropertyDefinition'
        ) {
          const [name, value] = namedValue(node)
          const literal = stringValue(value)
          if (name !== undefined && value !== undefined && literal !== undefined && SECRET_NAME.test(name) && looksLikeSecret(literal)) {
            context.report('secret-literal', { name, length: literal.length }, { start: value.start, end: value.end }, { start: value.start, end: value.end })
          }
        } else if (node.type === 'MemberExpression') {
          const name = dottedName(node) ?? ''
          if (
            /^(process\.env|import\.meta\.env)\.(NEXT_PUBLIC_|VITE_|REACT_APP_|PUBLIC_|NUXT_PUBLIC_|EXPO_PUBLIC_)?\w*(SECRET|ASAP_KEY|JWT_KEY)\w*$/i.test(
              name,
            ) &&
            /(NEXT_PUBLIC_|VITE_|REACT_APP_|PUBLIC_|EXPO_PUBLIC_)/.test(name)
          ) {
            context.report('public-env', { name }, { start: node.start, end: node.end })
          }
        }
      }
    }
  },
})

function signingCall(node: AstNode): string | undefined {
  const name = calleeName(node) ?? ''
  const tail = calleeTail(node) ?? ''
  const args = children(node, 'arguments')
  if (node.type === 'NewExpression') return /(^|\.)SignJWT$/.test(name) ? 'new SignJWT(…)' : undefined
  if (tail === 'createHmac' && /^(crypto|require\(.crypto.\)|\w+)$/.test(name.split('.')[0] ?? '')) return 'crypto.createHmac(…)'
  if (/(^|\.)Hmac(SHA256|SHA512|SHA384)$/.test(name)) return `${name}(…)`
  if (/(^|\.)subtle\.sign$/.test(name)) {
    const algorithm = args[0]
    const label =
      stringValue(algorithm) ??
      stringValue(
        child(
          children(algorithm, 'properties').find((prop) => propertyKey(prop) === 'name'),
          'value',
        ),
      )
    return label !== undefined && /hmac/i.test(label) ? 'crypto.subtle.sign(HMAC, …)' : undefined
  }
  if (tail === 'sign' && /^(jwt|jsonwebtoken|jws|JWT|KJUR\.jws\.JWS)\.sign$/.test(name) && args.length >= 2) return `${name}(…)`
  return undefined
}

function namedValue(node: AstNode): [string | undefined, AstNode | undefined] {
  if (node.type === 'VariableDeclarator') return [str(child(node, 'id'), 'name'), child(node, 'init')]
  if (node.type === 'Property' || node.type === 'PropertyDefinition') return [propertyKey(node), child(node, 'value')]
  return [dottedName(child(node, 'left'))?.split('.').at(-1), child(node, 'right')]
}
