import type { RuleCase } from './case-types.js'

/** Valid and invalid cases of signer-window: the file, and the message ids the rule reports. */
export const cases: readonly RuleCase[] = [
  {
    name: '15 minutes in ms',
    path: 'server.js',
    code: 'jwt.sign({ email_verified: true, not_before: Date.now(), not_after: Date.now() + 15 * 60 * 1000 }, s)',
    expect: ['window-too-long'],
  },
  {
    name: '5 minutes in ms',
    path: 'server.js',
    code: 'jwt.sign({ email_verified: true, not_before: Date.now(), not_after: Date.now() + 5 * 60 * 1000 }, s)',
    expect: [],
  },
  { name: 'expiresIn 15m', path: 'server.js', code: "jwt.sign({ email_verified: true, not_after: n }, s, { expiresIn: '15m' })", expect: ['window-too-long'] },
  {
    name: 'Python timedelta',
    path: 'views.py',
    code: "secret = os.environ['ZOHO_ASAP_SECRET']\npayload = {'email_verified': True}\nexp = now + timedelta(minutes=15)",
    expect: ['window-too-long'],
  },
  { name: 'Python 5 min', path: 'views.py', code: "payload = {'email_verified': True, 'not_after': now + 300000}", expect: [] },
  { name: 'PHP hour', path: 'Controller.php', code: "<?php $p = ['email_verified' => true, 'not_after' => $now + 3600000];", expect: ['window-too-long'] },
  {
    name: 'Go 15 minutes',
    path: 'asap.go',
    code: 'secret := os.Getenv("ZOHO_ASAP_SECRET")\nclaims := jwt.MapClaims{"email_verified": true}\nexp := now.Add(15 * time.Minute)',
    expect: ['window-too-long'],
  },
  {
    name: 'refresh-token lifetimes of an identity provider (email_verified elsewhere in the file)',
    path: 'server/api_test.go',
    code: '// the user has email_verified set\nrefresh := RefreshToken{AbsoluteExpiry: now.Add(24 * time.Hour), IdleExpiry: now.Add(time.Hour)}',
    expect: [],
  },
  {
    name: 'a TLS certificate expiring in 90 days (not_after in a file that signs no token)',
    path: 'test/findings_rules_test.rb',
    code: "assert_empty TLSRules.call('not_after_gmt' => 'not a timestamp')\nassert_empty TLSRules.call('notAfter' => (Time.now + (90 * 86_400)).utc.iso8601)",
    expect: [],
  },
]
