import type { RuleCase } from './case-types.js'

/** Valid and invalid cases of csp-nonce: the file, and the message ids the rule reports. */
export const cases: readonly RuleCase[] = [
  { name: 'placeholder', path: 'public/index.html', code: '<script>s.nonce="{place_your_nonce_value_here}"</script>', expect: ['placeholder'] },
  {
    name: 'meta CSP blocks',
    path: 'public/index.html',
    code: '<meta http-equiv="Content-Security-Policy" content="script-src \'self\'">',
    expect: ['blocks-widget'],
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
]
