import type { RuleCase } from './case-types.js'

/** Valid and invalid cases of csp-nonce: the file, and the message ids the rule reports. */
export const cases: readonly RuleCase[] = [
  { name: 'placeholder', path: 'public/index.html', code: '<script>s.nonce="{place_your_nonce_value_here}"</script>', expect: ['placeholder'] },
  {
    name: 'meta CSP blocks',
    path: 'public/index.html',
    code: '<meta http-equiv="Content-Security-Policy" content="script-src \'self\'">',
    expect: ['blocks-widget'],
    tree: [{ path: 'public/help.js', code: "window.ZohoDeskAsapReady(() => window.ZohoDeskAsap.invoke('login', getToken))" }],
  },
  {
    // A tree that never loads the widget (here: a trace viewer's own CSP, as in playwright-core).
    name: 'a CSP in a tree without the widget',
    path: 'lib/server.js',
    code: "res.setHeader('Content-Security-Policy', `script-src 'nonce-${nonce}'; object-src 'none'`)\nres.setHeader('Content-Security-Policy', \"script-src 'self'\")",
    expect: [],
  },
  {
    name: 'meta CSP allows host',
    path: 'public/index.html',
    code: '<meta http-equiv="Content-Security-Policy" content="script-src \'self\' https://desk.zoho.com">',
    expect: [],
  },
  {
    name: 'static nonce',
    path: 'public/index.html',
    code: '<meta http-equiv="Content-Security-Policy" content="script-src \'nonce-abc123\'">',
    expect: ['static-nonce'],
  },
  {
    name: 'templated nonce passed',
    path: 'views/index.ejs',
    code: '<meta http-equiv="Content-Security-Policy" content="script-src \'nonce-<%= nonce %>\'">\n<script nonce="<%= nonce %>">s.nonce="<%= nonce %>"</script>',
    expect: [],
  },
  {
    name: 'weak nonce',
    path: 'server/csp.js',
    code: "app.use((req, res, next) => {\n  res.locals.nonce = crypto.randomBytes(8).toString('base64')\n  next()\n})",
    expect: ['weak-nonce'],
  },
  { name: 'nonce made once', path: 'server.js', code: "const nonce = crypto.randomBytes(16).toString('base64')", expect: ['reused-nonce'] },
  { name: 'client nonce', path: 'public/app.js', code: 'const nonce = crypto.randomUUID()', expect: ['client-nonce'] },
  {
    name: 'good per-request nonce',
    path: 'server/csp.js',
    code: "app.use((req, res, next) => {\n  res.locals.nonce = crypto.randomBytes(16).toString('base64')\n  next()\n})",
    expect: [],
  },
  {
    name: 'the placeholder named in prose is not a finding',
    path: 'src/notes.js',
    code: "const help = 'Zoho gives a s.nonce placeholder, {place_your_nonce_value_here}, replace it'",
    expect: [],
  },
  {
    name: "a component's module-level randomBytes nonce runs once per server process (server-side rendering)",
    path: 'src/components/zoho/HelpWidget.tsx',
    code: 'const crypto = require("crypto")\nconst defaultNonce = crypto.randomBytes(16).toString("base64")\nexport function HelpWidget({ nonce = defaultNonce }) {\n  useEffect(() => {\n    const s = document.createElement("script")\n    s.nonce = nonce\n    document.body.appendChild(s)\n  }, [nonce])\n}',
    expect: ['reused-nonce'],
  },
  {
    name: 'a fixed nonce handed to the widget script in a component',
    path: 'src/components/ProtectedRoute.jsx',
    code: "useEffect(() => {\n  const s = document.createElement('script')\n  s.nonce = 'Q7pLx2VtR9sK4mWb'\n  s.src = 'https://desk.zoho.com/portal/api/web/asapApp/1?orgId=2'\n  document.body.appendChild(s)\n}, [])",
    expect: ['static-nonce'],
  },
  {
    name: 'a fixed nonce attribute on the widget script tag',
    path: 'public/index.html',
    code: '<script nonce="Q7pLx2VtR9sK4mWb" src="https://desk.zoho.com/portal/api/web/asapApp/1?orgId=2" defer></script>',
    expect: ['static-nonce'],
  },
  {
    name: 'a fixed CSP nonce and the same value on the script: one finding',
    path: 'public/index.html',
    code: '<meta http-equiv="Content-Security-Policy" content="script-src \'nonce-Q7pLx2VtR9sK4mWb\'">\n<script nonce="Q7pLx2VtR9sK4mWb" src="https://desk.zoho.com/portal/api/web/asapApp/1?orgId=2"></script>',
    expect: ['static-nonce'],
  },
  {
    name: "the page's own nonce passed on is not a fixed value",
    path: 'public/index.html',
    code: '<script nonce="{{ nonce }}">var s=document.createElement("script");s.nonce=document.currentScript.nonce;s.setAttribute("nonce", window.__nonce)</script>',
    expect: [],
  },
  {
    name: 'a commented-out script tag with a fixed nonce is not loaded',
    path: 'index.html',
    code: '<div id="root"></div>\n<!-- <script nonce="Q7pLx2VtR9sK4mWb" src="https://desk.zoho.com/portal/api/web/asapApp/1?orgId=2"></script> -->',
    expect: [],
  },
]
