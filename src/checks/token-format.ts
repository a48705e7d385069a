import { defineCheck } from '../core/define-check.js'
import type { TokenProblem } from '../core/token/parse-token.js'
import type { MessageSpec, Outcome } from '../core/types.js'

const BARE = 'Pass only the bare token to successCallback: three base64url parts joined by dots, nothing before or after.'

const messages = {
  ok: { status: 'pass', text: 'Three base64url parts; header and payload are JSON objects.' },
  'no-token': { status: 'skip', text: 'No token in this subject.' },
  empty: { status: 'fail', verdict: 'the token is empty', text: 'The token is an empty string.', hints: ['Check that getJwtTokenCallback calls successCallback with the token, not undefined or "".'] },
  wrapped: {
    status: 'fail',
    verdict: 'the string handed to the widget is not a bare token ({{removed}})',
    text: 'The string handed to the widget is not a bare token: it carries {{removed}}.',
    hints: [BARE, 'In getJwtTokenCallback: fetch(url).then(r => r.json()).then(data => successCallback(data.token)).'],
  },
  jwe: {
    status: 'fail',
    verdict: 'it is an encrypted JWE, not a signed JWT',
    text: 'This is an encrypted JWT (JWE, five parts); Zoho needs a signed JWT (JWS, three parts).',
    hints: ['Sign the claims with HS256 and the ASAP JWT secret; do not encrypt them.'],
  },
  'part-count': {
    status: 'fail',
    verdict: 'it does not have three parts',
    text: 'The token has {{parts}} dot-separated part(s); a JWT has exactly three (header.payload.signature).',
    hints: ['The token may have been cut when copied, or several tokens were joined. Copy it again in full.'],
  },
  'whitespace-inside': {
    status: 'fail',
    verdict: 'it contains whitespace',
    text: 'The token contains whitespace or a line break.',
    hints: ['Tokens are often wrapped when copied from logs or e-mails; remove the line breaks.', BARE],
  },
  'empty-part': {
    status: 'fail',
    verdict: 'its {{part}} part is empty',
    text: 'The {{part}} part of the token is empty.',
    hints: ['Build the token with a JWT library (jsonwebtoken, jose, PyJWT) rather than by hand.'],
  },
  padding: {
    status: 'fail',
    verdict: 'its {{part}} part has base64 padding',
    text: 'The {{part}} part ends with "=" padding; JWT parts are base64url without padding.',
    hints: ['Use base64url encoding without "=" (a JWT library does this), not plain base64.'],
  },
  'not-url-safe': {
    status: 'fail',
    verdict: 'its {{part}} part is not base64url',
    text: 'The {{part}} part uses "+" or "/", so it is plain base64, not base64url.',
    hints: ['Encode with base64url ("-" and "_", no padding), as every JWT library does.'],
  },
  'invalid-base64': {
    status: 'fail',
    verdict: 'its {{part}} part is not base64url',
    text: 'The {{part}} part contains {{character}}, which is not a base64url character.',
    hints: ['The token was damaged when copied or built by hand. Copy it again or build it with a JWT library.'],
  },
  'not-utf8': { status: 'fail', verdict: 'its {{part}} part is not UTF-8 JSON', text: 'The {{part}} part does not decode to UTF-8 text.', hints: ['The part is not base64url of JSON; build the token with a JWT library.'] },
  'not-json': {
    status: 'fail',
    verdict: 'its {{part}} part is not JSON',
    text: 'The {{part}} part decodes, but not to JSON ({{detail}}).',
    hints: ['The token was built by hand or double-encoded. Build it with a JWT library from a plain object.'],
  },
  'not-object': {
    status: 'fail',
    verdict: 'its {{part}} part is not a JSON object',
    text: 'The {{part}} part is JSON of type {{jsonType}}; it must be a JSON object.',
    hints: ['Sign a claims object such as {"email": …, "email_verified": true, …}, not a string or array.'],
  },
} satisfies Record<string, MessageSpec>

type MessageId = keyof typeof messages

export default defineCheck({
  id: 'token-format',
  title: 'Token is a bare compact JWT (a.b.c)',
  severity: 'error',
  scope: 'token',
  messages,
  run({ token, exact, removedWrapping }): Outcome<MessageId> {
    if (token === undefined) return { messageId: 'no-token' }
    const problem = token.problems[0]
    if (problem !== undefined) return outcomeFor(problem)
    if (exact && removedWrapping.length > 0) return { messageId: 'wrapped', data: { removed: removedWrapping } }
    return { messageId: 'ok' }
  },
})

function outcomeFor(problem: TokenProblem): Outcome<MessageId> {
  switch (problem.kind) {
    case 'empty':
    case 'whitespace-inside':
      return { messageId: problem.kind }
    case 'jwe':
    case 'part-count':
      return { messageId: problem.kind, data: { parts: problem.parts } }
    case 'invalid-base64':
      return { messageId: problem.kind, data: { part: problem.part, character: problem.character } }
    case 'not-json':
      return { messageId: problem.kind, data: { part: problem.part, detail: problem.detail } }
    case 'not-object':
      return { messageId: problem.kind, data: { part: problem.part, jsonType: problem.jsonType } }
    case 'empty-part':
    case 'padding':
    case 'not-url-safe':
    case 'not-utf8':
      return { messageId: problem.kind, data: { part: problem.part } }
  }
}
