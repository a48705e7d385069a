/**
 * A small JavaScript-aware scanner that knows where strings, comments, template literals and
 * regular expressions are. The type and JSX erasers use it so that a `:` or `<` inside a string
 * is never mistaken for syntax. Every function here keeps offsets: erased text becomes spaces and
 * newlines stay where they were, so a node's `start` in the erased text is its offset in the file.
 */

/** Index just past the string literal that starts at `i` (a quote character). */
export function skipString(text: string, i: number): number {
  const quote = text[i]
  let j = i + 1
  while (j < text.length) {
    const c = text[j]
    if (c === '\\') j += 2
    else if (c === quote) return j + 1
    else if (c === '\n' && quote !== '`') return j
    else j += 1
  }
  return j
}

/** Index just past a template literal starting at `i` (a backtick), `${…}` holes included. */
export function skipTemplate(text: string, i: number): number {
  let j = i + 1
  while (j < text.length) {
    const c = text[j]
    if (c === '\\') j += 2
    else if (c === '`') return j + 1
    else if (c === '$' && text[j + 1] === '{') j = skipBalanced(text, j + 1)
    else j += 1
  }
  return j
}

/** Index just past the comment at `i` (`//` or a block comment), or `i` when there is none. */
export function skipComment(text: string, i: number): number {
  if (text[i] !== '/') return i
  if (text[i + 1] === '/') {
    const end = text.indexOf('\n', i)
    return end === -1 ? text.length : end
  }
  if (text[i + 1] === '*') {
    const end = text.indexOf('*/', i + 2)
    return end === -1 ? text.length : end + 2
  }
  return i
}

/** The characters after which a `/` starts a regular expression, not a division. */
export const REGEX_AFTER_PUNCTUATION = '(,=:[!&|?{};+-*%<>~^'

/** Whether a `/` at this point starts a regular expression (after an operator or keyword), not a division. */
export function regexAllowedAfter(text: string, i: number): boolean {
  let j = i - 1
  while (j >= 0 && /\s/.test(text[j] ?? '')) j -= 1
  if (j < 0) return true
  const c = text[j] ?? ''
  if (REGEX_AFTER_PUNCTUATION.includes(c)) return true
  const word = /[\w$]+$/.exec(text.slice(Math.max(0, j - 10), j + 1))?.[0]
  return word === 'return' || word === 'typeof' || word === 'case' || word === 'in' || word === 'of'
}

export function skipRegex(text: string, i: number): number {
  let j = i + 1
  let inClass = false
  while (j < text.length) {
    const c = text[j]
    if (c === '\\') j += 2
    else if (c === '\n') return j
    else if (inClass) {
      if (c === ']') inClass = false
      j += 1
    } else if (c === '[') {
      inClass = true
      j += 1
    } else if (c === '/') {
      j += 1
      while (/[a-z]/i.test(text[j] ?? '')) j += 1
      return j
    } else j += 1
  }
  return j
}

/** Index just past the bracket group opening at `i` (`{`, `(`, `[`), skipping strings and comments inside. */
export function skipBalanced(text: string, i: number): number {
  const open = text[i]
  const close = open === '{' ? '}' : open === '(' ? ')' : ']'
  let depth = 0
  let j = i
  while (j < text.length) {
    const c = text[j]
    if (c === '"' || c === "'") j = skipString(text, j)
    else if (c === '`') j = skipTemplate(text, j)
    else if (c === '/' && (text[j + 1] === '/' || text[j + 1] === '*')) j = skipComment(text, j)
    else {
      if (c === open) depth += 1
      else if (c === close) {
        depth -= 1
        if (depth === 0) return j + 1
      }
      j += 1
    }
  }
  return j
}

/**
 * The text with the contents of strings, template literals and comments replaced by spaces
 * (quotes kept), so that patterns over the result only ever match code.
 */
export function codeSkeleton(text: string): string {
  const out = text.split('')
  let i = 0
  const blank = (from: number, to: number) => {
    for (let k = from; k < to && k < out.length; k += 1) if (out[k] !== '\n') out[k] = ' '
  }
  while (i < text.length) {
    const c = text[i]
    if (c === '"' || c === "'") {
      const end = skipString(text, i)
      blank(i + 1, end - 1)
      i = end
    } else if (c === '`') {
      const end = skipTemplate(text, i)
      blank(i + 1, end - 1)
      i = end
    } else if (c === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) {
      const end = skipComment(text, i)
      blank(i, end)
      i = end
    } else if (c === '/' && regexAllowedAfter(text, i)) {
      const end = skipRegex(text, i)
      blank(i + 1, end - 1)
      i = end
    } else i += 1
  }
  return out.join('')
}

/** Replaces `[from, to)` by spaces in a character array, keeping newlines. */
export function blankRange(chars: string[], from: number, to: number): void {
  for (let k = from; k < to && k < chars.length; k += 1) if (chars[k] !== '\n') chars[k] = ' '
}
