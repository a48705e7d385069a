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
  {
    name: 'an old inapp/ script tag inside an HTML comment is not loaded',
    path: 'index.html',
    code: '<body>\n  <div id="root"></div>\n  <!-- <script src="https://desk.zoho.com/portal/api/web/inapp/123000000000456?orgId=789" defer></script> -->\n</body>',
    expect: [],
  },
  {
    name: "a page's live inapp/ loader next to a comment is still found",
    path: 'index.html',
    code: '<!-- help widget -->\n<script src="https://desk.zoho.com/portal/api/web/inapp/123000000000456?orgId=789" defer></script>',
    expect: ['inapp-loader'],
  },
  {
    name: 'script code wrapped in <!-- //--> (old pages) is live code',
    path: 'index.php.html',
    code: '<script type="text/javascript"><!--\nvar s=document.createElement("script");s.src="https://desk.zoho.com/portal/api/web/inapp/123000000000456?orgId=789";\n//--></script>',
    expect: ['inapp-loader'],
  },
]
