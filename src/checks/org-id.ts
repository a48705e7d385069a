import { defineCheck } from '../core/define-check.js'
import type { MessageSpec, Outcome } from '../core/types.js'

const SNIPPET =
  'Copy the widget snippet again from Zoho Desk (Setup → ASAP → your web add-on → code snippet): its src carries the right ?orgId=, and the JWT secret must come from that same add-on and org.'

const messages = {
  ok: { status: 'pass', text: 'One org throughout: {{sources}}.' },
  'not-known': {
    status: 'skip',
    text: 'No org id to compare: no widget script request, no remote/auth call and no --org-id.',
    hints: ['Pass --org-id (the orgId in the widget script src, ?orgId=…) or put "orgId" in asap-doctor.config.json.'],
  },
  'widget-vs-config': {
    status: 'fail',
    verdict: 'the widget belongs to org {{widgetOrgId}}, not the configured org {{configuredOrgId}}',
    text: 'The widget script loads org {{widgetOrgId}}, but the configured org is {{configuredOrgId}}.',
    hints: [SNIPPET, 'If the page is right and the config is stale, fix --org-id / "orgId".'],
  },
  'auth-id-differs': {
    status: 'warn',
    text: "The remote/auth call uses id {{authId}} while the {{otherLabel}} is {{otherId}}; Zoho's accounts path may carry an accounts-side id, so this alone is not an error.",
    hints: ['If logins fail and the ids differ, compare with a working portal of the same org, or ask Zoho which portal id {{authId}} is.'],
  },
  'desk-org-mismatch': {
    status: 'fail',
    verdict: 'the Desk API says org {{configuredOrgId}} is not the org of these credentials',
    text: 'Zoho Desk answered OAUTH_ORG_MISMATCH for org {{configuredOrgId}} ("{{message}}"): the orgId is wrong, or the API credentials asap-doctor used belong to another org or data centre.',
    hints: [
      'The orgId does not belong to the account (or data centre) of the API credentials. Check the orgId in the widget snippet and the data centre of the account (desk.zoho.com vs desk.zoho.eu …).',
      'GET https://desk.zoho.<dc>/api/v1/organizations (no orgId header) lists the orgs the credentials can reach.',
    ],
  },
  'several-widget-orgs': {
    status: 'fail',
    verdict: 'the page loads widget scripts of more than one org ({{orgIds}})',
    text: 'The session loads widget scripts of several orgs: {{orgIds}}.',
    hints: ['Keep one ASAP snippet per page; remove the stale one.'],
  },
} satisfies Record<string, MessageSpec>

type MessageId = keyof typeof messages

export default defineCheck({
  id: 'org-id',
  title: 'Widget orgId, auth call and configuration name one org',
  severity: 'error',
  scope: 'integration',
  messages,
  async run({ integration, token, users, expectEmail }): Promise<Outcome<MessageId>> {
    const configuredOrgId = integration?.configured.orgId
    const widgetOrgIds = [...new Set((integration?.widgetScripts ?? []).map((script) => script.orgId).filter((id): id is string => id !== undefined))]
    const authId = integration?.authCall?.pathId

    const claimed = token?.payload?.email
    const email = typeof claimed === 'string' ? claimed : token === undefined ? expectEmail : undefined
    if (users !== undefined && email !== undefined && configuredOrgId !== undefined) {
      // help-center-user reports a lookup that could not be made; here only Desk's org verdict matters.
      const answer = await users.lookup(email).catch(() => undefined)
      if (answer?.kind === 'org-mismatch') return { messageId: 'desk-org-mismatch', data: { configuredOrgId, message: answer.message } }
    }
    if (widgetOrgIds.length > 1) return { messageId: 'several-widget-orgs', data: { orgIds: widgetOrgIds } }
    const widgetOrgId = widgetOrgIds[0]
    if (widgetOrgId !== undefined && configuredOrgId !== undefined && widgetOrgId !== configuredOrgId) {
      return { messageId: 'widget-vs-config', data: { widgetOrgId, configuredOrgId } }
    }
    const deskOrgId = widgetOrgId ?? configuredOrgId
    if (authId !== undefined && deskOrgId !== undefined && authId !== deskOrgId) {
      return {
        messageId: 'auth-id-differs',
        data: { authId, otherId: deskOrgId, otherLabel: widgetOrgId !== undefined ? 'widget script orgId' : 'configured orgId' },
      }
    }
    const sources = [
      ...(widgetOrgId === undefined ? [] : [`widget script orgId ${widgetOrgId}`]),
      ...(authId === undefined ? [] : [`remote/auth id ${authId}`]),
      ...(configuredOrgId === undefined ? [] : [`configured orgId ${configuredOrgId}`]),
    ]
    if (sources.length === 0) return { messageId: 'not-known' }
    return { messageId: 'ok', data: { sources } }
  },
})
