import type { RuleCase } from './case-types.js'

/** Valid and invalid cases of signer-email-verified: the file, and the message ids the rule reports. */
export const cases: readonly RuleCase[] = [
  { name: 'string true', path: 'server.js', code: "jwt.sign({ email, email_verified: 'true', not_after: n }, s)", expect: ['not-true'] },
  { name: 'boolean true', path: 'server.js', code: 'jwt.sign({ email, email_verified: true, not_after: n }, s)', expect: [] },
  { name: 'minified !0', path: 'server.js', code: 'jwt.sign({ email, email_verified: !0, not_after: n }, s)', expect: [] },
  { name: 'user field', path: 'server.js', code: 'jwt.sign({ email, email_verified: user.verified, not_after: n }, s)', expect: ['not-true'] },
  { name: 'Python string', path: 'views.py', code: "secret = os.environ['ZOHO_ASAP_SECRET']\npayload = {'email_verified': 'true'}", expect: ['not-true'] },
  { name: 'Python True', path: 'views.py', code: "secret = os.environ['ZOHO_ASAP_SECRET']\npayload = {'email_verified': True}", expect: [] },
  { name: 'PHP 1', path: 'Controller.php', code: "<?php $secret = getenv('ZOHO_ASAP_SECRET'); $p = ['email_verified' => 1];", expect: ['not-true'] },
  { name: 'Ruby string', path: 'asap.rb', code: "secret = ENV['ZOHO_ASAP_SECRET']\npayload = { email_verified: 'true' }", expect: ['not-true'] },
  {
    name: 'Go: email_verified of an upstream OpenID Connect token in a test table (no ASAP claim or name)',
    path: 'connector/oidc/oidc_test.go',
    code: 'tests := map[string]struct{ expr string }{\n\t"email_verified": {\n\t\texpr: "identity.email_verified == true",\n\t},\n}\nclaims := map[string]any{"email_verified": user.EmailVerified}',
    expect: [],
  },
  {
    name: "an identity provider's ID token (issuer and audience, no ASAP claim) is not an ASAP token",
    path: 'src/emulator/auth/tokens.ts',
    code: "import { sign as signJwt } from 'jsonwebtoken'\nconst claims = { email: user.email, email_verified: user.emailVerified, user_id: user.localId }\nreturn signJwt(claims, 'fake-secret', { algorithm: 'none', expiresIn: 3600, issuer: 'https://securetoken.example/' + projectId, audience: projectId })",
    expect: [],
  },
  {
    name: 'jose: an ID token with setIssuer/setAudience is not an ASAP token',
    path: 'src/idp/issue.ts',
    code: "const jwt = await new SignJWT({ email: user.email, email_verified: user.verified }).setProtectedHeader({ alg: 'RS256' }).setIssuer(ISSUER).setAudience(clientId).sign(privateKey)",
    expect: [],
  },
  {
    name: 'an ASAP token that also carries an issuer is still judged',
    path: 'server/asap.js',
    code: "jwt.sign({ iss: 'shop', email, email_verified: user.verified, not_before: Date.now(), not_after: Date.now() + 300000 }, process.env.ZOHO_ASAP_SECRET)",
    expect: ['not-true'],
  },
  {
    name: 'an issuer-carrying token in a file that names the ASAP setup is still judged',
    path: 'server/help-widget.js',
    code: "// Zoho Desk ASAP login token\njwt.sign({ aud: 'desk', email, email_verified: 'true' }, secret)",
    expect: ['not-true'],
  },
]
