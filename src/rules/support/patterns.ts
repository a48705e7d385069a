import type { FindingData } from '../../core/types.js'
import type { Language } from '../../scan/types.js'
import type { RuleContext } from '../define-rule.js'

/**
 * A per-language pattern: for languages without a parser here, rules match precise regular
 * expressions on the comment-stripped text, line by line context. Each pattern has its own case
 * table in test/rules. `unless` is tested on the matched line (a fix on the same line).
 */
export interface PatternCase<MessageId extends string> {
  readonly messageId: MessageId
  readonly pattern: RegExp
  readonly unless?: RegExp
  /** Tested on the matched line: the pattern counts only where this also matches. */
  readonly when?: RegExp
  /** A capture group holding a secret: masked in the code line shown with the finding. */
  readonly redact?: number
  /** Which capture group to report at (default: the whole match). */
  readonly group?: number
  /** The finding's data, or undefined to drop the match; `code` is the whole comment-stripped file. */
  readonly data?: (match: RegExpMatchArray, code: string) => FindingData | undefined
}

export type PatternTable<MessageId extends string> = Partial<Record<Language, ReadonlyArray<PatternCase<MessageId>>>>

/**
 * Whether a non-JS source file signs ASAP tokens: it builds the ASAP claims `not_before`/`not_after` next
 * to a JWT/HMAC library, an ASAP/Zoho name or `email_verified`; it uses an ASAP/Zoho-named secret; or it
 * sets `email_verified` in a file that names ASAP or Zoho. Neither word is enough alone (measured in
 * docs/scan-real-world.md): `email_verified` is a standard OpenID Connect claim (dexidp/dex: 12 false
 * alarms in ID-token code), and `not_before`/`not_after` are also X.509 validity fields, coupon and
 * job-queue columns (smallstep/certificates: 8, hakkuri01/nokizaru: 1, in files that sign nothing).
 */
export function signsAsap(text: string): boolean {
  const signs = /jwt|jws|jose|hmac|HS256/i.test(text)
  const named = /asap|zoho/i.test(text)
  if (/not_before|not_after/.test(text) && (signs || named || /email_verified/.test(text))) return true
  if (/(asap|zoho)\w*(secret|key)/i.test(text) && signs) return true
  return /email_verified/.test(text) && named
}

export function runPatterns<MessageId extends string>(context: RuleContext<MessageId>, table: PatternTable<MessageId>): void {
  const cases = table[context.file.language]
  if (cases === undefined || !signsAsap(context.file.text)) return
  const text = context.code
  for (const entry of cases) {
    const pattern = new RegExp(entry.pattern.source, entry.pattern.flags.includes('g') ? entry.pattern.flags : `${entry.pattern.flags}g`)
    for (const match of text.matchAll(pattern)) {
      const start = match.index ?? 0
      const lineStart = text.lastIndexOf('\n', start) + 1
      const lineEnd = text.indexOf('\n', start + match[0].length)
      const line = text.slice(lineStart, lineEnd === -1 ? text.length : lineEnd)
      if (entry.unless?.test(line) === true || entry.when?.test(line) === false) continue
      const data = entry.data === undefined ? {} : entry.data(match, text)
      if (data === undefined) continue
      let from = start
      let to = start + match[0].length
      if (entry.group !== undefined && match[entry.group] !== undefined) {
        const offset = match[0].indexOf(match[entry.group] ?? '')
        from = start + Math.max(0, offset)
        to = from + (match[entry.group]?.length ?? 0)
      }
      const secret = entry.redact === undefined ? undefined : match[entry.redact]
      const secretAt = secret === undefined ? -1 : start + match[0].lastIndexOf(secret)
      context.report(entry.messageId, data, { start: from, end: to }, secret === undefined ? undefined : { start: secretAt, end: secretAt + secret.length })
    }
  }
}
