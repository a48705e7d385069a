import type { RuleCase } from './case-types.js'

/** Valid and invalid cases of signer-algorithm: the file, and the message ids the rule reports. */
export const cases: readonly RuleCase[] = [
  { name: 'HS512 option', path: 'server.js', code: "jwt.sign({ email_verified: true }, s, { algorithm: 'HS512' })", expect: ['other-algorithm'] },
  { name: 'HS256 option', path: 'server.js', code: "jwt.sign({ email_verified: true }, s, { algorithm: 'HS256' })", expect: [] },
  {
    name: 'jose RS256',
    path: 'server.ts',
    code: "await new SignJWT({ email_verified: true }).setProtectedHeader({ alg: 'RS256' }).sign(k)",
    expect: ['other-algorithm'],
  },
  {
    name: 'Python HS512',
    path: 'views.py',
    code: "secret = os.environ['ZOHO_ASAP_SECRET']\njwt.encode({'email_verified': True}, s, algorithm='HS512')",
    expect: ['other-algorithm'],
  },
  {
    name: 'Go HS512',
    path: 'asap.go',
    code: 'secret := os.Getenv("ZOHO_ASAP_SECRET")\nt := jwt.NewWithClaims(jwt.SigningMethodHS512, jwt.MapClaims{"email_verified": true})',
    expect: ['other-algorithm'],
  },
  {
    name: 'Go HS256',
    path: 'asap.go',
    code: 'secret := os.Getenv("ZOHO_ASAP_SECRET")\nt := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{"email_verified": true})',
    expect: [],
  },
]
