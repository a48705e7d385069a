import { regexAllowedAfter, skipComment, skipRegex, skipString, skipTemplate } from './lexer.js'

/**
 * Rewrites JSX into plain JavaScript of the same length so acorn can parse React and Preact code:
 * an element becomes an array literal of its expression holes. `<div onClick={() => go()}>{a}</div>`
 * turns into `[          () => go() ,  a ,      ]` (attribute names, text and tags become spaces).
 * Every offset stays put, so locations reported on the result point into the original file.
 * What the rules look at (calls, callbacks, values) lives in the holes, which are kept verbatim.
 */
export function eraseJsx(text: string): string {
  const chars = text.split('')
  const eraser = new JsxEraser(text, chars)
  eraser.scanCode(0, false)
  return chars.join('')
}

class JsxEraser {
  constructor(
    private readonly text: string,
    private readonly chars: string[],
  ) {}

  /** Scans code from `i`; with `stopAtBrace`, returns at the `}` closing the current hole. */
  scanCode(start: number, stopAtBrace: boolean): number {
    const { text } = this
    let depth = 0
    let i = start
    while (i < text.length) {
      const c = text[i]
      if (c === '"' || c === "'") i = skipString(text, i)
      else if (c === '`') i = skipTemplate(text, i)
      else if (c === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) i = skipComment(text, i)
      else if (c === '/' && regexAllowedAfter(text, i)) i = skipRegex(text, i)
      else if (c === '{') {
        depth += 1
        i += 1
      } else if (c === '}') {
        if (depth === 0 && stopAtBrace) return i
        depth -= 1
        i += 1
      } else if (c === '<' && this.jsxAllowed(i)) {
        const end = this.element(i)
        i = end > i ? end : i + 1
      } else i += 1
    }
    return i
  }

  private jsxAllowed(i: number): boolean {
    const next = this.text[i + 1] ?? ''
    if (!/[A-Za-z>]/.test(next)) return false
    let j = i - 1
    while (j >= 0 && /\s/.test(this.text[j] ?? '')) j -= 1
    if (j < 0) return true
    const prev = this.text[j] ?? ''
    if (/[(,=:?&|!{[;]/.test(prev)) return true
    if (prev === '>' && this.text[j - 1] === '=') return true
    const word = /[\w$]+$/.exec(this.text.slice(Math.max(0, j - 8), j + 1))?.[0]
    return word === 'return' || word === 'default' || word === 'yield'
  }

  /** Erases the element at `i`; returns the index past it, or -1 when this is not JSX after all. */
  private element(i: number, outer?: Array<[number, number]>): number {
    const { text } = this
    let j = i + 1
    // Nested elements add their holes to the outermost element's list: one flat array literal.
    const holes: Array<[number, number]> = outer ?? []
    const done = (end: number) => (outer === undefined ? this.finish(i, end, holes) : end)
    if (text[j] === '>') {
      j += 1
    } else {
      const name = /^[A-Za-z_$][\w$.:-]*/.exec(text.slice(j, j + 200))?.[0]
      if (name === undefined) return -1
      j += name.length
      const after = /^\s*/.exec(text.slice(j, j + 50))?.[0].length ?? 0
      if (text[j + after] === ',' || text.startsWith('extends', j + after)) return -1
      // Attributes until `>` or `/>`.
      for (;;) {
        while (/\s/.test(text[j] ?? '')) j += 1
        if (j >= text.length) return -1
        if (text.startsWith('/>', j)) return done(j + 2)
        if (text[j] === '>') {
          j += 1
          break
        }
        if (text[j] === '{') {
          const end = this.hole(j, holes)
          if (end < 0) return -1
          j = end
          continue
        }
        const attr = /^[\w$:.-]+/.exec(text.slice(j, j + 200))?.[0]
        if (attr === undefined) return -1
        j += attr.length
        while (/\s/.test(text[j] ?? '')) j += 1
        if (text[j] !== '=') continue
        j += 1
        while (/\s/.test(text[j] ?? '')) j += 1
        const v = text[j]
        if (v === '"' || v === "'") j = skipString(text, j)
        else if (v === '{') {
          const end = this.hole(j, holes)
          if (end < 0) return -1
          j = end
        } else if (v === '<') {
          const end = this.element(j, holes)
          if (end < 0) return -1
          j = end
        } else return -1
      }
    }
    // Children until the closing tag.
    while (j < text.length) {
      if (text.startsWith('</', j)) {
        const close = text.indexOf('>', j)
        if (close < 0) return -1
        return done(close + 1)
      }
      const c = text[j]
      if (c === '{') {
        const end = this.hole(j, holes)
        if (end < 0) return -1
        j = end
      } else if (c === '<') {
        const end = this.element(j, holes)
        j = end > j ? end : j + 1
      } else j += 1
    }
    return -1
  }

  /** A `{…}` hole: its code is kept (and may itself hold JSX); returns the index past `}`. */
  private hole(open: number, holes: Array<[number, number]>): number {
    const close = this.scanCode(open + 1, true)
    if (close >= this.text.length) return -1
    holes.push([open, close])
    return close + 1
  }

  private finish(start: number, end: number, holes: ReadonlyArray<[number, number]>): number {
    const { chars } = this
    let cursor = start
    const blank = (from: number, to: number) => {
      for (let k = from; k < to; k += 1) if (chars[k] !== '\n') chars[k] = ' '
    }
    for (const [open, close] of holes) {
      blank(cursor, open + 1)
      // An empty hole (`{/* comment */}`) must not leave a bare comma behind.
      const inner = this.text
        .slice(open + 1, close)
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .trim()
      chars[close] = inner === '' ? ' ' : ','
      cursor = close + 1
    }
    blank(cursor, end)
    chars[start] = '['
    chars[end - 1] = ']'
    return end
  }
}
