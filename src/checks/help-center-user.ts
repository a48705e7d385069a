import { defineCheck } from '../core/define-check.js'
import type { MessageSpec, Outcome } from '../core/types.js'

const CONTACTS = 'In Zoho Desk open Customers → Contacts, search {{email}}'

const messages = {
  ok: { status: 'pass', text: '{{email}} is an active Help Center end user ({{source}}).' },
  'not-checked': {
    status: 'skip',
    text: 'Not checked: no user directory. Whether {{email}} is an active end user of the org is the usual cause once the token is right.',
    hints: [
      'Check offline with --users FILE (a Zoho Desk contacts export, CSV or JSON), or online with --online (Desk API; see the README for the credentials).',
    ],
  },
  'no-email': { status: 'skip', text: 'No email to look up: the token has none (see required-claims), or, without a token, no --expect-email.' },
  'no-contact': {
    status: 'fail',
    verdict: '{{email}} is not a contact of the org, so not a Help Center user',
    text: 'No contact with the address {{email}} ({{source}}).',
    hints: [
      `${CONTACTS}; create the contact, then use "Add as End User" (or invite the user to the Help Center).`,
      'If the user exists under another address (an alias), sign the address Zoho has.',
    ],
  },
  'not-end-user': {
    status: 'fail',
    verdict: '{{email}} is a contact but not a Help Center end user',
    text: '{{email}} is a contact but not a Help Center end user ({{source}}).',
    hints: [`${CONTACTS} and choose "Add as End User" (the option is disabled for unverified profiles).`],
  },
  spam: {
    status: 'fail',
    verdict: '{{email}} is marked as spam',
    text: 'The contact {{email}} is marked as spam ({{source}}).',
    hints: [`${CONTACTS} and mark it as not spam.`],
  },
  anonymous: {
    status: 'fail',
    verdict: '{{email}} is an anonymous contact',
    text: 'The contact {{email}} is anonymous ({{source}}); anonymous contacts cannot sign in.',
    hints: [`${CONTACTS}, give it a real profile and "Add as End User".`],
  },
  deactivated: {
    status: 'fail',
    verdict: 'the end user {{email}} is deactivated',
    text: 'The Help Center end user {{email}} is deactivated ({{source}}).',
    hints: [`${CONTACTS} and reactivate the end user (Help Center users → Reactivate).`],
  },
  pending: {
    status: 'fail',
    verdict: 'the end user {{email}} is not active yet ({{state}})',
    text: 'The Help Center end user {{email}} is {{state}}, not active ({{source}}).',
    hints: ['Approve the user or have them accept the invitation; re-invite from the Help Center users list if needed.'],
  },
  'case-mismatch': {
    status: 'fail',
    verdict: 'the email {{quoted}} matches the end user {{storedQuoted}} only when case or whitespace is ignored',
    text: 'The end user is {{storedQuoted}} ({{source}}), but the token says {{quoted}}: they differ only in case or whitespace, and Zoho looks the address up exactly.',
    hints: [
      "Sign the address exactly as Zoho has it ({{storedEmail}}): normalise when signing (email.trim().toLowerCase()) if Zoho stores it lower-case, or change the contact's address to match.",
    ],
  },
  'org-mismatch': {
    status: 'error',
    text: 'Could not look up {{email}}: Zoho Desk says the credentials do not belong to this org (see org-id).',
    hints: ['Fix the orgId or the data centre first (org-id explains how); then run again.'],
  },
  'api-error': {
    status: 'error',
    text: 'Could not look up {{email}}: Zoho Desk answered {{errorCode}} ({{message}}).',
    hints: ['{{fix}}'],
  },
} satisfies Record<string, MessageSpec>

type MessageId = keyof typeof messages

export default defineCheck({
  id: 'help-center-user',
  title: 'The email is an active Help Center end user of the org',
  severity: 'error',
  scope: 'user',
  messages,
  async run({ token, users, expectEmail }): Promise<Outcome<MessageId>> {
    // Without a token (a configuration check), the expected user is the one to look up.
    const claimed = token?.payload?.email
    const email = typeof claimed === 'string' && claimed !== '' ? claimed : token === undefined ? expectEmail : undefined
    if (email === undefined || email === '') return { messageId: 'no-email' }
    if (users === undefined) return { messageId: 'not-checked', data: { email } }
    const answer = await users.lookup(email)
    switch (answer.kind) {
      case 'active-end-user':
        return { messageId: 'ok', data: { email, source: answer.source } }
      case 'no-contact':
        return { messageId: 'no-contact', data: { email, source: answer.source } }
      case 'not-end-user':
      case 'spam':
      case 'anonymous':
      case 'deactivated':
        return { messageId: answer.kind, data: { email, source: answer.source } }
      case 'pending':
        return { messageId: 'pending', data: { email, state: answer.state, source: answer.source } }
      case 'case-mismatch':
        return {
          messageId: 'case-mismatch',
          data: {
            email,
            quoted: JSON.stringify(email),
            storedEmail: answer.storedEmail,
            storedQuoted: JSON.stringify(answer.storedEmail),
            source: answer.source,
          },
        }
      case 'org-mismatch':
        return { messageId: 'org-mismatch', data: { email, message: answer.message } }
      case 'api-error':
        return {
          messageId: 'api-error',
          data: { email, errorCode: answer.errorCode, message: answer.message, fix: apiFix(answer.errorCode, answer.requiredScopes) },
        }
    }
  },
})

function apiFix(errorCode: string, scopes: readonly string[] | undefined): string {
  switch (errorCode) {
    case 'INVALID_OAUTH':
    case 'UNAUTHORIZED':
      return 'The access token is invalid or expired: set ZOHO_DESK_ACCESS_TOKEN to a fresh one, or ZOHO_CLIENT_ID/ZOHO_CLIENT_SECRET/ZOHO_REFRESH_TOKEN so one is minted.'
    case 'SCOPE_MISMATCH':
      return `Generate the token with the scopes ${(scopes ?? []).join(', ') || 'Desk.contacts.READ, Desk.search.READ, Desk.basic.READ'} (API console → Self Client).`
    case 'RATE_LIMITED':
      return 'Zoho Desk is rate-limiting these credentials; wait and run again.'
    default:
      return 'Run again with --debug; check the data centre (--data-center) and --desk-base-url.'
  }
}
