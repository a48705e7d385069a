import type { RuleCase } from './case-types.js'

/** Valid and invalid cases of signer-email-verified: the file, and the message ids the rule reports. */
export const cases: readonly RuleCase[] = [
  { name: 'string true', path: 'server.js', code: "jwt.sign({ email, email_verified: 'true', not_after: n }, s)", expect: ['not-true'] },
  { name: 'boolean true', path: 'server.js', code: 'jwt.sign({ email, email_verified: true, not_after: n }, s)', expect: [] },
  { name: 'minified !0', path: 'server.js', code: 'jwt.sign({ email, email_verified: !0, not_after: n }, s)', expect: [] },
  { name: 'user field', path: 'server.js', code: 'jwt.sign({ email, email_verified: user.verified, not_after: n }, s)', expect: ['not-true'] },
  { name: 'Python string', path: 'views.py', code: "payload = {'email_verified': 'true'}", expect: ['not-true'] },
  { name: 'Python True', path: 'views.py', code: "payload = {'email_verified': True}", expect: [] },
  { name: 'PHP 1', path: 'Controller.php', code: "<?php $p = ['email_verified' => 1];", expect: ['not-true'] },
  { name: 'Ruby string', path: 'asap.rb', code: "payload = { email_verified: 'true' }", expect: ['not-true'] },
]
