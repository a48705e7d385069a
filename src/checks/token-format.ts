import { defineCheck } from '../core/define-check.js'
import { maskSignaturesInText } from '../core/token/mask-token.js'
import type { TokenProblem } from '../core/token/parse-token.js'
import type { MessageSpec, Outcome } from '../core/types.js'

const BARE = 'Pass only the bare token to successCallback: three base64url parts joined by dots, nothing before or after.'
const CALLBACK = 'In getJwtTokenCallback: fetch(url).then(r => r.json()).then(data => successCallback(data.token)).'

const messages = {
  ok: { status: 'pass', text: 'Three base64url parts; header and payload are JSON objects.' },
  'no-token': { status: 'skip', text: 'No token in this subject.' },
  empty: {
    status: 'fail',
    verdict: 'the token is empty',
    text: 'The token is an empty string.',
    hints: ['Check that getJwtTokenCallback calls successCallback with the token, not undefined or "".'],
  },
  wrapped: {
    status: 'fail',
    verdict: 'the page handed successCallback {{passed}}, not the bare token',
    text: 'The widget sent {{sent}}: the page handed successCallback {{passed}} instead of the bare token ({{removed}}).',
    hints: ['{{fix}}', BARE, CALLBACK],
  },
  'not-a-token': {
    status: 'fail',
    verdict: 'the page handed successCallback {{passed}}, not the token',
    text: 'The widget sent {{sent}} as the token: {{meaning}}.',
    hints: ['{{fix}}', CALLBACK],
  },
  'standard-base64': {
    status: 'fail',
    verdict: 'it is encoded in standard base64, not base64url',
    text: 'The token is encoded in standard base64 ({{marks}} in the {{parts}}), not base64url: JWT parts use "-" and "_" and no "=" padding. The claims below are decoded anyway.',
    hints: [
      "Build the token with a JWT library. By hand: PHP rtrim(strtr(base64_encode($json), '+/', '-_'), '='); Node Buffer.from(json).toString('base64url'); Python base64.urlsafe_b64encode(b).rstrip(b'=').",
      'asap-doctor sign prints a known-good token to compare with.',
    ],
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
  'invalid-base64': {
    status: 'fail',
    verdict: 'its {{part}} part is not base64url',
    text: 'The {{part}} part contains {{character}}, which is not a base64url character.',
    hints: ['The token was damaged when copied or built by hand. Copy it again or build it with a JWT library.'],
  },
  'not-utf8': {
    status: 'fail',
    verdict: 'its {{part}} part is not UTF-8 JSON',
    text: 'The {{part}} part does not decode to UTF-8 text.',
    hints: ['The part is not base64url of JSON; build the token with a JWT library.'],
  },
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
  run({ token, exact, removedWrapping, sent }): Outcome<MessageId> {
    if (token === undefined) return sent === undefined ? { messageId: 'no-token' } : notAToken(sent)
    // What the page handed over is the first fact: a wrapped token is wrong whatever is inside it.
    if (exact && removedWrapping.length > 0) {
      const page = describeWrapping(removedWrapping)
      return { messageId: 'wrapped', data: { removed: removedWrapping, sent: shown(sent ?? token.raw), passed: page.passed, fix: page.fix } }
    }
    const base64 = token.problems.filter((problem) => problem.kind === 'padding' || problem.kind === 'not-url-safe')
    if (base64.length > 0 && token.problems.every((problem) => problem.kind === 'padding' || problem.kind === 'not-url-safe')) {
      const marks = [...new Set(base64.map((problem) => (problem.kind === 'padding' ? '"=" padding' : '"+" or "/"')))]
      const parts = [...new Set(base64.map((problem) => ('part' in problem ? problem.part : 'token')))]
      return { messageId: 'standard-base64', data: { marks: marks.join(' and '), parts: `${parts.join(' and ')} part${parts.length > 1 ? 's' : ''}` } }
    }
    const problem = token.problems[0]
    if (problem !== undefined) return outcomeFor(problem)
    return { messageId: 'ok' }
  },
})

/** At most this much of what the page sent is quoted back, signatures masked. */
const SHOWN_LENGTH = 96

function shown(value: string): string {
  const masked = maskSignaturesInText(value)
  // The start shows the wrapping, the end shows the masked signature and anything after it.
  return JSON.stringify(masked.length > SHOWN_LENGTH ? `${masked.slice(0, SHOWN_LENGTH - 28)}…${masked.slice(-24)}` : masked)
}

/** What the page's code must have done to produce this wrapping, and the fix, in the page's terms. */
function describeWrapping(removed: readonly string[]): { passed: string; fix: string } {
  const first = removed.find((what) => !what.startsWith('surrounding whitespace')) ?? removed[0] ?? ''
  if (first.includes("'Bearer ' prefix"))
    return {
      passed: '"Bearer " + token',
      fix: 'Drop the "Bearer " prefix: successCallback(data.token). The prefix belongs in HTTP Authorization headers, never in the widget.',
    }
  if (first.startsWith('a JSON object')) {
    return {
      passed: 'the whole JSON response as text',
      fix: 'Parse the response and pass its token field: r.json().then(data => successCallback(data.token)), not r.text() or JSON.stringify(data).',
    }
  }
  if (first.includes('quotes'))
    return {
      passed: 'the token in quotes',
      fix: 'Pass the string itself: successCallback(data.token), not JSON.stringify(data.token) or r.text() of a JSON string body.',
    }
  if (first.startsWith('surrounding whitespace'))
    return {
      passed: 'the token with whitespace around it',
      fix: 'Trim what you read: successCallback(text.trim()), or serve the token without a trailing newline.',
    }
  if (first.startsWith('a URL') || first.startsWith('a query string'))
    return { passed: 'a URL or query string that carries the token', fix: 'Extract the token and pass only it: successCallback(data.token).' }
  if (first === 'URL-encoding')
    return { passed: 'URL-encoded text', fix: 'Pass the token as it is: encoding it yourself makes the widget send it encoded twice.' }
  return { passed: `text around the token (${first})`, fix: 'Pass only the token string: successCallback(data.token).' }
}

/** A recorded login whose token parameter holds no JWT at all is still a login attempt. */
function notAToken(sent: string): Outcome<MessageId> {
  const value = sent.trim()
  const known: Record<string, { passed: string; meaning: string; fix: string }> = {
    '[object Object]': {
      passed: 'an object',
      meaning: 'successCallback got an object (the parsed response, e.g. data), which the widget turned into the text "[object Object]"',
      fix: 'Pass the token string inside the object: successCallback(data.token).',
    },
    undefined: {
      passed: 'undefined',
      meaning:
        'successCallback got undefined: the page read a field the response does not have (e.g. data.jwt when the endpoint answers {"token": …}), or a variable that was never set',
      fix: 'Read the field your token endpoint really returns (log the response once): successCallback(data.token).',
    },
    null: {
      passed: 'null',
      meaning: 'successCallback got null: the token endpoint answered without a token (no session?) or the page read an empty field',
      fix: "Call failureCallback when there is no token, and check that the endpoint gets the user's session.",
    },
    '': {
      passed: 'an empty string',
      meaning: 'successCallback got an empty string: the token endpoint answered an empty body, or the page read an empty field',
      fix: "Check the token endpoint's answer (asap-doctor endpoint URL) and pass data.token.",
    },
  }
  const match = known[value] ?? (sent === '' ? known[''] : undefined)
  if (match !== undefined) return { messageId: 'not-a-token', data: { sent: shown(sent), ...match } }
  if (/^[[{"]/.test(value)) {
    return {
      messageId: 'not-a-token',
      data: {
        sent: shown(sent),
        passed: 'a JSON text',
        meaning: 'successCallback got JSON text without a token in it',
        fix: 'Parse the response and pass its token field: successCallback(data.token).',
      },
    }
  }
  return {
    messageId: 'not-a-token',
    data: {
      sent: shown(sent),
      passed: 'text that is not a JWT',
      meaning: 'what reached Zoho is not three base64url parts joined by dots',
      fix: 'Pass only the token string your endpoint returns: successCallback(data.token).',
    },
  }
}

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
    case 'padding':
    case 'not-url-safe':
      return { messageId: 'standard-base64', data: { marks: problem.kind === 'padding' ? '"=" padding' : '"+" or "/"', parts: `${problem.part} part` } }
    case 'empty-part':
    case 'not-utf8':
      return { messageId: problem.kind, data: { part: problem.part } }
  }
}
