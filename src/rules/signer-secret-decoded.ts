import { defineRule, JS_LANGUAGES, SERVER_LANGUAGES, SIGNER_TRIGGER } from './define-rule.js'
import { type PatternTable, runPatterns } from './support/patterns.js'
import { asapSignings, resolveValue, signerScripts } from './support/signer-js.js'

const SECRETISH = /secret|key|SECRET|KEY/i

export const PATTERNS: PatternTable<'decoded'> = {
  python: [
    {
      messageId: 'decoded',
      pattern: /\b(base64\.(?:b64decode|urlsafe_b64decode|standard_b64decode)|bytes\.fromhex|binascii\.unhexlify)\(/,
      when: SECRETISH,
      data: (m) => ({ call: m[1] ?? '' }),
    },
  ],
  php: [{ messageId: 'decoded', pattern: /\b(base64_decode|hex2bin)\(/, when: SECRETISH, data: (m) => ({ call: m[1] ?? '' }) }],
  java: [
    {
      messageId: 'decoded',
      pattern:
        /(Decoders\.BASE64(?:URL)?\.decode|Base64\.getDecoder\(\)\.decode|Base64\.getUrlDecoder\(\)\.decode|DatatypeConverter\.parseBase64Binary|TextCodec\.BASE64\.decode)\(/,
      when: SECRETISH,
      data: (m) => ({ call: m[1] ?? '' }),
    },
    // jjwt 0.9: signWith(SignatureAlgorithm, String) base64-decodes the string before using it.
    {
      messageId: 'decoded',
      pattern: /\.signWith\(\s*SignatureAlgorithm\.\w+\s*,\s*([\w.]+(?:\(\))?)\s*\)/,
      unless: /getBytes|Keys\.|SecretKeySpec|hmacShaKeyFor/,
      data: () => ({ call: 'jjwt signWith(SignatureAlgorithm, String)' }),
    },
  ],
  kotlin: [
    {
      messageId: 'decoded',
      pattern: /(Decoders\.BASE64(?:URL)?\.decode|Base64\.getDecoder\(\)\.decode|Base64\.decode)\(/,
      when: SECRETISH,
      data: (m) => ({ call: m[1] ?? '' }),
    },
    {
      messageId: 'decoded',
      pattern: /\.signWith\(\s*SignatureAlgorithm\.\w+\s*,\s*([\w.]+)\s*\)/,
      unless: /toByteArray|Keys\.|SecretKeySpec|hmacShaKeyFor/,
      data: () => ({ call: 'jjwt signWith(SignatureAlgorithm, String)' }),
    },
  ],
  csharp: [
    {
      messageId: 'decoded',
      pattern: /\b(Convert\.FromBase64String|Base64UrlEncoder\.DecodeBytes|Convert\.FromHexString)\(/,
      when: SECRETISH,
      data: (m) => ({ call: m[1] ?? '' }),
    },
  ],
  go: [{ messageId: 'decoded', pattern: /\b(base64\.\w*Encoding\.DecodeString|hex\.DecodeString)\(/, when: SECRETISH, data: (m) => ({ call: m[1] ?? '' }) }],
  ruby: [
    { messageId: 'decoded', pattern: /\b(Base64\.(?:decode64|strict_decode64|urlsafe_decode64))\b/, when: SECRETISH, data: (m) => ({ call: m[1] ?? '' }) },
  ],
}

const JS_DECODE =
  /Buffer\.from\([^)]*,\s*['"](base64|base64url|hex)['"]\s*\)|\batob\(|base64url\.decode\(|Base64\.decode\(|\.parse\([^)]*\)\s*;?\s*$|enc\.Base64\.parse\(|fromBase64/

/** Zoho signs with the secret's raw UTF-8 bytes; decoding it first gives other bytes. */
export default defineRule({
  id: 'signer-secret-decoded',
  title: 'The secret is used as raw text, not decoded',
  severity: 'error',
  description:
    "The ASAP secret is base64- or hex-decoded before signing: Buffer.from(secret, 'base64'), base64.b64decode, Decoders.BASE64.decode, Convert.FromBase64String, base64_decode, hex.DecodeString, or jjwt 0.9's signWith(alg, String), which base64-decodes the string silently. Zoho uses the secret as its raw UTF-8 bytes (its Java sample: secretKey.getBytes()), so the signature does not match and the login fails with general_error.",
  languages: [...JS_LANGUAGES, ...SERVER_LANGUAGES],
  trigger: SIGNER_TRIGGER,
  followsUsers: true,
  messages: {
    decoded: {
      text: 'The ASAP secret is decoded ({{call}}) before signing; Zoho signs with the secret text as it is.',
      hints: [
        "Sign with the secret's UTF-8 bytes: jwt.sign(claims, secret), new TextEncoder().encode(secret), secret.encode('utf-8'), secret.getBytes(StandardCharsets.UTF_8), []byte(secret), Encoding.UTF8.GetBytes(secret).",
      ],
    },
  },
  check(context) {
    runPatterns(context, PATTERNS)
    for (const { index } of signerScripts(context)) {
      for (const signing of asapSignings(index, context.file.text)) {
        const secret = resolveValue(index, signing.secret)
        if (secret === undefined) continue
        const text = context.file.text.slice(secret.start, secret.end)
        const match = JS_DECODE.exec(text)
        if (match !== null) context.report('decoded', { call: match[0].replace(/\(.*/s, '(…)') }, { start: secret.start, end: secret.end })
      }
    }
  },
})
