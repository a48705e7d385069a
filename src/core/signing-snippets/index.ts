import csharp from './csharp.js'
import go from './go.js'
import java from './java.js'
import node from './node.js'
import php from './php.js'
import python from './python.js'
import ruby from './ruby.js'

/**
 * Known-good ASAP signers, one per backend language, on that ecosystem's usual JWT library: raw
 * UTF-8 secret, HS256, times in milliseconds, a 5-minute window, the email trimmed and lower-cased,
 * and no library expiry option (they all write seconds). `asap-doctor sign --code LANG` prints one;
 * the failing checks' hints point there.
 */
export const SIGNING_SNIPPETS = { node, python, php, java, csharp, go, ruby } as const

export type SnippetLanguage = keyof typeof SIGNING_SNIPPETS

export const SNIPPET_LANGUAGES: readonly string[] = Object.keys(SIGNING_SNIPPETS)

export function isSnippetLanguage(name: string): name is SnippetLanguage {
  return Object.hasOwn(SIGNING_SNIPPETS, name)
}
