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
    code: 'secret := os.Getenv("ZOHO_ASAP_SECRET")\nclaims := jwt.MapClaims{"email_verified": true}\nkey := []byte("k3Xq9ZtR2vLm8WbN5cYp1HsD7fGj4Ua6")',
    expect: ['literal-secret'],
  },
  {
    name: 'a password hash in an identity-provider test (email_verified claim, no ASAP name)',
    path: 'server/api_test.go',
    code: 'p := Password{Email: "a@b.example", Hash: []byte("$2a$10$XVMN/Fid.Ks4CXgzo8fpR.iU1khOMsP5g9xQeXuBm1wXjRX8pjUtO")}\nclaims := map[string]any{"email_verified": true}',
    expect: [],
  },
]
