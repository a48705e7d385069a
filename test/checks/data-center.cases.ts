import type { IntegrationFacts } from '../../src/core/types.js'
import type { CheckCases } from './cases.js'

const script = (host: string) => ({ url: `https://${host}/portal/api/web/asapApp/1?orgId=2`, host, version: '2.0' as const })
const auth = (host: string) => ({ url: `https://${host}/accounts/op/2/oauth/v2/remote/auth`, host, startedAt: 0, status: 200, outcome: 'accepted' as const })
const facts = (partial: Partial<IntegrationFacts>) => ({ integration: { configured: {}, ...partial } })

export default {
  valid: [
    {
      name: 'US script, US portal accounts, configured us',
      context: facts({ widgetScripts: [script('desk.zoho.com')], authCall: auth('accounts.zohoportal.com'), configured: { dataCenter: 'us' } }),
      messageId: 'ok',
      data: { dataCenter: 'us' },
    },
    {
      name: 'EU everywhere',
      context: facts({ widgetScripts: [script('desk.zoho.eu')], authCall: auth('accounts.zohoportal.eu'), deskApiHost: 'desk.zoho.eu' }),
      messageId: 'ok',
      data: { dataCenter: 'eu' },
    },
    {
      name: 'Canada on zohocloud.ca',
      context: facts({ widgetScripts: [script('desk.zohocloud.ca')], configured: { dataCenter: 'ca' } }),
      messageId: 'ok',
      data: { dataCenter: 'ca' },
    },
    { name: 'Australia is not zoho.com', context: facts({ widgetScripts: [script('desk.zoho.com.au')], configured: { dataCenter: 'au' } }), messageId: 'ok' },
    {
      name: 'auth call on a help-center custom domain is ignored',
      context: facts({ widgetScripts: [script('desk.zoho.com')], authCall: auth('support.example.com') }),
      messageId: 'ok',
    },
    { name: 'nothing to compare', context: facts({}), messageId: 'not-known', status: 'skip' },
  ],
  invalid: [
    { name: 'US script, EU org config', context: facts({ widgetScripts: [script('desk.zoho.com')], configured: { dataCenter: 'eu' } }), messageId: 'mismatch' },
    {
      name: 'EU script, US portal accounts',
      context: facts({ widgetScripts: [script('desk.zoho.eu')], authCall: auth('accounts.zohoportal.com') }),
      messageId: 'mismatch',
    },
    { name: 'IN script, Desk API in US', context: facts({ widgetScripts: [script('desk.zoho.in')], deskApiHost: 'desk.zoho.com' }), messageId: 'mismatch' },
    { name: 'script proxied through the site', context: facts({ widgetScripts: [script('help.example.com')] }), messageId: 'proxied-script', status: 'warn' },
  ],
} satisfies CheckCases
