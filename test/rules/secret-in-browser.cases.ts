import type { RuleCase } from './case-types.js'

/** Valid and invalid cases of secret-in-browser: the file, and the message ids the rule reports. */
export const cases: readonly RuleCase[] = [
  {
    name: 'jwt.sign in a component',
    path: 'src/components/Help.jsx',
    code: "import jwt from 'jsonwebtoken'\nexport function Help() { const t = jwt.sign({ email }, key); return <div>{t}</div> }",
    expect: ['signs-in-browser'],
  },
  { name: 'secret literal in a bundle', path: 'dist/app.min.js', code: 'var a={jwtSecret:"k3Xq9ZtR2vLm8WbN5cYp1HsD7fGj4Ua6"};', expect: ['secret-literal'] },
  { name: 'public env var', path: 'src/pages/help.tsx', code: "'use client'\nconst s = process.env.NEXT_PUBLIC_ASAP_SECRET", expect: ['public-env'] },
  { name: 'HMAC with subtle', path: 'public/sign.js', code: "crypto.subtle.sign('HMAC', key, data)", expect: ['signs-in-browser'] },
  {
    name: 'server route is fine',
    path: 'app/api/asap-token/route.ts',
    code: "import jwt from 'jsonwebtoken'\nexport async function GET() { return Response.json({ token: jwt.sign({ email }, process.env.ZOHO_ASAP_SECRET!) }) }",
    expect: [],
  },
  {
    name: 'secret literal with a TypeScript annotation',
    path: 'src/components/asap.ts',
    code: "'use client'\nconst asapSecret: string | undefined = 'k3Xq9ZtR2vLm8WbN5cYp1HsD7fGj4Ua6'\nexport default asapSecret",
    expect: ['secret-literal'],
  },
  {
    name: 'secret literal assigned to a computed key',
    path: 'public/config.js',
    code: 'window.cfg = {}\nwindow.cfg["client_secret"] = "k3Xq9ZtR2vLm8WbN5cYp1HsD7fGj4Ua6"',
    expect: ['secret-literal'],
  },
  { name: 'a signing call through optional chaining', path: 'public/sign.js', code: 'const t = jwt?.sign({ email }, key)', expect: ['signs-in-browser'] },
  { name: 'CryptoJS HMAC in a page script', path: 'public/asap.js', code: 'const sig = CryptoJS.HmacSHA256(data, key)', expect: ['signs-in-browser'] },
  {
    name: 'vendor code that only mentions the words (Math.sign, an HMAC helper, a secret from a variable)',
    path: 'public/vendor.min.js',
    code: 'var q={_createHmacHelper:function(h){return h}};var d=Math.sign(x);var o={client_secret:r,ideographicsecretcircle:12953};',
    expect: [],
  },
  { name: 'placeholder literal', path: 'public/app.js', code: "const secret = 'your-secret-here-please-change'", expect: [] },
]
