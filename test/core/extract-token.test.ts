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
    ['remote/auth URL', `https://accounts.zohoportal.com/accounts/op/712340056/oauth/v2/remote/auth?jwt_token=${token}&client_id=1000.FAKE`, ['a URL (took its jwt_token parameter)']],
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

describe('extractToken: wrapped lines', () => {
  it('joins a token broken over lines', () => {
    const result = extractToken(`${token.slice(0, 40)}\n${token.slice(40, 90)}\r\n${token.slice(90)}`)
    expect(result.token).toBe(token)
    expect(result.removed).toContain('line breaks or spaces inside the token')
  })
})
