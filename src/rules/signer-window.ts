import { calleeTail, child, children, property, stringValue } from '../scan/js/ast.js'
import { defineRule, JS_LANGUAGES, SERVER_LANGUAGES, SIGNER_TRIGGER } from './define-rule.js'
import { type PatternTable, runPatterns } from './support/patterns.js'
import { addedConstant, asapSignings, claim, clockUnit, durationSeconds, signerScripts } from './support/signer-js.js'

const MAX_MS = 600_000

const minutes = (group: number, factor: number) => (m: RegExpMatchArray) => {
  const value = Number((m[group] ?? '').replace(/_/g, '')) * factor
  return value > 10 ? { window: `${value} minutes`, limit: '10 minutes' } : undefined
}

/** A `+ N` added on the not_after line: milliseconds, unless the line uses a seconds clock. */
// A file whose clock is in seconds (PHP time(), Go Unix(), Ruby to_i, …) adds seconds to it.
const SECONDS_CLOCK = /\btime\(\)(?!\s*\*)|\.Unix\(\)|\.to_i\b(?!\s*\*)|getEpochSecond|\.epochSecond\b|ToUnixTimeSeconds|int\(\s*time\.time\(\)\s*\)(?!\s*\*)/
const added = (m: RegExpMatchArray, code: string) => {
  const expression = (m[1] ?? '').replace(/[_L]/g, '')
  const value = expression.split('*').reduce((product, factor) => product * Number(factor.trim()), 1)
  if (!Number.isFinite(value)) return undefined
  const seconds = SECONDS_CLOCK.test(m[0]) || (!/\*\s*1000|UnixMilli|currentTimeMillis|microtime|ToUnixTimeMilliseconds/.test(code) && SECONDS_CLOCK.test(code))
  if (seconds ? value <= 600 : value <= MAX_MS) return undefined
  return { window: seconds ? `${value} s` : `${value} ms`, limit: seconds ? '600 s' : '600000 ms' }
}

const NOT_AFTER = /(?:not_after|notAfter)["']?\s*(?:=>|:|,|=)?[^\n]*?\+\s*\(?\s*([\d_]+L?(?:\s*\*\s*[\d_]+L?)*)/

export const PATTERNS: PatternTable<'window-too-long'> = {
  python: [
    { messageId: 'window-too-long', pattern: NOT_AFTER, group: 1, data: added },
    { messageId: 'window-too-long', pattern: /timedelta\(\s*minutes\s*=\s*(\d+)\s*\)/, data: minutes(1, 1) },
    { messageId: 'window-too-long', pattern: /timedelta\(\s*hours\s*=\s*(\d+)\s*\)/, data: minutes(1, 60) },
  ],
  php: [{ messageId: 'window-too-long', pattern: NOT_AFTER, group: 1, data: added }],
  java: [
    { messageId: 'window-too-long', pattern: NOT_AFTER, group: 1, data: added },
    { messageId: 'window-too-long', pattern: /(?:plusMinutes|ofMinutes)\(\s*(\d+)L?\s*\)/, data: minutes(1, 1) },
    { messageId: 'window-too-long', pattern: /(?:plusHours|ofHours)\(\s*(\d+)L?\s*\)/, data: minutes(1, 60) },
  ],
  kotlin: [
    { messageId: 'window-too-long', pattern: NOT_AFTER, group: 1, data: added },
    { messageId: 'window-too-long', pattern: /(?:plusMinutes|ofMinutes)\(\s*(\d+)L?\s*\)/, data: minutes(1, 1) },
  ],
  csharp: [
    { messageId: 'window-too-long', pattern: NOT_AFTER, group: 1, data: added },
    { messageId: 'window-too-long', pattern: /AddMinutes\(\s*(\d+)\s*\)/, data: minutes(1, 1) },
    { messageId: 'window-too-long', pattern: /AddHours\(\s*(\d+)\s*\)/, data: minutes(1, 60) },
  ],
  go: [
    { messageId: 'window-too-long', pattern: NOT_AFTER, group: 1, data: added },
    { messageId: 'window-too-long', pattern: /(\d+)\s*\*\s*time\.Minute\b/, data: minutes(1, 1) },
    { messageId: 'window-too-long', pattern: /(\d+)\s*\*\s*time\.Hour\b/, data: minutes(1, 60) },
  ],
  ruby: [
    { messageId: 'window-too-long', pattern: NOT_AFTER, group: 1, data: added },
    { messageId: 'window-too-long', pattern: /(\d+)\.minutes?\b/, data: minutes(1, 1) },
    { messageId: 'window-too-long', pattern: /(\d+)\.hours?\b/, data: minutes(1, 60) },
  ],
}

/** not_after − not_before must not exceed 10 minutes (600000 ms). */
export default defineRule({
  id: 'signer-window',
  title: 'The ASAP token is valid for at most 10 minutes',
  severity: 'error',
  description:
    "The token's validity window is written as a literal over 600000 ms (or over 600 when the code works in seconds, such as expiresIn '15m' or timedelta(minutes=15)). Zoho: \"make sure that the duration of validity does not exceed 10 minutes\"; a longer window is rejected with general_error.",
  languages: [...JS_LANGUAGES, ...SERVER_LANGUAGES],
  trigger: SIGNER_TRIGGER,
  followsUsers: true,
  messages: {
    'window-too-long': {
      text: 'The token is valid for {{window}}; Zoho accepts at most {{limit}}.',
      hints: ["Use a window of at most 10 minutes, e.g. not_after: Date.now() + 5 * 60 * 1000 (Zoho's sample uses 5 minutes)."],
    },
  },
  check(context) {
    runPatterns(context, PATTERNS)
    for (const { index } of signerScripts(context)) {
      for (const signing of asapSignings(index, context.file.text)) {
        for (const key of ['not_after', 'exp']) {
          const value = claim(signing, key)
          const constant = addedConstant(index, value)
          if (constant === undefined) continue
          const seconds = clockUnit(index, value) === 'seconds'
          if (seconds ? constant.value > 600 : constant.value > MAX_MS) {
            context.report(
              'window-too-long',
              { window: seconds ? `${constant.value} s` : `${constant.value} ms`, limit: seconds ? '600 s' : '600000 ms' },
              { start: constant.node.start, end: constant.node.end },
            )
          }
        }
        const expiresIn = child(property(signing.options, 'expiresIn'), 'value')
        const joseExpiry = signing.chain.find((link) => link.type === 'CallExpression' && calleeTail(link) === 'setExpirationTime')
        for (const node of [expiresIn, children(joseExpiry, 'arguments')[0]]) {
          if (node === undefined) continue
          const raw = stringValue(node) ?? (node.type === 'Literal' && typeof node.value === 'number' ? node.value : undefined)
          const seconds = raw === undefined ? undefined : durationSeconds(raw)
          if (seconds !== undefined && seconds > 600)
            context.report('window-too-long', { window: `${seconds} s`, limit: '600 s' }, { start: node.start, end: node.end })
        }
      }
    }
  },
})
