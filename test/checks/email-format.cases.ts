import { goodPayload, makeToken } from '../helpers/tokens.js'
import type { CheckCases } from './cases.js'

const withEmail = (email: unknown) => makeToken({ payload: goodPayload({ email }) })

export default {
  valid: [
    { name: 'plain address', input: withEmail('jane.doe@example.com'), messageId: 'ok' },
    { name: 'plus addressing and subdomain', input: withEmail('jane+asap@mail.example.co.uk'), messageId: 'ok' },
    { name: 'upper case is a format pass (normalization warns)', input: withEmail('Jane.Doe@Example.com'), messageId: 'ok' },
    { name: 'email not a string: skipped', input: withEmail(42), messageId: 'absent', status: 'skip' },
  ],
  invalid: [
    { name: 'IDN domain warns', input: withEmail('jane@bücher.example'), messageId: 'non-ascii', status: 'warn' },
    { name: 'trailing space', input: withEmail('jane.doe@example.com '), messageId: 'whitespace' },
    { name: 'space inside', input: withEmail('jane doe@example.com'), messageId: 'whitespace' },
    { name: 'zero-width space', input: withEmail('jane\u200B.doe@example.com'), messageId: 'invisible', data: { character: 'U+200B', position: 5 } },
    { name: 'BOM at the start', input: withEmail('\uFEFFjane@example.com'), messageId: 'invisible' },
    { name: 'non-breaking space inside', input: withEmail('jane\u00A0doe@example.com'), messageId: 'invisible' },
    { name: 'Cyrillic а look-alike', input: withEmail('j\u0430ne@example.com'), messageId: 'look-alike', data: { looksLike: 'a', position: 2 } },
    { name: 'fullwidth @', input: withEmail('jane\uFF20example.com'), messageId: 'look-alike', data: { looksLike: '@' } },
    { name: 'no @', input: withEmail('jane.doe.example.com'), messageId: 'implausible' },
    { name: 'domain without dot', input: withEmail('jane@localhost'), messageId: 'implausible' },
    { name: 'user id instead of address', input: withEmail('12345'), messageId: 'implausible' },
  ],
} satisfies CheckCases
