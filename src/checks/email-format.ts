import { defineCheck } from '../core/define-check.js'
import { describeCharacter } from '../core/token/parse-token.js'
import type { MessageSpec, Outcome } from '../core/types.js'

const RETYPE = 'Take the address from your user record as stored, trimmed; if it was typed or pasted, retype it in plain ASCII.'

const messages = {
  ok: { status: 'pass', text: 'email {{email}} is a plausible address.' },
  'no-payload': { status: 'skip', text: 'The payload could not be decoded (see token-format).' },
  absent: { status: 'skip', text: 'No string email claim (see required-claims).' },
  whitespace: {
    status: 'fail',
    verdict: 'the email contains whitespace',
    text: 'email {{quoted}} contains whitespace ({{where}}); no Help Center user has such an address.',
    hints: ['Trim the address before signing: email.trim().', RETYPE],
  },
  invisible: {
    status: 'fail',
    verdict: 'the email contains an invisible character',
    text: 'email {{quoted}} contains an invisible character {{character}} at position {{position}}.',
    hints: [
      'Zero-width and other invisible characters usually come from copy-paste; strip them: email.replace(/[\\u200B-\\u200D\\uFEFF\\u00A0]/g, "").',
      RETYPE,
    ],
  },
  'look-alike': {
    status: 'fail',
    verdict: 'the email contains a look-alike character',
    text: 'email {{quoted}} contains {{character}} at position {{position}}, a non-ASCII letter that looks like "{{looksLike}}".',
    hints: [`The address only looks right: it will not match the Help Center user. ${RETYPE}`],
  },
  implausible: {
    status: 'fail',
    verdict: 'the email is not a valid address',
    text: 'email {{quoted}} is not a plausible address ({{reason}}).',
    hints: ["Sign the user's e-mail address (user@example.com), not a user id or display name."],
  },
  'non-ascii': {
    status: 'warn',
    text: 'email {{quoted}} contains non-ASCII characters ({{characters}}); the Help Center user must have exactly the same address.',
    hints: ['Check the address of the Help Center user in Zoho Desk character by character.'],
  },
} satisfies Record<string, MessageSpec>

type MessageId = keyof typeof messages

const INVISIBLE =
  // biome-ignore lint/suspicious/noMisleadingCharacterClass: each invisible code point is matched on its own, on purpose.
  /[\u0000-\u001F\u007F-\u009F\u00A0\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180E\u2000-\u200F\u2028-\u202F\u205F-\u206F\u3000\u3164\uFE00-\uFE0F\uFEFF\uFFA0]/u

/** Letters from other scripts that render like ASCII letters (the common homoglyphs). */
const LOOK_ALIKES: Readonly<Record<string, string>> = {
  а: 'a',
  е: 'e',
  о: 'o',
  р: 'p',
  с: 'c',
  у: 'y',
  х: 'x',
  і: 'i',
  ј: 'j',
  ѕ: 's',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  һ: 'h',
  ɡ: 'g',
  А: 'A',
  В: 'B',
  Е: 'E',
  К: 'K',
  М: 'M',
  Н: 'H',
  О: 'O',
  Р: 'P',
  С: 'C',
  Т: 'T',
  Х: 'X',
  І: 'I',
  α: 'a',
  ο: 'o',
  ν: 'v',
  ι: 'i',
  κ: 'k',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  Α: 'A',
  Β: 'B',
  Ε: 'E',
  Ζ: 'Z',
  Η: 'H',
  Ι: 'I',
  Κ: 'K',
  Μ: 'M',
  Ν: 'N',
  Ο: 'O',
  Ρ: 'P',
  Τ: 'T',
  Υ: 'Y',
  Χ: 'X',
  ı: 'i',
  ℓ: 'l',
  '＠': '@',
  '．': '.',
}

export default defineCheck({
  id: 'email-format',
  title: 'email is a plausible address without invisible or look-alike characters',
  severity: 'error',
  scope: 'token',
  messages,
  run({ token }): Outcome<MessageId> {
    const payload = token?.payload
    if (payload === undefined) return { messageId: 'no-payload' }
    const email = payload.email
    if (typeof email !== 'string') return { messageId: 'absent' }
    const quoted = JSON.stringify(email)
    const characters = [...email]

    // Invisible characters first: String.prototype.trim() would also strip a BOM or NBSP and hide what it was.
    const invisibleAt = characters.findIndex((c) => INVISIBLE.test(c) && !/^[\t\n\r]$/.test(c))
    if (invisibleAt >= 0) {
      const character = characters[invisibleAt] ?? ''
      return { messageId: 'invisible', data: { quoted, character: describeCharacter(character), position: invisibleAt + 1 } }
    }
    if (email.trim() !== email) return { messageId: 'whitespace', data: { quoted, where: 'at the start or end' } }
    if (/\s/u.test(email)) return { messageId: 'whitespace', data: { quoted, where: 'inside the address' } }
    const lookAlikeAt = characters.findIndex((c) => Object.hasOwn(LOOK_ALIKES, c) || /[\uFF01-\uFF5E]/.test(c))
    if (lookAlikeAt >= 0) {
      const character = characters[lookAlikeAt] ?? ''
      const looksLike = LOOK_ALIKES[character] ?? String.fromCharCode((character.codePointAt(0) ?? 0) - 0xfee0)
      return { messageId: 'look-alike', data: { quoted, character: `${character} (${describeCharacter(character)})`, position: lookAlikeAt + 1, looksLike } }
    }
    const reason = implausibility(email)
    if (reason !== undefined) return { messageId: 'implausible', data: { quoted, reason } }
    const nonAscii = characters.filter((c) => (c.codePointAt(0) ?? 0) > 0x7f)
    if (nonAscii.length > 0) return { messageId: 'non-ascii', data: { quoted, characters: [...new Set(nonAscii)] } }
    return { messageId: 'ok', data: { email } }
  },
})

function implausibility(email: string): string | undefined {
  const at = email.lastIndexOf('@')
  if (at < 0) return 'no "@"'
  if (email.indexOf('@') !== at) return 'more than one "@"'
  const local = email.slice(0, at)
  const domain = email.slice(at + 1)
  if (local.length === 0) return 'nothing before "@"'
  if (local.length > 64) return 'the part before "@" is longer than 64 characters'
  if (local.startsWith('.') || local.endsWith('.') || local.includes('..')) return 'misplaced dots before "@"'
  if (!domain.includes('.')) return `the domain "${domain}" has no dot`
  if (domain.startsWith('.') || domain.endsWith('.') || domain.includes('..')) return `misplaced dots in the domain "${domain}"`
  if (!/^[\p{L}\p{N}.-]+$/u.test(domain)) return `the domain "${domain}" has characters a host name cannot have`
  if (domain.split('.').some((label) => label.startsWith('-') || label.endsWith('-'))) return `a label of "${domain}" starts or ends with "-"`
  const tld = domain.slice(domain.lastIndexOf('.') + 1)
  if (tld.length < 2 || /^\d+$/.test(tld)) return `"${tld}" is not a top-level domain`
  if (/[(),:;<>[\]\\"]/.test(local)) return 'characters before "@" that need quoting'
  return undefined
}
