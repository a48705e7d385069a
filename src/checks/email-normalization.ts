import { defineCheck } from '../core/define-check.js'
import type { MessageSpec, Outcome } from '../core/types.js'

const EXACT =
  'Zoho does not document how it matches the address; sign it exactly as the Help Center user has it (usually lower case, trimmed) so that any matching rule works.'

const messages = {
  ok: { status: 'pass', text: 'email {{email}} is lower-case and trimmed.' },
  'matches-expected': { status: 'pass', text: 'email is exactly the expected address {{expected}}.' },
  'no-payload': { status: 'skip', text: 'The payload could not be decoded (see token-format).' },
  absent: { status: 'skip', text: 'No string email claim (see required-claims).' },
  'not-normalized': {
    status: 'warn',
    text: 'email {{quoted}} is not lower-case and trimmed ({{normalized}}); if Zoho matches addresses exactly, it logs in only a Help Center user with exactly this spelling.',
    hints: [EXACT, 'Normalise when signing: email.trim().toLowerCase(), and store addresses that way in your app.'],
  },
  'differs-in-case': {
    status: 'fail',
    verdict: 'the email differs from the expected user in case or whitespace',
    text: 'email differs from the expected address only in case or whitespace: token {{quoted}} vs expected {{expectedQuoted}}.',
    hints: [EXACT, 'Normalise both sides (trim, lower-case) or sign the address exactly as stored in Zoho Desk.'],
  },
  'differs-from-user': {
    status: 'fail',
    verdict: 'the email differs from the Help Center user {{storedQuoted}} in case or whitespace',
    text: 'email {{quoted}} matches the end user {{storedQuoted}} ({{source}}) only when case or whitespace is ignored; Zoho looks the address up exactly.',
    hints: ['Sign the address exactly as Zoho has it ({{storedEmail}}), e.g. email.trim().toLowerCase() when Zoho stores it lower-case.'],
  },
  'different-user': {
    status: 'fail',
    verdict: 'the token is for another user ({{quoted}})',
    text: 'The token is for {{quoted}}, not the expected {{expectedQuoted}}.',
    hints: ["The signer put another user's address in the token: check which session/user record the token endpoint reads."],
  },
} satisfies Record<string, MessageSpec>

type MessageId = keyof typeof messages

/** How Help Center addresses are usually stored; used to explain near-misses, never to match. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase()
}

export default defineCheck({
  id: 'email-normalization',
  title: 'email is normalised and matches the expected user',
  severity: 'error',
  scope: 'token',
  messages,
  async run({ token, expectEmail, users }): Promise<Outcome<MessageId>> {
    const payload = token?.payload
    if (payload === undefined) return { messageId: 'no-payload' }
    const email = payload.email
    if (typeof email !== 'string') return { messageId: 'absent' }
    const quoted = JSON.stringify(email)
    // With a directory, a near-miss is a fact, not a style warning (help-center-user reports lookup errors).
    const known = users === undefined ? undefined : await users.lookup(email).catch(() => undefined)
    if (known?.kind === 'case-mismatch') {
      return {
        messageId: 'differs-from-user',
        data: { quoted, storedEmail: known.storedEmail, storedQuoted: JSON.stringify(known.storedEmail), source: known.source },
      }
    }
    if (expectEmail !== undefined) {
      const expectedQuoted = JSON.stringify(expectEmail)
      if (email === expectEmail) return { messageId: 'matches-expected', data: { expected: expectEmail } }
      if (normalizeEmail(email) === normalizeEmail(expectEmail)) return { messageId: 'differs-in-case', data: { quoted, expectedQuoted } }
      return { messageId: 'different-user', data: { quoted, expectedQuoted } }
    }
    if (normalizeEmail(email) !== email) return { messageId: 'not-normalized', data: { quoted, normalized: JSON.stringify(normalizeEmail(email)) } }
    return { messageId: 'ok', data: { email } }
  },
})
