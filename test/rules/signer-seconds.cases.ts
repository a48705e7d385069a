import type { RuleCase } from './case-types.js'

/** Valid and invalid cases of signer-seconds: the file, and the message ids the rule reports. */
export const cases: readonly RuleCase[] = [
  {
    name: 'JS seconds',
    path: 'server.js',
    code: 'const now = Math.floor(Date.now() / 1000)\njwt.sign({ email, email_verified: true, not_before: now, not_after: now + 300 }, secret)',
    expect: ['seconds-claim', 'seconds-claim'],
  },
  {
    // Only the secret's binding says this signs an ASAP token: a sliced parse must keep the signer
    // that uses it (test/scan/slice.test.ts buries every case in unrelated code).
    name: 'JS seconds, ASAP only through the secret bound at the top level',
    path: 'server.js',
    code: 'const secret = process.env.ZOHO_ASAP_SECRET\nexport const mint = (user) => jwt.sign({ email: user.email, exp: Math.floor(Date.now() / 1000) + 300 }, secret)',
    expect: ['seconds-claim'],
  },
  {
    name: 'JS ms',
    path: 'server.js',
    code: 'const now = Date.now()\njwt.sign({ email, email_verified: true, not_before: now, not_after: now + 300000 }, secret)',
    expect: [],
  },
  {
    name: 'Python seconds',
    path: 'views.py',
    code: "now = int(time.time())\npayload = {'email_verified': True, 'not_before': now}",
    expect: ['seconds-clock'],
  },
  { name: 'Python ms', path: 'views.py', code: "now = int(time.time() * 1000)\npayload = {'email_verified': True, 'not_before': now}", expect: [] },
  { name: 'Python iat seconds is fine', path: 'views.py', code: "payload = {'email_verified': True, 'not_before': ms, 'iat': int(time.time())}", expect: [] },
  {
    name: 'PHP time()',
    path: 'Controller.php',
    code: "<?php $now = time(); $p = ['email_verified' => true, 'not_before' => $now];",
    expect: ['seconds-clock'],
  },
  {
    name: 'Java getEpochSecond',
    path: 'Asap.java',
    code: 'long now = Instant.now().getEpochSecond(); claims.put("not_before", now); // email_verified',
    expect: ['seconds-clock'],
  },
  { name: 'Java millis', path: 'Asap.java', code: 'long now = System.currentTimeMillis(); claims.put("not_before", now); // email_verified', expect: [] },
  { name: 'Go Unix', path: 'asap.go', code: 'now := time.Now().Unix()\nclaims := jwt.MapClaims{"not_before": now}', expect: ['seconds-clock'] },
  { name: 'Go UnixMilli', path: 'asap.go', code: 'now := time.Now().UnixMilli()\nclaims := jwt.MapClaims{"not_before": now}', expect: [] },
  {
    name: 'Ruby to_i',
    path: 'asap.rb',
    code: "now = Time.now.to_i\npayload = { not_before: now }\nJWT.encode(payload, ENV['ZOHO_ASAP_SECRET'], 'HS256')",
    expect: ['seconds-clock'],
  },
  {
    name: 'C# seconds',
    path: 'Asap.cs',
    code: 'var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds(); // not_before\nvar token = new JwtSecurityTokenHandler().WriteToken(jwt);',
    expect: ['seconds-clock'],
  },
  {
    name: "exp in seconds through the app's own signing helper",
    path: 'src/auth.ts',
    code: 'const nowMs = Date.now()\nreturn signJwtHS256({ email, email_verified: true, exp: Math.floor((nowMs + 300000) / 1000), not_before: nowMs, not_after: nowMs + 300000 }, secret)',
    expect: ['seconds-claim'],
  },
  {
    name: 'nbf and iat in seconds are fine',
    path: 'src/auth.ts',
    code: 'const nowMs = Date.now()\nreturn signJwtHS256({ email, email_verified: true, iat: Math.floor(nowMs / 1000), nbf: Math.floor(nowMs / 1000), not_before: nowMs, not_after: nowMs + 300000 }, secret)',
    expect: [],
  },
  {
    name: 'an OpenID Connect ID token (email_verified, no ASAP claim or name) is not an ASAP token',
    path: 'server/oauth2.go',
    code: 'type idTokenClaims struct {\n\tEmailVerified *bool `json:"email_verified,omitempty"`\n\tExpiry int64 `json:"exp"`\n}\nclaims := idTokenClaims{Expiry: time.Now().Add(time.Hour).Unix()}',
    expect: [],
  },
  {
    name: 'certificate validity fields (not_before/not_after) in a file that signs no token',
    path: 'acme/api/order_test.go',
    code: 'nbf := time.Now().Unix()\nassert.False(t, strings.Contains(string(data), "not_before"))\nassert.False(t, strings.Contains(string(data), "not_after"))',
    expect: [],
  },
  {
    name: 'a coupon valid for a week (not_before/not_after columns, no JWT)',
    path: 'app/Http/Controllers/CouponController.php',
    code: "<?php $user->coupon()->attach($id, ['not_before' => time(), 'not_after' => strtotime('+1 week')]);",
    expect: [],
  },
]
