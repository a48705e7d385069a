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
  { name: 'placeholder literal', path: 'public/app.js', code: "const secret = 'your-secret-here-please-change'", expect: [] },
]
