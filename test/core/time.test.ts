import { describe, expect, it } from 'vitest'
import { formatDuration, formatRelative, parseInstant } from '../../src/core/time.js'

describe('time formatting', () => {
  it.each([
    [350, '350 ms'],
    [45_000, '45 s'],
    [240_000, '4 min'],
    [250_000, '4 min 10 s'],
    [3 * 3_600_000, '3 h'],
    [3 * 3_600_000 + 300_000, '3 h 5 min'],
    [12 * 86_400_000, '12 days'],
  ])('%i ms is %s', (ms, text) => expect(formatDuration(ms)).toBe(text))

  it('says in/ago', () => {
    expect(formatRelative(1_000_000 + 240_000, 1_000_000)).toBe('in 4 min')
    expect(formatRelative(1_000_000 - 3 * 3_600_000, 1_000_000)).toBe('3 h ago')
  })

  it('parses --now as ISO or epoch ms only', () => {
    expect(parseInstant('2026-11-21T06:00:00Z')).toBe(Date.parse('2026-11-21T06:00:00Z'))
    expect(parseInstant('1795240800000')).toBe(1795240800000)
    expect(parseInstant('1795240800')).toBeUndefined()
    expect(parseInstant('tomorrow')).toBeUndefined()
  })
})
