import { blankRange, codeSkeleton } from './lexer.js'

/**
 * Blanks the common TypeScript-only syntax (annotations, `interface`/`type` declarations, `as`,
 * `satisfies`, non-null `!`, generic arguments, access modifiers) so acorn parses the rest as
 * JavaScript. Offsets are kept. It is not a TypeScript parser: what it misses (enums, overloads,
 * decorators, exotic types) makes acorn fail, and the caller then falls back to acorn-loose, which
 * recovers around the leftover. The rules only need the value-level code, which this keeps intact.
 */
export function eraseTypes(text: string): string {
  const skeleton = codeSkeleton(text)
  const chars = text.split('')
  const ranges: Array<[number, number]> = []
  declarations(skeleton, ranges)
  annotations(skeleton, ranges)
  for (const [from, to] of ranges) blankRange(chars, from, to)
  return chars.join('')
}

const WORD = /[\w$]/

function declarations(s: string, ranges: Array<[number, number]>): void {
  const declaration = /(^|[;{}\n])[ \t]*(?:export[ \t]+)?(?:declare[ \t]+)?(interface|type|declare)[ \t]+[\w$]/g
  for (const match of s.matchAll(declaration)) {
    const start = (match.index ?? 0) + (match[1]?.length ?? 0)
    const keyword = match[2]
    const name = (match.index ?? 0) + match[0].length - 1
    // `type` is also an ordinary identifier (`type = 'x'`): only `type Name … =` declares a type.
    if (keyword === 'type' && !/^[\w$]+\s*(<[^=;]*>)?\s*=(?!=)/.test(s.slice(name, name + 300))) continue
    ranges.push([start, statementEnd(s, start, keyword === 'interface')])
  }
  // `import type …` and `export type { … }` statements; `type` modifiers inside import braces.
  for (const match of s.matchAll(/(^|[;\n])[ \t]*(import|export)[ \t]+type[ \t{]/g)) {
    const start = (match.index ?? 0) + (match[1]?.length ?? 0)
    ranges.push([start, statementEnd(s, start, false)])
  }
  for (const match of s.matchAll(/([{,]\s*)type\s+(?=[\w$]+\s*(,|\}|as\b))/g)) {
    const start = (match.index ?? 0) + (match[1]?.length ?? 0)
    ranges.push([start, start + 4])
  }
}

/** End of a type-level statement: the closing brace of an interface, else `;` or a line end at depth 0. */
function statementEnd(s: string, start: number, untilBrace: boolean): number {
  let depth = 0
  for (let i = start; i < s.length; i += 1) {
    const c = s[i] ?? ''
    if (c === '{' || c === '(' || c === '[') depth += 1
    else if (c === '}' || c === ')' || c === ']') {
      depth -= 1
      if (untilBrace && depth === 0 && c === '}') return i + 1
      if (depth < 0) return i
    } else if (c === '<') depth += 1
    else if (c === '>' && s[i - 1] !== '=') depth -= 1
    else if (depth <= 0 && !untilBrace && c === ';') return i + 1
    else if (depth <= 0 && !untilBrace && c === '\n' && !/^\s*[|&=]/.test(s.slice(i + 1, i + 40))) return i
  }
  return s.length
}

interface Frame {
  readonly open: string
  readonly kind: 'class' | 'import' | 'other'
}

function annotations(s: string, ranges: Array<[number, number]>): void {
  const stack: Frame[] = []
  for (let i = 0; i < s.length; i += 1) {
    const c = s[i] ?? ''
    if (c === '(' || c === '[' || c === '{') {
      const before = s.slice(Math.max(0, i - 200), i)
      const kind = c === '{' && /\bclass\b[^{};]*$/.test(before) ? 'class' : c === '{' && /\b(import|export)\s*(type\s*)?$/.test(before) ? 'import' : 'other'
      stack.push({ open: c, kind })
      continue
    }
    if (c === ')' || c === ']' || c === '}') {
      stack.pop()
      if (c === ')' && s[nextNonSpace(s, i + 1)] === ':') {
        // A return type: only when a body or an arrow follows the type.
        const colon = nextNonSpace(s, i + 1)
        const end = skipType(s, colon + 1)
        const after = nextNonSpace(s, end)
        if (end > colon + 1 && (s[after] === '{' || s.startsWith('=>', after))) {
          ranges.push([colon, end])
          i = end - 1
        }
      }
      continue
    }
    const top = stack.at(-1)
    if (c === ':' && top !== undefined) {
      const start = annotationStart(s, i, top)
      if (start !== undefined) {
        const end = skipType(s, i + 1)
        if (end > i + 1) {
          ranges.push([start, end])
          i = end - 1
        }
      }
      continue
    }
    if (c === ':' && top === undefined && /\b(const|let|var)\s+[\w$]+\s*!?$/.test(s.slice(Math.max(0, i - 100), i))) {
      const end = skipType(s, i + 1)
      if (end > i + 1) ranges.push([s[i - 1] === '!' ? i - 1 : i, end])
      continue
    }
    if (c === '!' && /[\w$)\]]/.test(s[i - 1] ?? '') && /[.[),;:\s]/.test(s[i + 1] ?? '') && s[i + 1] !== '=') {
      ranges.push([i, i + 1])
      continue
    }
    if (c === '<' && /[=(,:]/.test(s[prevNonSpace(s, i - 1)] ?? '')) {
      // A generic arrow function: `<T,>(a: T) => a`, `<T extends X>(…)`.
      const generic = /^<\s*[\w$]+\s*(,\s*[\w$]+\s*)*,?\s*(extends[^>]*)?>(?=\s*\()/.exec(s.slice(i, i + 200))?.[0]
      if (generic !== undefined) {
        ranges.push([i, i + generic.length])
        i += generic.length - 1
        continue
      }
    }
    if (c === '<' && WORD.test(s[i - 1] ?? '')) {
      const end = angleEnd(s, i)
      if (
        end !== undefined &&
        /^\s*(\(|extends\b|implements\b|\{)/.test(s.slice(end, end + 12)) &&
        /^[\w$\s,.|&[\]{}:;?'"()<>=-]*$/.test(s.slice(i + 1, end - 1))
      ) {
        ranges.push([i, end])
        i = end - 1
      }
      continue
    }
    if ((c === 'a' || c === 's') && !WORD.test(s[i - 1] ?? '') && top?.kind !== 'import') {
      const keyword = /^(as|satisfies)\s+(?=[\w${[('"])/.exec(s.slice(i, i + 12))?.[0]
      const prev = s[prevNonSpace(s, i - 1)] ?? ''
      if (
        keyword !== undefined &&
        /[\w$)\]}'"`]/.test(prev) &&
        !/\bimport\b[^;]*$/.test(
          s
            .slice(Math.max(0, i - 120), i)
            .split('\n')
            .at(-1) ?? '',
        )
      ) {
        const end = skipType(s, i + keyword.length)
        if (end > i + keyword.length) {
          ranges.push([i, end])
          i = end - 1
        }
      }
      continue
    }
    if (/[pria]/.test(c) && !WORD.test(s[i - 1] ?? '')) {
      const modifier = /^(private|public|protected|readonly|abstract|override|declare)\s+(?=[\w$[])/.exec(s.slice(i, i + 12))?.[0]
      if (modifier !== undefined && (top?.kind === 'class' || top?.open === '(' || /abstract\s+$/.test(modifier))) ranges.push([i, i + modifier.length])
      const implementsClause = /^implements\s+[\w$.,\s<>]+?(?=\{)/.exec(s.slice(i, i + 200))?.[0]
      if (implementsClause !== undefined) ranges.push([i, i + implementsClause.length])
    }
  }
}

/** Where the annotation at the colon `i` starts (the `?` or `!` before it), or undefined when it is not one. */
function annotationStart(s: string, i: number, top: Frame): number | undefined {
  let j = prevNonSpace(s, i - 1)
  const marker = s[j] === '?' || s[j] === '!' ? j : i
  if (marker !== i) j = prevNonSpace(s, j - 1)
  const end = s[j] ?? ''
  if (top.open === '(') {
    // `(a: T`, `, b?: T`, `({ a }: Props`, `...rest: T[]`
    let k = j
    if (end === '}' || end === ']') {
      const open = matchingOpen(s, j)
      if (open === undefined) return undefined
      k = open
    } else if (WORD.test(end)) {
      while (k > 0 && WORD.test(s[k - 1] ?? '')) k -= 1
    } else return undefined
    let before = prevNonSpace(s, k - 1)
    if (s.slice(before - 2, before + 1) === '...') before = prevNonSpace(s, before - 3)
    // Constructor parameter properties: `(private readonly y: string)`.
    for (;;) {
      const modifier = /(private|public|protected|readonly|override)$/.exec(s.slice(Math.max(0, before - 9), before + 1))?.[0]
      if (modifier === undefined) break
      before = prevNonSpace(s, before - modifier.length)
    }
    return s[before] === '(' || s[before] === ',' ? marker : undefined
  }
  if (top.kind === 'class' && WORD.test(end)) {
    let k = j
    while (k > 0 && WORD.test(s[k - 1] ?? '')) k -= 1
    const before = s[prevNonSpace(s, k - 1)] ?? ''
    return before === '{' ||
      before === ';' ||
      before === '}' ||
      s.slice(k - 20, k).includes('\n') ||
      /\b(private|public|protected|readonly|static)\s*$/.test(s.slice(k - 20, k))
      ? marker
      : undefined
  }
  if (top.open === '{' && WORD.test(end)) {
    // `const x: T` inside a block.
    return /\b(const|let|var)\s+[\w$]+\s*[!?]?\s*$/.test(s.slice(Math.max(0, i - 100), i)) ? marker : undefined
  }
  return undefined
}

function matchingOpen(s: string, close: number): number | undefined {
  const closer = s[close]
  const opener = closer === '}' ? '{' : '['
  let depth = 0
  for (let k = close; k >= 0; k -= 1) {
    if (s[k] === closer) depth += 1
    else if (s[k] === opener) {
      depth -= 1
      if (depth === 0) return k
    }
  }
  return undefined
}

function nextNonSpace(s: string, i: number): number {
  let j = i
  while (j < s.length && /\s/.test(s[j] ?? '')) j += 1
  return j
}

function prevNonSpace(s: string, i: number): number {
  let j = i
  while (j >= 0 && /\s/.test(s[j] ?? '')) j -= 1
  return j
}

function balancedEnd(s: string, i: number): number {
  const open = s[i]
  const close = open === '{' ? '}' : open === '(' ? ')' : ']'
  let depth = 0
  for (let j = i; j < s.length; j += 1) {
    if (s[j] === open) depth += 1
    else if (s[j] === close) {
      depth -= 1
      if (depth === 0) return j + 1
    }
  }
  return s.length
}

function angleEnd(s: string, i: number): number | undefined {
  let depth = 0
  // Braces inside type arguments (`Promise<{ a: string; b: number }>`) may hold `;`.
  let braces = 0
  for (let j = i; j < s.length && j < i + 2000; j += 1) {
    const c = s[j]
    if (c === '{') braces += 1
    else if (c === '}') braces -= 1
    else if (c === '<') depth += 1
    else if (c === '>' && s[j - 1] !== '=') {
      depth -= 1
      if (depth === 0) return j + 1
    } else if (braces <= 0 && (c === ';' || c === ')')) return undefined
  }
  return undefined
}

/** Index past the type starting at `i` (leading spaces allowed); `i` itself when there is no type. */
export function skipType(s: string, i: number): number {
  let j = nextNonSpace(s, i)
  let end = i
  if (s[j] === '|' || s[j] === '&') j = nextNonSpace(s, j + 1)
  for (;;) {
    const word = /^(typeof|keyof|readonly|unique|infer|new|asserts)\s+/.exec(s.slice(j, j + 12))?.[0]
    if (word !== undefined) j += word.length
    const c = s[j] ?? ''
    if (c === '(') {
      j = balancedEnd(s, j)
      const arrow = nextNonSpace(s, j)
      if (s.startsWith('=>', arrow)) {
        j = skipType(s, arrow + 2)
      }
    } else if (c === '{' || c === '[') j = balancedEnd(s, j)
    else if (c === "'" || c === '"' || c === '`') {
      const close = s.indexOf(c, j + 1)
      j = close < 0 ? s.length : close + 1
    } else if (/[\w$-]/.test(c)) {
      const name = /^-?[\w$.]+/.exec(s.slice(j, j + 200))?.[0] ?? ''
      j += name.length
      if (s[j] === '<') j = angleEnd(s, j) ?? j
    } else return end
    // Postfix: `[]`, `[K]`.
    while (s[j] === '[') j = balancedEnd(s, j)
    end = j
    const next = nextNonSpace(s, j)
    if (s[next] === '|' || s[next] === '&') {
      j = nextNonSpace(s, next + 1)
      continue
    }
    const keyword = /^(is|extends)\s+/.exec(s.slice(next, next + 10))?.[0]
    if (keyword !== undefined) {
      j = next + keyword.length
      continue
    }
    if (
      s[next] === '?' &&
      s.slice(next, next + 200).includes(':') &&
      /^\?\s*[\w$'"{[(]/.test(s.slice(next, next + 5)) &&
      keyword === undefined &&
      /\bextends\b/.test(s.slice(i, next))
    ) {
      // Conditional type `A extends B ? C : D`.
      j = nextNonSpace(s, next + 1)
      continue
    }
    return end
  }
}
