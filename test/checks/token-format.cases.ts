import { expect } from 'vitest'
import { b64url, makeToken } from '../helpers/tokens.js'
import type { CheckCases } from './cases.js'

const good = makeToken()
const [h, p, s] = good.split('.') as [string, string, string]

export default {
  valid: [
    { name: 'a bare compact JWT', input: good, messageId: 'ok' },
    { name: 'wrapping is removed without --exact', input: `  "Bearer ${good}"\n`, messageId: 'ok' },
    { name: 'exact and bare', input: good, context: { exact: true }, messageId: 'ok' },
    { name: 'no token in the subject', messageId: 'no-token', status: 'skip' },
  ],
  invalid: [
    { name: 'quotes around it with --exact', input: `"${good}"`, context: { exact: true }, messageId: 'wrapped', data: { removed: ['surrounding quotes'] } },
    { name: 'JSON object with --exact', input: JSON.stringify({ token: good }), context: { exact: true }, messageId: 'wrapped' },
    { name: 'two parts', input: `${h}.${p}`, messageId: 'part-count', data: { parts: 2 } },
    { name: 'four parts', input: `${good}.extra`, messageId: 'part-count', data: { parts: 4 } },
    { name: 'a JWE (five parts)', input: `${h}.${p}.${s}.${s}.${s}`, messageId: 'jwe' },
    { name: 'padding', input: `${h}==.${p}.${s}`, messageId: 'standard-base64', data: { marks: '"=" padding', parts: 'header part' } },
    {
      name: 'plain base64 with + and /',
      input: `${h}.${p}.${s.slice(0, 10)}+/${s.slice(12)}`,
      messageId: 'standard-base64',
      data: { marks: '"+" or "/"', parts: 'signature part' },
    },
    {
      name: 'PHP base64_encode: padding and + in several parts',
      input: `${h}=.${p}==.${s.slice(0, 10)}+${s.slice(11)}=`,
      messageId: 'standard-base64',
      data: { marks: '"=" padding and "+" or "/"', parts: 'header and payload and signature parts' },
    },
    {
      name: 'wire: "Bearer " + token',
      input: `Bearer ${good}`,
      context: { exact: true, sent: `Bearer ${good}` },
      messageId: 'wrapped',
      data: { passed: '"Bearer " + token', sent: expect.stringMatching(/^"Bearer eyJ.*….*\.\*\*\*"$/) },
    },
    {
      name: 'wire: the whole JSON response as text',
      input: JSON.stringify({ token: good }),
      context: { exact: true, sent: JSON.stringify({ token: good }) },
      messageId: 'wrapped',
      data: { passed: 'the whole JSON response as text' },
    },
    {
      name: 'wire: JSON.stringify(token)',
      input: JSON.stringify(good),
      context: { exact: true, sent: JSON.stringify(good) },
      messageId: 'wrapped',
      data: { passed: 'the token in quotes' },
    },
    { name: 'wire: [object Object]', context: { exact: true, sent: '[object Object]' }, messageId: 'not-a-token', data: { passed: 'an object' } },
    { name: 'wire: undefined', context: { exact: true, sent: 'undefined' }, messageId: 'not-a-token', data: { passed: 'undefined' } },
    { name: 'wire: empty', context: { exact: true, sent: '' }, messageId: 'not-a-token', data: { passed: 'an empty string' } },
    {
      name: 'wire: JSON text without a token',
      context: { exact: true, sent: '{"error":"not signed in"}' },
      messageId: 'not-a-token',
      data: { passed: 'a JSON text' },
    },
    {
      name: 'a character outside base64url',
      input: `${h}.${p.slice(0, 5)}!${p.slice(5)}.${s}`,
      messageId: 'invalid-base64',
      data: { part: 'payload', character: "'!'" },
    },
    { name: 'payload is not JSON', input: `${h}.${b64url('not json')}.${s}`, messageId: 'not-json', data: { part: 'payload' } },
    { name: 'payload is a JSON string', input: `${h}.${b64url('"a string"')}.${s}`, messageId: 'not-object', data: { part: 'payload', jsonType: 'string' } },
    { name: 'header part empty', input: `.${p}.${s}`, messageId: 'empty-part', data: { part: 'header' } },
  ],
} satisfies CheckCases
