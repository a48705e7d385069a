import type { Language } from './types.js'

const MARKUP: ReadonlySet<Language> = new Set<Language>(['html', 'template', 'vue', 'svelte'])

/**
 * A markup file's code skeleton with HTML comments (`<!-- … -->`) blanked as well, same offsets.
 * A snippet commented out in a page is not loaded, so it is not a finding (measured on a public Vite
 * app whose index.html keeps an old `inapp/` script tag inside a comment). `<!--` inside a `<script>`
 * element is left alone: old pages wrap live script code in it to hide it from ancient browsers.
 */
export function withoutMarkupComments(code: string, language: Language): string {
  if (!MARKUP.has(language) || !code.includes('<!--')) return code
  const lower = code.toLowerCase()
  let out = ''
  let from = 0
  let at = code.indexOf('<!--')
  while (at !== -1) {
    const end = code.indexOf('-->', at + 4)
    const close = end === -1 ? code.length : end + 3
    if (lower.lastIndexOf('<script', at) > lower.lastIndexOf('</script', at)) {
      at = code.indexOf('<!--', at + 4)
      continue
    }
    out += code.slice(from, at) + code.slice(at, close).replace(/[^\n]/g, ' ')
    from = close
    at = code.indexOf('<!--', close)
  }
  return out + code.slice(from)
}
