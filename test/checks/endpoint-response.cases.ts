import type { EndpointCall, EndpointFacts } from '../../src/core/types.js'
import { makeToken, NOW } from '../helpers/tokens.js'
import type { CheckCases } from './cases.js'

const one = makeToken()
const two = makeToken({ secret: 'another-secret-makes-another-token' })
const call = (partial: Partial<EndpointCall>): EndpointCall => ({
  status: 200,
  contentType: 'text/plain',
  cacheControl: 'no-store',
  serverDate: NOW,
  receivedAt: NOW,
  bodyShape: 'bare',
  token: one,
  bodyExcerpt: 'eyJ…',
  ...partial,
})
const endpoint = (...calls: EndpointCall[]): { endpoint: EndpointFacts } => ({
  endpoint: { url: 'https://app.example.com/api/get-jwt-token', method: 'GET', calls },
})

export default {
  valid: [
    { name: 'bare, fresh, no-store', context: endpoint(call({}), call({ token: two })), messageId: 'ok' },
    {
      name: 'JSON {token}, fresh, no-store (the page unwraps it)',
      context: endpoint(call({ bodyShape: 'json-field', field: 'token', contentType: 'application/json' }), call({ token: two })),
      messageId: 'ok-json',
    },
    { name: 'not probed', messageId: 'not-probed', status: 'skip' },
  ],
  invalid: [
    {
      name: 'connection refused: no response at all',
      context: endpoint(
        call({ status: 0, bodyShape: 'empty', token: undefined, bodyExcerpt: '', networkError: 'cannot reach 127.0.0.1:9: connection refused' }),
      ),
      messageId: 'unreachable',
      data: { error: 'cannot reach 127.0.0.1:9: connection refused' },
    },
    {
      name: '401 without a session',
      context: endpoint(call({ status: 401, bodyShape: 'other', token: undefined, bodyExcerpt: '{"error":"unauthorized"}' })),
      messageId: 'http-error',
      data: { status: 401 },
    },
    {
      name: 'redirect to the login page',
      context: endpoint(call({ status: 302, location: '/login', bodyShape: 'empty', token: undefined })),
      messageId: 'redirect',
      data: { location: '/login' },
    },
    {
      name: 'HTML instead of a token',
      context: endpoint(call({ contentType: 'text/html', bodyShape: 'other', token: undefined, bodyExcerpt: '<!doctype html>' })),
      messageId: 'no-token',
    },
    { name: 'the same token twice', context: endpoint(call({}), call({})), messageId: 'same-token' },
    {
      name: 'server clock 2 minutes ahead',
      context: endpoint(call({ serverDate: NOW + 120_000 }), call({ token: two })),
      messageId: 'clock-skew',
      data: { direction: 'ahead' },
    },
    {
      name: 'JSON {jwt} body warns',
      context: endpoint(call({ bodyShape: 'json-field', field: 'jwt', contentType: 'application/json' }), call({ token: two })),
      messageId: 'json-body',
      status: 'warn',
      data: { field: 'jwt' },
    },
    { name: 'JSON string body warns', context: endpoint(call({ bodyShape: 'json-string' }), call({ token: two })), messageId: 'json-string', status: 'warn' },
    {
      name: 'no Cache-Control: no-store',
      context: endpoint(call({ cacheControl: 'max-age=300' }), call({ token: two, cacheControl: 'max-age=300' })),
      messageId: 'cacheable',
      status: 'warn',
    },
  ],
} satisfies CheckCases
