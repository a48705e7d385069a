import { defineCheck } from '../core/define-check.js'
import { jsonTypeOf } from '../core/token/parse-token.js'
import type { MessageSpec, Outcome } from '../core/types.js'

const EXAMPLE =
  'Minimal payload (Zoho\'s sample): { "email": "jane@example.com", "email_verified": true, "not_before": Date.now(), "not_after": Date.now() + 300000 }.'

const messages = {
  ok: { status: 'pass', text: 'email, email_verified, not_before and not_after are present with the right JSON types.' },
  'no-payload': { status: 'skip', text: 'The payload could not be decoded (see token-format).' },
  missing: {
    status: 'fail',
    verdict: 'claim(s) {{claims}} are missing',
    text: 'Missing claim(s): {{claims}}.{{lookalikes}}',
    hints: [EXAMPLE, 'asap-doctor sign --code python prints a signer that writes all four claims (also node, php, java, csharp, go, ruby).'],
  },
  'alternative-time-claims': {
    status: 'warn',
    text: "The window is given by {{used}} instead of {{instead}}. Zoho's JWT debugging page accepts these (nbf and iat in seconds, exp in milliseconds), but the ASAP JWT page names not_before and not_after.",
    hints: ["Send not_before and not_after in milliseconds too, as in Zoho's ASAP sample: not_before: Date.now(), not_after: Date.now() + 300000."],
  },
  'boolean-as-string': {
    status: 'fail',
    verdict: '{{claim}} is a string, not a boolean',
    text: '{{claim}} is the string {{value}}; it must be the JSON boolean true (no quotes).{{also}}',
    hints: ['Put a boolean in the claims object: email_verified: true, not "true".', EXAMPLE],
  },
  'number-as-string': {
    status: 'fail',
    verdict: '{{claim}} is a string, not a number',
    text: '{{claim}} is the string {{value}}; it must be a JSON number of milliseconds (no quotes).{{also}}',
    hints: ['Use a number: not_before: Date.now(), not String(Date.now()). In Java use a long, not a String.', EXAMPLE],
  },
  'wrong-type': {
    status: 'fail',
    verdict: '{{claim}} has the wrong type',
    text: '{{claim}} is a JSON {{actual}}; it must be a {{expected}}.{{also}}',
    hints: [EXAMPLE],
  },
} satisfies Record<string, MessageSpec>

type MessageId = keyof typeof messages

const REQUIRED: ReadonlyArray<readonly [string, 'string' | 'boolean' | 'number']> = [
  ['email', 'string'],
  ['email_verified', 'boolean'],
  ['not_before', 'number'],
  ['not_after', 'number'],
]

/** The documented alternatives (Zoho's JWT debugging page): start from nbf or iat, end from exp. */
const ALTERNATIVES: Readonly<Record<string, readonly string[]>> = {
  not_before: ['nbf', 'iat'],
  not_after: ['exp'],
}

/** Names people write instead of the real claim: camelCase, or the RFC names with other units. */
const LOOKALIKES: Readonly<Record<string, readonly string[]>> = {
  email: ['Email', 'mail', 'emailAddress', 'email_address', 'user_email'],
  email_verified: ['emailVerified', 'verified', 'email_verfied'],
  not_before: ['notBefore', 'not_before_ms', 'nbf', 'iat'],
  not_after: ['notAfter', 'not_after_ms', 'exp'],
}

export default defineCheck({
  id: 'required-claims',
  title: 'Required claims present with the right types',
  severity: 'error',
  scope: 'token',
  messages,
  run({ token }): Outcome<MessageId> {
    const payload = token?.payload
    if (payload === undefined) return { messageId: 'no-payload' }
    const absent = REQUIRED.filter(([claim]) => !Object.hasOwn(payload, claim) || payload[claim] === null).map(([claim]) => claim)
    // Zoho's debugging page lets the start be nbf or iat (s) and the end exp (ms): a documented alternative, not a gap.
    const covered = absent.flatMap((claim) => {
      const alternative = (ALTERNATIVES[claim] ?? []).find((name) => typeof payload[name] === 'number')
      return alternative === undefined ? [] : [{ claim, alternative }]
    })
    const missing = absent.filter((claim) => !covered.some((item) => item.claim === claim))
    if (missing.length > 0) {
      const found = missing.flatMap((claim) =>
        (LOOKALIKES[claim] ?? []).filter((name) => Object.hasOwn(payload, name)).map((name) => `"${name}" is present instead of "${claim}"`),
      )
      return { messageId: 'missing', data: { claims: missing, lookalikes: found.length > 0 ? ` (${found.join('; ')})` : '' } }
    }
    const problems = REQUIRED.filter(([claim]) => !absent.includes(claim)).flatMap(([claim, expected]) => {
      const problem = typeProblem(claim, expected, payload[claim])
      return problem === undefined ? [] : [problem]
    })
    const [first, ...others] = problems
    if (first !== undefined) {
      const also = others.length === 0 ? '' : ` Also: ${others.map((other) => `${other.data.claim} is ${other.data.actual}`).join('; ')}.`
      return { messageId: first.messageId, data: { ...first.data, also } }
    }
    if (covered.length > 0) {
      return { messageId: 'alternative-time-claims', data: { used: covered.map((item) => item.alternative), instead: covered.map((item) => item.claim) } }
    }
    return { messageId: 'ok' }
  },
})

interface TypeProblem {
  readonly messageId: 'boolean-as-string' | 'number-as-string' | 'wrong-type'
  readonly data: { readonly claim: string; readonly expected: string; readonly actual: string; readonly value: string }
}

function typeProblem(claim: string, expected: 'string' | 'boolean' | 'number', value: unknown): TypeProblem | undefined {
  if (typeof value === expected) return undefined
  const data = { claim, expected, value: JSON.stringify(value) ?? 'undefined', actual: `a ${jsonTypeOf(value)}` }
  if (typeof value === 'string' && expected === 'boolean' && /^(true|false)$/i.test(value.trim())) {
    return { messageId: 'boolean-as-string', data: { ...data, actual: `the string ${data.value}` } }
  }
  if (typeof value === 'string' && expected === 'number' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) {
    return { messageId: 'number-as-string', data: { ...data, actual: `the string ${data.value}` } }
  }
  return { messageId: 'wrong-type', data: { ...data, actual: jsonTypeOf(value) } }
}
