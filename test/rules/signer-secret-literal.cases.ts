import type { RuleCase } from './case-types.js'

/** Valid and invalid cases of signer-secret-literal: the file, and the message ids the rule reports. */
export const cases: readonly RuleCase[] = [
  {
    name: 'literal at the call',
    path: 'server.js',
    code: "jwt.sign({ email_verified: true }, 'k3Xq9ZtR2vLm8WbN5cYp1HsD7fGj4Ua6')",
    expect: ['literal-secret'],
  },
  { name: 'environment', path: 'server.js', code: 'jwt.sign({ email_verified: true }, process.env.ZOHO_ASAP_SECRET)', expect: [] },
  {
    name: 'Python named',
    path: 'settings.py',
    code: "ZOHO_ASAP_SECRET = 'k3Xq9ZtR2vLm8WbN5cYp1HsD7fGj4Ua6'\n# builds email_verified claims",
    expect: ['literal-secret'],
  },
  { name: 'Python env', path: 'settings.py', code: "ZOHO_ASAP_SECRET = os.environ['ZOHO_ASAP_SECRET']\n# email_verified", expect: [] },
  {
    name: 'Go byte literal',
    path: 'asap.go',
    code: 'claims := jwt.MapClaims{"email_verified": true}\nkey := []byte("k3Xq9ZtR2vLm8WbN5cYp1HsD7fGj4Ua6")',
    expect: ['literal-secret'],
  },
]
