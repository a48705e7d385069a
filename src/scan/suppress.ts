import type { Language } from './types.js'

export interface Suppressions {
  /** Whether a finding of this rule at this offset is suppressed by the comment on the line above. */
  covers(ruleId: string, offset: number): boolean
  /** Notes about suppression comments that were not honoured (no reason given). */
  readonly problems: readonly string[]
}

const COMMENT =
  /(?:\/\/|#|<!--|\/\*|\{\{!--|\{#|@\*)\s*asap-doctor-disable-next-line\s+([\w-]+(?:\s*,\s*[\w-]+)*)(\s+--\s*(\S[^\n]*?))?\s*(?:-->|\*\/|--\}\}|#\}|\*@)?\s*$/gm

/**
 * `// asap-doctor-disable-next-line <rule-id>[, <rule-id>] -- reason` (or `#` for Python and Ruby,
 * `<!-- … -->` in pages) suppresses those rules on the next line. A reason is required: a
 * suppression without one is ignored and noted, so every silenced finding has an explanation.
 */
export function suppressions(text: string, language: Language): Suppressions {
  if (!text.includes('asap-doctor-disable-next-line')) return { covers: () => false, problems: [] }
  const starts = lineStarts(text)
  const byLine = new Map<number, Set<string>>()
  const problems: string[] = []
  for (const match of text.matchAll(COMMENT)) {
    const marker = match[0].trimStart().slice(0, 2)
    if (marker.startsWith('#') && language !== 'python' && language !== 'ruby' && language !== 'php') continue
    const line = lineOf(starts, match.index ?? 0)
    const ids = (match[1] ?? '').split(',').map((id) => id.trim())
    if (match[3] === undefined) {
      problems.push(`line ${line}: asap-doctor-disable-next-line without a reason ("-- why") is ignored`)
      continue
    }
    byLine.set(line + 1, new Set(ids))
  }
  return {
    covers: (ruleId, offset) => byLine.get(lineOf(starts, offset))?.has(ruleId) === true,
    problems,
  }
}

export function lineStarts(text: string): number[] {
  const starts = [0]
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1)
  return starts
}

/** 1-based line of an offset. */
export function lineOf(starts: readonly number[], offset: number): number {
  let low = 0
  let high = starts.length - 1
  while (low < high) {
    const mid = (low + high + 1) >> 1
    if ((starts[mid] ?? 0) <= offset) low = mid
    else high = mid - 1
  }
  return low + 1
}
