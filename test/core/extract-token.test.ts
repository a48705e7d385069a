import { describe, expect, it } from 'vitest'
import { isAsapDoctorError } from '../../src/core/errors.js'
import { extractToken } from '../../src/core/token/extract-token.js'
import { makeToken } from '../helpers/tokens.js'

const token = makeToken()

describe('extractToken', () => {
  const cases: ReadonlyArray<readonly [string, string, readonly string[]]> = [
    ['bare', token, []],
    ['trailing newline', `${token}\n`, ['surrounding whitespace/newlines']],
    ['double quotes', `"${token}"`, ['surrounding quotes']],
    ['single quotes and spaces', `  '${token}'  `, ['surrounding whitespace', 'surrounding quotes']],
    ['Bearer prefix', `Bearer ${token}`, ["a 'Bearer ' prefix"]],
    ['Authorization header line', `Authorization: Bearer ${token}`, ['a header name', "a 'Bearer ' prefix"]],
    ['JSON object', JSON.stringify({ token }), ['a JSON object (took its "token" field)']],
    ['nested JSON object', JSON.stringify({ data: { jwt: token } }), ['a JSON object (took its "data.jwt" field)']],
    [
      'remote/auth URL',
      `https://accounts.zohoportal.com/accounts/op/712340056/oauth/v2/remote/auth?jwt_token=${token}&client_id=1000.FAKE`,
      ['a URL (took its jwt_token parameter)'],
    ],
    ['query string', `jwt_token=${encodeURIComponent(token)}&response_type=remote_token`, ['a query string (took its jwt_token parameter)']],
    ['URL-encoded', encodeURIComponent(`"${token}"`), ['URL-encoding', 'surrounding quotes']],
    ['text around it', `token was: ${token} (from the log)`, ['surrounding text']],
    ['JSON-stringified twice', JSON.stringify(JSON.stringify(token)), ['surrounding quotes']],
  ]
  for (const [name, input, removed] of cases) {
    it(name, () => {
      const result = extractToken(input)
      expect(result.token).toBe(token)
      expect(result.removed).toEqual(removed)
    })
  }

  it('keeps a malformed token for token-format to judge', () => {
    expect(extractToken('abc.def').token).toBe('abc.def')
  })

  it('keeps + and / inside a query value', () => {
    expect(extractToken('jwt_token=aa.bb.c+d/e').token).toBe('aa.bb.c+d/e')
  })

  for (const input of ['', '   \n', 'hello world', '{"foo": 1}']) {
    it(`refuses ${JSON.stringify(input)} with ERR_NO_TOKEN`, () => {
      try {
        extractToken(input)
        expect.unreachable()
      } catch (error) {
        expect(isAsapDoctorError(error) && error.code).toBe('ERR_NO_TOKEN')
      }
    })
  }
})

describe('extractToken: plain base64 and typographic quotes', () => {
  // PHP base64_encode / Buffer.toString('base64'): "+", "/" and "=" padding inside the parts.
  const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: 'k1' })).toString('base64')
  const payload = Buffer.from(JSON.stringify({ email: 'jane.doe@example.com', email_verified: true, n: '>>>?' })).toString('base64')
  const base64Token = `${header}.${payload}.ab+cd/ef==`

  it('keeps a padded plain-base64 token whole (the "=" is not a name=value prefix)', () => {
    expect(header.endsWith('=')).toBe(true)
    expect(extractToken(base64Token)).toEqual({ token: base64Token, removed: [] })
  })

  it('finds a padded plain-base64 token inside text', () => {
    expect(extractToken(`token: ${base64Token} (from the log)`).token).toBe(base64Token)
  })

  for (const [name, open, close] of [
    ['double', '\u201C', '\u201D'],
    ['single', '\u2018', '\u2019'],
    ['German', '\u201E', '\u201C'],
  ] as const) {
    it(`removes typographic ${name} quotes like straight ones`, () => {
      expect(extractToken(`${open}${token}${close}`)).toEqual({ token, removed: ['surrounding typographic quotes'] })
    })
  }

  it('picks the window whose header and payload are JSON, never one that starts inside a token', () => {
    const [h = '', , sig = ''] = token.split('.')
    expect(extractToken(`see ${h.slice(0, 10)}.${sig}.x then ${token}`).token).toBe(token)
  })
})

describe('extractToken: wrapped lines', () => {
  it('joins a token broken over lines', () => {
    const result = extractToken(`${token.slice(0, 40)}\n${token.slice(40, 90)}\r\n${token.slice(90)}`)
    expect(result.token).toBe(token)
    expect(result.removed).toContain('line breaks or spaces inside the token')
  })
})
