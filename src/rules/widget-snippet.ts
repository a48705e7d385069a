import { dataCenterOfHost } from '../desk/data-centers.js'
import { defineRule, JS_LANGUAGES } from './define-rule.js'

const LOADER = /(?:https?:)?\/\/([a-z0-9.-]+)\/portal\/api\/web\/asapApp\/(\d+)\?(?:[^"'`\s<>]*&)?orgId=(\d+)/gi

/**
 * The ASAP 2.0 loader URL, wherever it is written (script src, the bootstrap snippet, a template).
 * Found is a note; compared with the configured orgId, data centre and app id, a difference fails.
 */
export default defineRule({
  id: 'widget-snippet',
  title: 'The ASAP widget loader matches the configuration',
  severity: 'error',
  description:
    'Finds the ASAP 2.0 loader (https://desk.zoho.<tld>/portal/api/web/asapApp/<appId>?orgId=<orgId>) and reports its data centre, app id and orgId as a note. When a config or flags give the orgId, data centre or app id, a loader that names other values fails: the widget then talks to another org or data centre than the one holding the users and the JWT secret. A loader served from a host that is not a Zoho Desk host (a proxy) is reported too, because domain checks then see another origin.',
  languages: JS_LANGUAGES,
  trigger: /asapApp\//,
  messages: {
    found: { status: 'pass', text: 'ASAP loader: host {{host}} ({{dataCenter}}), app id {{appId}}, orgId {{orgId}}.' },
    'org-mismatch': {
      text: 'The loader names orgId {{orgId}}, but the configuration says {{expected}}.',
      hints: ['Copy the snippet again from Setup → Channels → ASAP → your app → Installation, or fix orgId in the config.'],
    },
    'dc-mismatch': {
      text: 'The loader is on {{host}} (data centre {{dataCenter}}), but the configuration says data centre {{expected}}.',
      hints: ['Use the snippet of the data centre that holds your Desk org (desk.zoho.eu for EU, desk.zoho.in for India, …).'],
    },
    'app-mismatch': {
      text: 'The loader names app id {{appId}}, but the configuration says {{expected}}.',
      hints: ['Copy the snippet of the ASAP app whose JWT settings you configured.'],
    },
    'not-zoho-host': {
      text: 'The loader is served from {{host}}, which is not a Zoho Desk host.',
      hints: ['Load the widget from desk.zoho.<tld> as the snippet does; a proxy changes the origin Zoho sees.'],
    },
  },
  check(context) {
    const { config } = context
    for (const match of context.file.text.matchAll(LOADER)) {
      const host = (match[1] ?? '').toLowerCase()
      const appId = match[2] ?? ''
      const orgId = match[3] ?? ''
      const start = match.index ?? 0
      const span = { start, end: start + match[0].length }
      const dataCenter = dataCenterOfHost(host)
      if (dataCenter === undefined || !host.startsWith('desk.')) {
        context.report('not-zoho-host', { host, appId, orgId }, span)
        continue
      }
      const data = { host, dataCenter, appId, orgId }
      context.report('found', data, span)
      if (config.orgId !== undefined && config.orgId !== orgId) context.report('org-mismatch', { ...data, expected: config.orgId }, span)
      if (config.dataCenter !== undefined && config.dataCenter.toLowerCase() !== dataCenter)
        context.report('dc-mismatch', { ...data, expected: config.dataCenter }, span)
      if (config.appId !== undefined && config.appId !== appId) context.report('app-mismatch', { ...data, expected: config.appId }, span)
    }
  },
})
