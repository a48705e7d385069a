import type { RuleCase } from './case-types.js'

/** Valid and invalid cases of signer-expires-in: the file, and the message ids the rule reports. */
export const cases: readonly RuleCase[] = [
  {
    name: 'jsonwebtoken expiresIn',
    path: 'server.js',
    code: "jwt.sign({ email, email_verified: true, not_after: n }, secret, { expiresIn: '5m' })",
    expect: ['library-exp'],
  },
  { name: 'no expiresIn', path: 'server.js', code: "jwt.sign({ email, email_verified: true, not_after: n }, secret, { algorithm: 'HS256' })", expect: [] },
  { name: 'app session token untouched', path: 'server.js', code: "jwt.sign({ sub: user.id }, process.env.SESSION_SECRET, { expiresIn: '7d' })", expect: [] },
  {
    name: 'jose',
    path: 'server.ts',
    code: "await new SignJWT({ email_verified: true, not_after: n }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('5m').sign(key)",
    expect: ['library-exp'],
  },
  {
    name: 'PyJWT exp datetime',
    path: 'views.py',
    code: "secret = os.environ['ZOHO_ASAP_SECRET']\npayload = {'email_verified': True, 'exp': datetime.utcnow() + timedelta(minutes=5)}",
    expect: ['library-exp'],
  },
  {
    name: 'jjwt setExpiration',
    path: 'Asap.java',
    code: 'String secret = System.getenv("ZOHO_ASAP_SECRET");\nJwts.builder().claim("email_verified", true).setExpiration(new Date(now + 300000))',
    expect: ['library-exp'],
  },
  {
    name: 'C# Expires',
    path: 'Asap.cs',
    code: 'var secret = Environment.GetEnvironmentVariable("ZOHO_ASAP_SECRET");\nvar d = new SecurityTokenDescriptor { Expires = DateTime.UtcNow.AddMinutes(5) }; // email_verified',
    expect: ['library-exp'],
  },
]
