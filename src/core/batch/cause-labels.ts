/**
 * What each cause is called in a batch summary: a few words per check and message id, without the
 * per-token details (those differ from token to token; the summary adds counts and ranges).
 * An id missing here still gets a label (check id and message id), so a new check is never lost.
 */
const LABELS: Readonly<Record<string, string>> = {
  'token-format/empty': 'empty token',
  'token-format/wrapped': 'not a bare token (wrapped)',
  'token-format/jwe': 'an encrypted JWE, not a signed JWT',
  'token-format/part-count': 'not three dot-separated parts',
  'token-format/whitespace-inside': 'whitespace inside the token',
  'token-format/empty-part': 'an empty header or payload part',
  'token-format/padding': 'base64 "=" padding in a part',
  'token-format/not-url-safe': 'a part in base64, not base64url',
  'token-format/invalid-base64': 'a part that is not base64url',
  'token-format/not-utf8': 'a part that is not UTF-8',
  'token-format/not-json': 'a part that is not JSON',
  'token-format/not-object': 'a part that is not a JSON object',
  'algorithm/missing': 'no alg in the header',
  'algorithm/none': 'unsigned (alg none)',
  'algorithm/other-hmac': 'signed with HS384/HS512, not HS256',
  'algorithm/asymmetric': 'a public-key alg, not HS256',
  'algorithm/unsupported': 'alg is not HS256',
  'algorithm/typ': 'typ is not "JWT"',
  'signature/unsigned': 'no signature',
  'signature/wrong-algorithm': 'right secret, wrong HMAC algorithm',
  'signature/base64-decoded-secret': 'the signer base64-decoded the secret',
  'signature/hex-decoded-secret': 'the signer hex-decoded the secret',
  'signature/trimmed-secret': 'the signer added or removed whitespace around the secret',
  'signature/secret-has-whitespace': 'your copy of the secret has whitespace around it',
  'signature/newline-secret': 'the signer used the secret with a trailing newline',
  'signature/alternative-secret': 'signed with the alternative secret',
  'signature/secret-has-bom': 'your copy of the secret starts with a BOM',
  'signature/bom-secret': 'the signer used the secret with a BOM in front',
  'signature/mismatch': 'signature does not match the secret',
  'required-claims/missing': 'required claims missing',
  'required-claims/boolean-as-string': 'email_verified is a string',
  'required-claims/number-as-string': 'a time claim is a string',
  'required-claims/wrong-type': 'a required claim has the wrong type',
  'required-claims/alternative-time-claims': 'nbf/iat/exp instead of not_before/not_after',
  'email-verified/false': 'email_verified is false',
  'email-verified/string': 'email_verified is a string',
  'email-verified/wrong-type': 'email_verified is not true',
  'time-units/seconds-in-ms-claim': 'time claims in seconds, not milliseconds',
  'time-units/ms-in-seconds-claim': 'nbf/iat in milliseconds, not seconds',
  'time-units/too-large': 'time claims in µs or ns, not milliseconds',
  'validity-window/not-positive': 'empty validity window',
  'validity-window/too-long': 'validity window over 10 minutes{{range}}',
  'validity-window/fragile': 'validity window under 10 s{{range}}',
  'time-validity/not-yet-valid': 'not valid yet at {{at}}{{range}}',
  'time-validity/expired': 'expired at {{at}}{{range}}',
  'time-validity/not-yet-valid-wrong-unit': 'nbf/iat in milliseconds, read as the far future',
  'time-validity/expired-wrong-unit': 'time claims read as 1970 (wrong unit)',
  'email-format/whitespace': 'email contains whitespace',
  'email-format/invisible': 'email contains an invisible character',
  'email-format/look-alike': 'email contains a look-alike character',
  'email-format/implausible': 'email is not a valid address',
  'email-format/non-ascii': 'email contains non-ASCII characters',
  'email-normalization/not-normalized': 'email not lower-case or not trimmed',
  'email-normalization/differs-in-case': 'email differs from --expect-email in case only',
  'email-normalization/different-user': 'token for another user than --expect-email',
  'name-claims/missing': 'first_name/last_name missing',
  'name-claims/empty': 'first_name/last_name empty',
  'name-claims/wrong-type': 'a name claim is not a string',
}

/** Lines that hold no token to diagnose; counted as causes of their own. */
export type BadLineReason = 'no-token' | 'not-json' | 'no-field' | 'bad-time' | 'too-long'

const BAD_LINE_LABELS: Readonly<Record<string, string>> = {
  'no-token': 'no token found',
  'not-json': 'not a JSON object (--field needs JSON Lines)',
  'no-field': 'no token field',
  'bad-time': 'timestamp field missing or unreadable',
  'too-long': 'line longer than 1 MiB (skipped)',
} satisfies Record<BadLineReason, string>

/**
 * The label of a cause. `at` says where time checks were evaluated ("--now", "the record's time");
 * `range` is a formatted spread of the amounts ("by 2–5 min") or ''.
 */
export function causeLabel(checkId: string, messageId: string, status: string, at: string, range: string): string {
  if (checkId === 'batch') return BAD_LINE_LABELS[messageId] ?? messageId
  if (status === 'error') return `the ${checkId} check could not run`
  const template = LABELS[`${checkId}/${messageId}`] ?? `${checkId}: ${messageId}`
  return template.replace('{{at}}', at).replace('{{range}}', range)
}
