import type { RuleCase } from './case-types.js'

/** Valid and invalid cases of signer-secret-decoded: the file, and the message ids the rule reports. */
export const cases: readonly RuleCase[] = [
  { name: 'Buffer base64', path: 'server.js', code: "jwt.sign({ email_verified: true }, Buffer.from(secret, 'base64'))", expect: ['decoded'] },
  { name: 'raw secret', path: 'server.js', code: 'jwt.sign({ email_verified: true }, process.env.ZOHO_ASAP_SECRET)', expect: [] },
  {
    name: 'Python b64decode',
    path: 'views.py',
    code: "payload = {'email_verified': True}\ntoken = jwt.encode(payload, base64.b64decode(settings.ASAP_SECRET), algorithm='HS256')",
    expect: ['decoded'],
  },
  {
    name: 'jjwt 0.9 String key',
    path: 'Asap.java',
    code: 'Jwts.builder().claim("email_verified", true).signWith(SignatureAlgorithm.HS256, asapSecret).compact();',
    expect: ['decoded'],
  },
  {
    name: 'jjwt bytes',
    path: 'Asap.java',
    code: 'Jwts.builder().claim("email_verified", true).signWith(SignatureAlgorithm.HS256, asapSecret.getBytes(StandardCharsets.UTF_8)).compact();',
    expect: [],
  },
  {
    name: 'C# FromBase64String',
    path: 'Asap.cs',
    code: 'var key = new SymmetricSecurityKey(Convert.FromBase64String(asapSecret)); // email_verified',
    expect: ['decoded'],
  },
  {
    name: 'Go hex',
    path: 'asap.go',
    code: 'secret := os.Getenv("ZOHO_ASAP_SECRET")\nclaims := jwt.MapClaims{"email_verified": true}\nkey, _ := hex.DecodeString(secret)',
    expect: ['decoded'],
  },
]
