import { defineRule, JS_LANGUAGES, SERVER_LANGUAGES, SIGNER_TRIGGER } from './define-rule.js'
import { type PatternTable, runPatterns } from './support/patterns.js'
import { asapSignings, claim, clockUnit, signerScripts } from './support/signer-js.js'

// `iat`/`nbf` in seconds are what Zoho expects: lines about them are not findings.
const NOT_MS = /\*\s*1000|1000\s*\*|UnixMilli|toEpochMilli|ToUnixTimeMilliseconds|microtime|["'](iat|nbf)["']|\biat:|\bnbf:|IssuedAt|NotBefore\(/

/** Per-language seconds clocks, on a line that writes an ASAP time claim or a clock variable. */
export const PATTERNS: PatternTable<'seconds-clock'> = {
  python: [
    {
      messageId: 'seconds-clock',
      pattern: /\b(int\(\s*time\.time\(\)\s*\)|time\.time\(\)|(?:datetime|dt)\.\w+\([^)]*\)\.timestamp\(\)|calendar\.timegm\([^)]*\))/,
      unless: NOT_MS,
      when: /not_before|not_after|["']exp["']|\bnow\b|\biat\b|=/,
      data: () => ({ clock: 'time.time() (seconds)' }),
    },
  ],
  php: [{ messageId: 'seconds-clock', pattern: /\btime\(\)/, unless: NOT_MS, data: () => ({ clock: 'time() (seconds)' }) }],
  java: [
    {
      messageId: 'seconds-clock',
      pattern: /getEpochSecond\(\)|currentTimeMillis\(\)\s*\/\s*1000L?|toEpochMilli\(\)\s*\/\s*1000L?|getTime\(\)\s*\/\s*1000L?/,
      unless: /["'](iat|nbf)["']|IssuedAt|NotBefore\(/,
      data: () => ({ clock: 'epoch seconds' }),
    },
  ],
  kotlin: [
    {
      messageId: 'seconds-clock',
      pattern: /\.epochSecond\b|getEpochSecond\(\)|currentTimeMillis\(\)\s*\/\s*1000L?|toEpochMilli\(\)\s*\/\s*1000L?/,
      data: () => ({ clock: 'epoch seconds' }),
    },
  ],
  csharp: [{ messageId: 'seconds-clock', pattern: /ToUnixTimeSeconds\(\)/, unless: /["'](iat|nbf)["']/, data: () => ({ clock: 'ToUnixTimeSeconds()' }) }],
  go: [{ messageId: 'seconds-clock', pattern: /\.Unix\(\)/, unless: NOT_MS, data: () => ({ clock: 'time.Now().Unix() (seconds)' }) }],
  ruby: [
    { messageId: 'seconds-clock', pattern: /Time\.(?:now|current)(?:\.utc)?\.to_i\b/, unless: NOT_MS, data: () => ({ clock: 'Time.now.to_i (seconds)' }) },
  ],
}

export default defineRule({
  id: 'signer-seconds',
  title: 'ASAP time claims come from a milliseconds clock',
  severity: 'error',
  description:
    'not_before, not_after or exp is computed from a seconds clock: Date.now()/1000, Math.floor(Date.now() / 1000), time.time() without * 1000, PHP time(), Java Instant.now().getEpochSecond() or currentTimeMillis()/1000, Go time.Now().Unix(), Ruby Time.now.to_i, C# ToUnixTimeSeconds(). Zoho reads these three claims in milliseconds, so a seconds value lands in January 1970 and the token counts as expired. (nbf and iat are read in seconds: not a finding.)',
  languages: [...JS_LANGUAGES, ...SERVER_LANGUAGES],
  trigger: SIGNER_TRIGGER,
  followsUsers: true,
  messages: {
    'seconds-claim': {
      text: '{{claim}} is computed in seconds; Zoho reads {{claim}} in milliseconds (a date in January 1970).',
      hints: ['Use milliseconds: not_before: Date.now(), not_after: Date.now() + 300000.'],
    },
    'seconds-clock': {
      text: 'The ASAP token times come from {{clock}}; Zoho reads not_before, not_after and exp in milliseconds.',
      hints: [
        'Use a milliseconds clock: int(time.time() * 1000), round(microtime(true) * 1000), System.currentTimeMillis(), time.Now().UnixMilli(), (Time.now.to_f * 1000).to_i, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().',
      ],
    },
  },
  check(context) {
    runPatterns(context, PATTERNS)
    for (const { index } of signerScripts(context)) {
      for (const signing of asapSignings(index, context.file.text)) {
        for (const key of ['not_before', 'not_after', 'exp']) {
          const value = claim(signing, key)
          if (value !== undefined && clockUnit(index, value) === 'seconds')
            context.report('seconds-claim', { claim: key }, { start: value.start, end: value.end })
        }
      }
    }
  },
})
