import type { CheckCases } from './cases.js'

const page = (pageHost: string | undefined, allowedDomains: readonly string[] | undefined, pageOrigin?: string) => ({
  integration: {
    ...(pageHost === undefined ? {} : { pageHost }),
    ...(pageOrigin === undefined ? {} : { pageOrigin }),
    configured: allowedDomains === undefined ? {} : { allowedDomains },
  },
})
const listed = ['app.example.com', 'support.example.com']

export default {
  valid: [
    { name: 'exact host listed', context: page('app.example.com', listed), messageId: 'ok' },
    { name: 'case and trailing dot do not matter', context: page('App.Example.com.', ['app.example.com']), messageId: 'ok' },
    { name: 'list valid, no page host', context: page(undefined, listed), messageId: 'list-ok' },
    {
      name: 'no list: skipped, names the host',
      context: page('www.example.com', undefined),
      messageId: 'no-list',
      status: 'skip',
      data: { pageNote: '; the page host that must be on it is www.example.com' },
    },
  ],
  invalid: [
    {
      name: 'www vs app (the domain-not-allowed HAR)',
      context: page('www.example.com', listed),
      messageId: 'not-listed',
      data: { pageHost: 'www.example.com' },
    },
    { name: 'www vs apex', context: page('www.example.com', ['example.com']), messageId: 'www-mismatch', data: { listed: 'example.com' } },
    { name: 'apex vs www', context: page('example.com', ['www.example.com']), messageId: 'www-mismatch' },
    { name: 'subdomain of a listed domain', context: page('eu.app.example.com', ['app.example.com']), messageId: 'subdomain' },
    {
      name: 'localhost with a port',
      context: page('localhost', listed, 'http://localhost:3000'),
      messageId: 'localhost',
      data: { portNote: ' (port 3000; list the host without the port)' },
    },
    {
      name: 'six entries',
      context: page('app.example.com', ['a.com', 'b.com', 'c.com', 'd.com', 'e.com', 'app.example.com']),
      messageId: 'too-many',
      data: { count: 6 },
    },
    { name: 'a URL in the list', context: page('app.example.com', ['https://app.example.com/']), messageId: 'not-a-host', data: { reason: 'it has a scheme' } },
    {
      name: 'a port in the list warns',
      context: page('app.example.com', ['app.example.com:8443']),
      messageId: 'unsupported-syntax',
      status: 'warn',
      data: { reason: 'has a port' },
    },
    { name: 'a wildcard in the list warns', context: page('app.example.com', ['*.example.com']), messageId: 'unsupported-syntax', status: 'warn' },
    { name: 'a path in the list', context: page('app.example.com', ['app.example.com/help']), messageId: 'not-a-host', data: { reason: 'it has a path' } },
  ],
} satisfies CheckCases
