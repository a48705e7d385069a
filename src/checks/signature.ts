import { Buffer } from 'node:buffer'
import { hmacMatches } from '../core/crypto/hmac.js'
import { defineCheck } from '../core/define-check.js'
import { looksSanitized } from '../core/token/parse-token.js'
import type { MessageSpec, Outcome, SecretCandidate } from '../core/types.js'

/** Re-exported for callers that judge signatures without running the check (batch). */
export { looksSanitized }

const RAW_BYTES =
  "Zoho uses the secret exactly as shown on the ASAP setup page, as raw UTF-8 bytes: Java secretKey.getBytes(), Node jwt.sign(claims, secret, { algorithm: 'HS256' }) with the secret as a string."

const messages = {
  ok: { status: 'pass', text: 'The HS256 signature verifies with the secret from {{origin}} (raw UTF-8 bytes).' },
  'no-secret': {
    status: 'skip',
    text: 'Not verified: no secret given.',
    hints: ['Pass the ASAP JWT secret with --secret-file PATH, --secret-stdin or the ASAP_JWT_SECRET environment variable.'],
  },
  'not-applicable': { status: 'skip', text: 'Not verified: the token is not a three-part JWS (see token-format).' },
  unavailable: { status: 'skip', text: 'Not verified: {{reason}}.' },
  sanitized: {
    status: 'skip',
    text: 'Not verified: the signature was removed by a sanitizer ("{{signature}}"); the claims are still checked.',
    hints: ['To check the signature, ask for the token itself, or mint one with the same code and run asap-doctor verify on it.'],
  },
  unsigned: {
    status: 'fail',
    verdict: 'it has no signature',
    text: 'The token has no signature at all.',
    hints: ['Sign the token with HS256 and the ASAP JWT secret.', RAW_BYTES],
  },
  asymmetric: { status: 'skip', text: 'Not verified: alg {{alg}} is not an HMAC algorithm (see algorithm).' },
  'wrong-algorithm': {
    status: 'fail',
    verdict: 'it is signed with {{alg}} instead of HS256',
    text: 'The secret is right, but the token was signed with {{alg}}; Zoho computes HS256, so the signature cannot match.',
    hints: ["Set the algorithm explicitly: jwt.sign(claims, secret, { algorithm: 'HS256' })."],
  },
  'base64-decoded-secret': {
    status: 'fail',
    verdict: 'the signer {{decoded}} the secret',
    text: 'Signature mismatch: the signer {{decoded}} the secret before using it ({{secretLabel}}).',
    hints: [
      RAW_BYTES,
      'Remove the decoding step (e.g. Buffer.from(secret, "base64"), base64.b64decode, or a "secret is base64 encoded" option).',
      'asap-doctor sign --code python prints a correct signer that uses the raw secret (also node, php, java, csharp, go, ruby).',
    ],
  },
  'hex-decoded-secret': {
    status: 'fail',
    verdict: 'the signer hex-decoded the secret',
    text: 'Signature mismatch: the signer hex-decoded the secret before using it ({{secretLabel}}).',
    hints: [
      RAW_BYTES,
      'Remove the decoding step (e.g. Buffer.from(secret, "hex")).',
      'asap-doctor sign --code python prints a correct signer that uses the raw secret (also node, php, java, csharp, go, ruby).',
    ],
  },
  'trimmed-secret': {
    status: 'fail',
    verdict: 'the signer used the secret with whitespace {{trimDirection}}',
    text: 'Signature mismatch: the signer used the secret with surrounding whitespace {{trimDirection}} ({{secretLabel}}).',
    hints: ['Copy the secret again from the ASAP setup page and store it without spaces or line breaks; trim it when you load it.'],
  },
  'secret-has-whitespace': {
    status: 'warn',
    text: 'The signature verifies once the whitespace around your copy of the secret ({{secretLabel}}) is removed: the signer is right, your copy is not.',
    hints: ['Remove the spaces or line breaks from your copy of the secret; the token itself is signed correctly.'],
  },
  'secret-has-bom': {
    status: 'warn',
    text: 'The signature verifies once the byte order mark (BOM, U+FEFF) at the start of your copy of the secret ({{secretLabel}}) is removed: the signer is right, your copy is not.',
    hints: ["Save the secret file as UTF-8 without BOM (Notepad's \"UTF-8 with BOM\" adds one), or strip it: sed -i '1s/^\\xEF\\xBB\\xBF//' secret.txt."],
  },
  'bom-secret': {
    status: 'fail',
    verdict: 'the signer used the secret with a byte order mark (BOM) in front',
    text: 'Signature mismatch: the signer used the secret with a UTF-8 byte order mark (BOM, U+FEFF) in front ({{secretLabel}}).',
    hints: ['The signer reads the secret from a file saved as "UTF-8 with BOM": save it without BOM, or strip U+FEFF when loading it.'],
  },
  'newline-secret': {
    status: 'fail',
    verdict: 'the signer used the secret with a trailing newline',
    text: 'Signature mismatch: the signer used the secret with a trailing line break ({{secretLabel}}).',
    hints: [
      "The secret was read from a file or env var with its newline: trim it (secret.trim()) before signing, or write the file with printf '%s' instead of echo.",
    ],
  },
  'alternative-secret': {
    status: 'fail',
    verdict: 'it is signed with a different secret ({{altOrigin}})',
    text: 'Signature mismatch with the secret from {{origin}}, but it verifies with the alternative secret from {{altOrigin}}{{altVariant}}.',
    hints: [
      'The signer uses a different secret than the one you expect: the Help Center JWT secret instead of the ASAP one (or the reverse), a secret of another ASAP app or org, or the old secret after it was regenerated.',
      "Copy the current secret from the ASAP setup page (the web add-on's JWT settings) and deploy it to the signer.",
    ],
  },
  mismatch: {
    status: 'fail',
    verdict: 'the signature does not match the secret',
    text: 'Signature mismatch: the token was not signed with the secret from {{origin}}, even allowing for the usual encoding mistakes ({{tried}}).',
    hints: [
      "The signer uses another secret: the Help Center JWT secret, another ASAP app's or org's secret, or an old secret from before it was regenerated.",
      'Copy the current secret from the ASAP setup page; with a second candidate, run again with --alt-secret-file PATH to confirm which one the signer uses.',
    ],
  },
} satisfies Record<string, MessageSpec>

type MessageId = keyof typeof messages

type VariantKind = 'raw' | 'base64' | 'base64url' | 'hex' | 'trimmed' | 'newline' | 'bom'

interface Variant {
  readonly kind: VariantKind
  readonly bytes: Uint8Array
  /** For `trimmed`: whether the signer's copy had extra whitespace or was missing it. */
  readonly note?: string
}

export default defineCheck({
  id: 'signature',
  title: 'HS256 signature verifies with the ASAP JWT secret',
  severity: 'error',
  scope: 'token',
  messages,
  async run({ token, secrets, signatureUnavailable }): Promise<Outcome<MessageId>> {
    if (token === undefined || token.parts.length !== 3 || token.signature === undefined) return { messageId: 'not-applicable' }
    if (signatureUnavailable !== undefined) return { messageId: 'unavailable', data: { reason: signatureUnavailable } }
    const signature = token.signature
    if (signature.length === 0) return { messageId: 'unsigned' }
    if (looksSanitized(signature)) return { messageId: 'sanitized', data: { signature: signature.slice(0, 24) } }
    const primary = secrets.find((secret) => secret.label === 'primary')
    if (primary === undefined) return { messageId: 'no-secret' }

    const alg = token.header?.alg
    const signingInput = `${token.parts[0] ?? ''}.${token.parts[1] ?? ''}`
    if (alg === 'HS384' || alg === 'HS512') {
      return (await hmacMatches(alg, primary.bytes, signingInput, signature)) ? { messageId: 'wrong-algorithm', data: { alg } } : mismatch(primary, [])
    }
    if (typeof alg === 'string' && alg !== 'HS256' && !/^none$/i.test(alg)) return { messageId: 'asymmetric', data: { alg } }

    const verifies = (bytes: Uint8Array) => hmacMatches('HS256', bytes, signingInput, signature)
    if (await verifies(primary.bytes)) return { messageId: 'ok', data: { origin: primary.origin } }

    const tried: string[] = []
    for (const variant of variantsOf(primary.bytes)) {
      tried.push(describeVariant(variant.kind))
      if (await verifies(variant.bytes)) return variantOutcome(variant, primary)
    }
    for (const alternative of secrets.filter((secret) => secret.label === 'alternative')) {
      for (const variant of [{ kind: 'raw' as const, bytes: alternative.bytes }, ...variantsOf(alternative.bytes)]) {
        if (await verifies(variant.bytes)) {
          return {
            messageId: 'alternative-secret',
            data: {
              origin: primary.origin,
              altOrigin: alternative.origin,
              altVariant: variant.kind === 'raw' ? '' : ` (${describeVariant(variant.kind)})`,
            },
          }
        }
      }
    }
    return mismatch(primary, tried)
  },
})

function mismatch(primary: SecretCandidate, tried: readonly string[]): Outcome<MessageId> {
  return { messageId: 'mismatch', data: { origin: primary.origin, tried: ['raw bytes', ...new Set(tried)] } }
}

function variantOutcome(variant: Variant, secret: SecretCandidate): Outcome<MessageId> {
  const secretLabel = `secret from ${secret.origin}`
  switch (variant.kind) {
    case 'base64':
    case 'base64url':
      return { messageId: 'base64-decoded-secret', data: { decoded: `${variant.kind}-decoded`, secretLabel } }
    case 'hex':
      return { messageId: 'hex-decoded-secret', data: { secretLabel } }
    case 'trimmed':
      return variant.note === 'removed'
        ? { messageId: 'secret-has-whitespace', data: { secretLabel } }
        : { messageId: 'trimmed-secret', data: { trimDirection: variant.note ?? 'added', secretLabel } }
    case 'newline':
      return { messageId: 'newline-secret', data: { secretLabel } }
    case 'bom':
      return variant.note === 'removed' ? { messageId: 'secret-has-bom', data: { secretLabel } } : { messageId: 'bom-secret', data: { secretLabel } }
    case 'raw':
      return { messageId: 'ok', data: { origin: secret.origin } }
  }
}

/** The secrets a signer may really have used when it mishandled the one it was given. */
function variantsOf(bytes: Uint8Array): Variant[] {
  const text = Buffer.from(bytes).toString('utf8')
  const variants: Variant[] = []
  // JavaScript's trim() removes U+FEFF too: try the BOM first, so it is named a BOM, not whitespace.
  if (text.startsWith('\uFEFF')) variants.push({ kind: 'bom', bytes: Buffer.from(text.slice(1), 'utf8'), note: 'removed' })
  else variants.push({ kind: 'bom', bytes: Buffer.from(`\uFEFF${text}`, 'utf8'), note: 'added' })
  const compact = text.trim()
  if (/^[A-Za-z0-9+/]+={0,2}$/.test(compact) && compact.length % 4 === 0 && compact.length >= 4) {
    variants.push({ kind: 'base64', bytes: Buffer.from(compact, 'base64') })
  }
  if (/^[A-Za-z0-9_-]+$/.test(compact) && /[-_]/.test(compact)) {
    variants.push({ kind: 'base64url', bytes: Buffer.from(compact, 'base64url') })
  }
  if (/^(?:[0-9a-fA-F]{2})+$/.test(compact)) variants.push({ kind: 'hex', bytes: Buffer.from(compact, 'hex') })
  if (compact !== text) variants.push({ kind: 'trimmed', bytes: Buffer.from(compact, 'utf8'), note: 'removed' })
  for (const suffix of ['\n', '\r\n']) variants.push({ kind: 'newline', bytes: Buffer.from(text + suffix, 'utf8') })
  for (const padded of [` ${text}`, `${text} `]) variants.push({ kind: 'trimmed', bytes: Buffer.from(padded, 'utf8'), note: 'added' })
  return variants
}

function describeVariant(kind: VariantKind): string {
  switch (kind) {
    case 'raw':
      return 'raw bytes'
    case 'base64':
      return 'base64-decoded'
    case 'base64url':
      return 'base64url-decoded'
    case 'hex':
      return 'hex-decoded'
    case 'trimmed':
      return 'whitespace trimmed or added'
    case 'newline':
      return 'trailing newline'
    case 'bom':
      return 'byte order mark'
  }
}
