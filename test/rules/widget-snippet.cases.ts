import type { RuleCase } from './case-types.js'

/** Valid and invalid cases of widget-snippet: the file, and the message ids the rule reports. */
export const cases: readonly RuleCase[] = [
  {
    name: 'loader found (note)',
    path: 'public/index.html',
    code: '<script>s.src="https://desk.zoho.eu/portal/api/web/asapApp/202686000000628009?orgId=20111269432"</script>',
    expect: ['found'],
  },
  {
    name: 'orgId differs from the config',
    path: 'public/index.html',
    code: '<script>s.src="https://desk.zoho.eu/portal/api/web/asapApp/202686000000628009?orgId=20111269432"</script>',
    expect: ['found', 'org-mismatch'],
    config: { orgId: '712340056' },
  },
  {
    name: 'data centre differs',
    path: 'src/widget.js',
    code: 'const src = "https://desk.zoho.com/portal/api/web/asapApp/1197915000000522199?orgId=902597656"',
    expect: ['found', 'dc-mismatch'],
    config: { dataCenter: 'eu' },
  },
  {
    name: 'proxied loader',
    path: 'public/index.html',
    code: '<script src="https://help.example.com/portal/api/web/asapApp/1?orgId=2"></script>',
    expect: ['not-zoho-host'],
  },
  { name: 'no loader', path: 'public/index.html', code: '<p>hello</p>', expect: [] },
  {
    name: "the snippet's script element loaded from the page's own origin (a proxy of the loader)",
    path: 'public/bootstrap.js',
    code: "const origin = document.currentScript ? new URL(document.currentScript.src).origin : location.origin\nconst loaderUrl = `${origin}/zoho-asap.js`\nconst s = document.createElement('script')\ns.id = 'zohodeskasapscript'\ns.src = loaderUrl\ndocument.head.appendChild(s)",
    expect: ['not-zoho-host'],
  },
  {
    name: "the snippet's script element with its src from configuration says nothing",
    path: 'public/bootstrap.js',
    code: "const s = document.createElement('script')\ns.id = 'zohodeskasapscript'\ns.src = window.HELP_WIDGET_URL\ndocument.head.appendChild(s)",
    expect: [],
  },
  {
    name: "the snippet's script element on a Zoho host built from parts",
    path: 'public/bootstrap.js',
    code: "const s = document.createElement('script')\ns.id = 'zohodeskasapscript'\ns.src = portal + '/portal/api/web/asapApp/' + appId + '?orgId=' + orgId\ndocument.head.appendChild(s)",
    expect: [],
  },
]
