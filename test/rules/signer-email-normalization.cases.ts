import type { RuleCase } from './case-types.js'

/** Valid and invalid cases of signer-email-normalization: the file, and the message ids the rule reports. */
export const cases: readonly RuleCase[] = [
  { name: 'raw field', path: 'server.js', code: 'jwt.sign({ email: user.email, email_verified: true }, s)', expect: ['not-normalized'] },
  { name: 'trim and lower', path: 'server.js', code: 'jwt.sign({ email: user.email.trim().toLowerCase(), email_verified: true }, s)', expect: [] },
  { name: 'only lower', path: 'server.js', code: 'jwt.sign({ email: user.email.toLowerCase(), email_verified: true }, s)', expect: ['not-normalized'] },
  { name: 'a helper', path: 'server.js', code: 'jwt.sign({ email: normalizeEmail(user.email), email_verified: true }, s)', expect: [] },
  {
    name: 'Python raw',
    path: 'views.py',
    code: "secret = os.environ['ZOHO_ASAP_SECRET']\npayload = {'email': request.user.email, 'email_verified': True}",
    expect: ['not-normalized'],
  },
  {
    name: 'Python normalised',
    path: 'views.py',
    code: "secret = os.environ['ZOHO_ASAP_SECRET']\npayload = {'email': request.user.email.strip().lower(), 'email_verified': True}",
    expect: [],
  },
  {
    name: "an identity provider's ID token (issuer option) is not an ASAP token",
    path: 'src/emulator/auth/tokens.ts',
    code: "import { sign as signJwt } from 'jsonwebtoken'\nreturn signJwt({ email: user.email, email_verified: user.emailVerified }, 'fake-secret', { algorithm: 'none', issuer: iss, audience: projectId })",
    expect: [],
  },
]
