import type { IntegrationFacts, UserDirectory } from '../../src/core/types.js'
import { makeToken } from '../helpers/tokens.js'
import type { CheckCases } from './cases.js'

const script = (orgId: string, host = 'desk.zoho.com') => ({
  url: `https://${host}/portal/api/web/asapApp/4213000000108007?orgId=${orgId}`,
  host,
  version: '2.0' as const,
  appId: '4213000000108007',
  orgId,
})
const auth = (pathId: string) => ({
  url: `https://accounts.zohoportal.com/accounts/op/${pathId}/oauth/v2/remote/auth`,
  host: 'accounts.zohoportal.com',
  pathId,
  startedAt: 0,
  status: 400,
  outcome: 'general_error' as const,
})
const integration = (facts: Partial<IntegrationFacts>): { integration: IntegrationFacts } => ({ integration: { configured: {}, ...facts } })
const orgMismatch: UserDirectory = {
  description: 'fake',
  lookup: async () => ({ kind: 'org-mismatch', message: 'The OAuthToken is not valid for specified organization', source: 'fake' }),
}

export default {
  valid: [
    {
      name: 'widget, auth path and config agree',
      context: integration({ widgetScripts: [script('712340056')], authCall: auth('712340056'), configured: { orgId: '712340056' } }),
      messageId: 'ok',
    },
    { name: 'only a configured org', context: integration({ configured: { orgId: '712340056' } }), messageId: 'ok' },
    { name: 'nothing known', context: integration({}), messageId: 'not-known', status: 'skip' },
  ],
  invalid: [
    {
      name: 'widget org differs from config',
      context: integration({ widgetScripts: [script('712340056')], configured: { orgId: '20111269432' } }),
      messageId: 'widget-vs-config',
      data: { widgetOrgId: '712340056', configuredOrgId: '20111269432' },
    },
    {
      name: 'auth path carries another id: only a warning',
      context: integration({ widgetScripts: [script('712340056')], authCall: auth('60012345678') }),
      messageId: 'auth-id-differs',
      status: 'warn',
      data: { authId: '60012345678', otherId: '712340056' },
    },
    {
      name: 'two widget scripts of two orgs',
      context: integration({ widgetScripts: [script('712340056'), script('902597656')] }),
      messageId: 'several-widget-orgs',
    },
    {
      name: 'Desk says OAUTH_ORG_MISMATCH',
      input: makeToken(),
      context: { ...integration({ configured: { orgId: '712340056' } }), users: orgMismatch },
      messageId: 'desk-org-mismatch',
    },
  ],
} satisfies CheckCases
