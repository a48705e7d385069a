import { defineCheck } from '../core/define-check.js'
import type { MessageSpec, Outcome } from '../core/types.js'
import { classifyZohoHost, DATA_CENTERS, isDataCenterId } from '../desk/data-centers.js'

const messages = {
  ok: { status: 'pass', text: 'Everything is in the {{dataCenter}} data centre ({{hosts}}).' },
  'not-known': {
    status: 'skip',
    text: 'No host or data centre to compare (no widget script, no auth call, no --data-center).',
    hints: ['Pass --data-center (us, eu, in, au, jp, ca, cn, sa, sg, ae, uk) or put "dataCenter" in asap-doctor.config.json.'],
  },
  mismatch: {
    status: 'fail',
    verdict: 'the hosts belong to different Zoho data centres ({{pairs}})',
    text: 'The hosts belong to different data centres: {{pairs}}.',
    hints: [
      'An org lives in one data centre: the widget script must come from its desk host (desk.zoho.com for US, desk.zoho.eu for EU, desk.zohocloud.ca for Canada …), and the Desk API and sign-in go to the same one.',
      'Copy the widget snippet again from your own Zoho Desk portal; check the address bar of Zoho Desk for your data centre.',
    ],
  },
  'proxied-script': {
    status: 'warn',
    text: 'The widget script is served from {{host}}, which is not a Zoho host; origin and domain checks may behave differently through a proxy.',
    hints: ["Load the widget from Zoho's own desk host as the official snippet does, at least while debugging."],
  },
} satisfies Record<string, MessageSpec>

type MessageId = keyof typeof messages

export default defineCheck({
  id: 'data-center',
  title: 'Widget script, auth call and Desk API in one data centre',
  severity: 'error',
  scope: 'integration',
  messages,
  run({ integration }): Outcome<MessageId> {
    if (integration === undefined) return { messageId: 'not-known' }
    const seen: Array<{ label: string; host: string; dc: string }> = []
    let proxied: string | undefined
    for (const script of integration.widgetScripts ?? []) {
      const info = classifyZohoHost(script.host)
      if (info === undefined) proxied ??= script.host
      else seen.push({ label: 'widget script', host: script.host, dc: info.dataCenter })
    }
    const authHost = integration.authCall?.host
    const authInfo = authHost === undefined ? undefined : classifyZohoHost(authHost)
    if (authHost !== undefined && authInfo !== undefined) seen.push({ label: 'remote/auth', host: authHost, dc: authInfo.dataCenter })
    const apiHost = integration.deskApiHost
    const apiInfo = apiHost === undefined ? undefined : classifyZohoHost(apiHost)
    if (apiHost !== undefined && apiInfo !== undefined) seen.push({ label: 'Desk API', host: apiHost, dc: apiInfo.dataCenter })
    const configured = integration.configured.dataCenter
    if (configured !== undefined && isDataCenterId(configured))
      seen.push({ label: 'configured dataCenter', host: DATA_CENTERS[configured].deskHost, dc: configured })
    const describe = (item: (typeof seen)[number]) =>
      item.label === 'configured dataCenter' ? `configured dataCenter "${item.dc}"` : `${item.label} ${item.host} → ${item.dc}`

    const centres = [...new Set(seen.map((item) => item.dc))]
    if (centres.length > 1) return { messageId: 'mismatch', data: { pairs: seen.map(describe) } }
    if (proxied !== undefined) return { messageId: 'proxied-script', data: { host: proxied } }
    const dataCenter = centres[0]
    if (dataCenter === undefined) return { messageId: 'not-known' }
    return { messageId: 'ok', data: { dataCenter, hosts: [...new Set(seen.map((item) => describe(item).replace(/ → \w+$/, '')))] } }
  },
})
