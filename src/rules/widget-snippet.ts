import { dataCenterOfHost } from '../desk/data-centers.js'
import { child, children, str, stringValue } from '../scan/js/ast.js'
import type { AstNode } from '../scan/js/parse.js'
import { defineRule, JS_LANGUAGES } from './define-rule.js'
import { resolveValue } from './support/signer-js.js'

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
  trigger: /asapApp\/|zohodeskasapscript/,
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
    // The snippet's script element (`s.id = 'zohodeskasapscript'`) given a src on another host or the
    // page's own origin (`${origin}/zoho-asap.js`, a proxy of the loader): no asapApp URL to match above.
    for (const { index } of context.scripts) {
      const snippetElements = new Set<string>()
      for (const node of index.nodes) {
        const target = assignedMember(node)
        if (target?.property === 'id' && stringValue(child(node, 'right')) === 'zohodeskasapscript') snippetElements.add(target.object)
      }
      if (snippetElements.size === 0) continue
      for (const node of index.nodes) {
        const target = assignedMember(node)
        if (target?.property !== 'src' || !snippetElements.has(target.object)) continue
        const value = resolveValue(index, child(node, 'right'))
        const written = value === undefined ? undefined : staticText(value)
        // A value read from a variable or the environment says nothing; a Zoho loader URL is judged above.
        if (value === undefined || written === undefined || !written.includes('/') || ZOHO_LOADER_TEXT.test(written)) continue
        const host = /^(?:https?:)?\/\/([^/]+)/i.exec(written)?.[1] ?? context.file.text.slice(value.start, value.end).slice(0, 80)
        context.report('not-zoho-host', { host }, { start: value.start, end: value.end })
      }
    }
  },
})

const ZOHO_LOADER_TEXT = /desk\.zoho\.|zohocloud\.ca|\/portal\/api\/web\//i

/** `x.prop = …` with a plain identifier object: its names. */
function assignedMember(node: AstNode): { object: string; property: string } | undefined {
  if (node.type !== 'AssignmentExpression') return undefined
  const left = child(node, 'left')
  if (left?.type !== 'MemberExpression' || left.computed === true) return undefined
  const object = str(child(left, 'object'), 'name')
  const property = str(child(left, 'property'), 'name')
  return object === undefined || property === undefined ? undefined : { object, property }
}

/** The literal text of a string, template or `+` concatenation; holes count as nothing. Undefined when none is literal. */
function staticText(node: AstNode): string | undefined {
  const literal = stringValue(node)
  if (literal !== undefined) return literal
  if (node.type === 'TemplateLiteral') {
    const parts = children(node, 'quasis').map((quasi) => {
      const value = quasi.value
      return typeof value === 'object' && value !== null && 'cooked' in value && typeof value.cooked === 'string' ? value.cooked : ''
    })
    const joined = parts.join('')
    return joined === '' ? undefined : joined
  }
  if (node.type === 'BinaryExpression' && node.operator === '+') {
    const left = child(node, 'left')
    const right = child(node, 'right')
    const joined = (left === undefined ? '' : (staticText(left) ?? '')) + (right === undefined ? '' : (staticText(right) ?? ''))
    return joined === '' ? undefined : joined
  }
  return undefined
}
