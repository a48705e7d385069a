import { defineCheck } from '../core/define-check.js'
import type { MessageSpec, Outcome } from '../core/types.js'

/** Zoho: "A maximum of five domains can be listed." */
export const MAX_ALLOWED_DOMAINS = 5

const ADD =
  'Add {{pageHost}} to the allowed domains of the ASAP web add-on ("Secure your help widget" → JWT; at most five), or serve the page from a host that is already listed.'
const EXACT = 'Matching is treated as exact host names (not documented by Zoho): www.example.com, example.com and app.example.com are three different entries.'

const messages = {
  ok: { status: 'pass', text: 'The page host {{pageHost}} is on the allowed list ({{allowed}}).' },
  'list-ok': { status: 'pass', text: '{{count}} allowed domain(s), all plain host names: {{allowed}}. (No page host to test against them.)' },
  'no-list': {
    status: 'skip',
    text: 'No allowed-domain list given{{pageNote}}.',
    hints: ['Pass --allowed-domain HOST (repeatable) or "allowedDomains" in asap-doctor.config.json, copied from the ASAP JWT settings.'],
  },
  'too-many': {
    status: 'fail',
    verdict: 'the allowed-domain list has {{count}} entries (Zoho allows five)',
    text: 'The allowed-domain list has {{count}} entries; Zoho allows at most five.',
    hints: ['Keep the five hosts where the widget really runs; use one host for staging instead of several preview hosts.'],
  },
  'not-a-host': {
    status: 'fail',
    verdict: 'allowed-domain entry {{entry}} is not a plain host name',
    text: 'Allowed-domain entry {{entry}} is not a plain host name ({{reason}}).',
    hints: ['Write host names only: app.example.com, not https://app.example.com/ or app.example.com/path.'],
  },
  'unsupported-syntax': {
    status: 'warn',
    text: 'Allowed-domain entry {{entry}} {{reason}}; Zoho does not document such entries, so they may not match.',
    hints: ['Prefer plain host names (app.example.com), one entry per host.'],
  },
  'not-listed': {
    status: 'fail',
    verdict: 'the page host {{pageHost}} is not an allowed domain',
    text: 'The page host {{pageHost}} is not on the allowed list ({{allowed}}).',
    hints: [ADD, EXACT],
  },
  'www-mismatch': {
    status: 'fail',
    verdict: 'the page host {{pageHost}} is not an allowed domain ({{listed}} is listed)',
    text: 'The page host {{pageHost}} is not listed; {{listed}} is, but www. and the bare domain are different hosts.',
    hints: [ADD, EXACT],
  },
  subdomain: {
    status: 'fail',
    verdict: 'the page host {{pageHost}} is not an allowed domain (only {{listed}} is)',
    text: 'The page host {{pageHost}} is a subdomain of {{listed}}, which does not cover it.',
    hints: [ADD, EXACT],
  },
  localhost: {
    status: 'fail',
    verdict: 'the page runs on {{pageHost}}, which is not an allowed domain',
    text: 'The page runs on {{pageHost}}{{portNote}}; local and preview hosts are not allowed unless listed.',
    hints: ['Test JWT login on a listed host (e.g. a staging host on the list), or add {{pageHost}} while developing.', EXACT],
  },
} satisfies Record<string, MessageSpec>

type MessageId = keyof typeof messages

export default defineCheck({
  id: 'allowed-domain',
  title: 'Page host is one of the (at most five) allowed domains',
  severity: 'error',
  scope: 'integration',
  messages,
  run({ integration }): Outcome<MessageId> {
    const allowed = integration?.configured.allowedDomains
    const pageHost = integration?.pageHost?.toLowerCase().replace(/\.$/, '')
    if (allowed === undefined || allowed.length === 0) {
      return { messageId: 'no-list', data: { pageNote: pageHost === undefined ? '' : `; the page host that must be on it is ${pageHost}` } }
    }
    if (allowed.length > MAX_ALLOWED_DOMAINS) return { messageId: 'too-many', data: { count: allowed.length } }
    for (const entry of allowed) {
      const reason = notAHost(entry)
      if (reason !== undefined) return { messageId: 'not-a-host', data: { entry: JSON.stringify(entry), reason } }
    }
    const unusual = allowed.find((entry) => /:\d+$|\*/.test(entry.trim()))
    if (unusual !== undefined) {
      return { messageId: 'unsupported-syntax', data: { entry: JSON.stringify(unusual), reason: unusual.includes('*') ? 'is a wildcard' : 'has a port' } }
    }
    const list = allowed.map((entry) => entry.trim().toLowerCase().replace(/\.$/, ''))
    if (pageHost === undefined) return { messageId: 'list-ok', data: { count: list.length, allowed: list } }
    const port = portOf(integration?.pageOrigin)
    if (list.includes(pageHost)) return { messageId: 'ok', data: { pageHost, allowed: list } }
    if (/^(localhost|127\.\d+\.\d+\.\d+|\[::1\]|::1|0\.0\.0\.0)$/.test(pageHost) || /\.(local|localhost|test)$/.test(pageHost)) {
      return { messageId: 'localhost', data: { pageHost, portNote: port === undefined ? '' : ` (port ${port}; list the host without the port)` } }
    }
    const bare = pageHost.replace(/^www\./, '')
    const wwwTwin = list.find((entry) => entry.replace(/^www\./, '') === bare)
    if (wwwTwin !== undefined) return { messageId: 'www-mismatch', data: { pageHost, listed: wwwTwin } }
    const parent = list.find((entry) => pageHost.endsWith(`.${entry}`))
    if (parent !== undefined) return { messageId: 'subdomain', data: { pageHost, listed: parent } }
    return { messageId: 'not-listed', data: { pageHost, allowed: list } }
  },
})

function notAHost(entry: string): string | undefined {
  const value = entry.trim()
  if (value === '') return 'empty'
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return 'it has a scheme'
  if (value.includes('/')) return 'it has a path'
  if (!/^[a-z0-9.*-]+(:\d+)?$/i.test(value)) return 'it has characters a host name cannot have'
  return undefined
}

function portOf(origin: string | undefined): string | undefined {
  if (origin === undefined) return undefined
  try {
    const port = new URL(origin).port
    return port === '' ? undefined : port
  } catch {
    return undefined
  }
}
