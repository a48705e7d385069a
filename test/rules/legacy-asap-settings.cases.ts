import type { RuleCase } from './case-types.js'

/** Valid and invalid cases of legacy-asap-settings: the file, and the message ids the rule reports. */
export const cases: readonly RuleCase[] = [
  {
    name: '1.0 settings',
    path: 'public/index.html',
    code: '<script>window.ZohoHCAsapSettings = { userInfo: { jwtToken: t } }</script>',
    expect: ['settings-token'],
  },
  {
    name: 'inapp loader',
    path: 'public/index.html',
    code: '<script src="https://desk.zoho.com/portal/api/web/inapp/123?orgId=4"></script>',
    expect: ['inapp-loader'],
  },
  { name: '2.0', path: 'public/index.html', code: "<script>ZohoDeskAsapReady(() => ZohoDeskAsap.invoke('login', cb))</script>", expect: [] },
  {
    name: 'the settings named in prose',
    path: 'src/notes.js',
    code: "const help = 'ASAP 1.0 used window.ZohoHCAsapSettings with userInfo.jwtToken and the /portal/api/web/inapp/ loader'",
    expect: [],
  },
]
