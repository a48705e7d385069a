import { maskUrl } from '../core/token/mask-token.js'
import { isMinified } from './classify.js'
import type { SourceFile } from './types.js'

/** At most this many scripts are fetched from one page (a page that loads more is unusual; the rest is named). */
export const MAX_SCRIPTS = 50

/** Largest response read, page or script: the same limit as a file of a scanned tree. */
export const MAX_RESPONSE_BYTES = 20 * 1024 * 1024

/** The scripts a page loads, split by whether `scan --url` fetches them. */
export interface PageScripts {
  /** Same origin as the page (scheme, host and port), in page order, without duplicates, capped. */
  readonly fetch: readonly string[]
  /** Other origins (a CDN, the widget itself): never fetched, only counted. */
  readonly crossOrigin: readonly string[]
  /** Same-origin scripts past {@link MAX_SCRIPTS}. */
  readonly overCap: readonly string[]
}

/**
 * The external scripts of a page as the browser resolves them: every `<script src>` and every
 * `<link rel="modulepreload">` / `<link rel="preload" as="script">` (absolute, root-relative,
 * relative, protocol-relative), against `<base href>` when the page has one, split into the page's
 * own origin and the rest. Inline scripts are part of the page and scanned with it. Scripts whose
 * type is not JavaScript (JSON data blocks, templates) are left out: the browser does not run them.
 */
export function pageScripts(html: string, pageUrl: string): PageScripts {
  const page = new URL(pageUrl)
  const markup = withoutComments(html)
  const baseHref = /<base\b[^>]*\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(markup)
  const base = resolveOrUndefined(decodeEntities(baseHref?.[1] ?? baseHref?.[2] ?? baseHref?.[3] ?? ''), page.href) ?? page.href
  const urls: string[] = []
  for (const match of markup.matchAll(/<(script|link)\b([^>]*)>/gi)) {
    const attributes = match[2] ?? ''
    let ref: string | undefined
    if ((match[1] ?? '').toLowerCase() === 'script') {
      const type = attribute(attributes, 'type')?.trim().toLowerCase()
      if (type !== undefined && type !== '' && !/^(?:module|text\/javascript|application\/javascript|text\/ecmascript|application\/ecmascript)$/.test(type))
        continue
      ref = attribute(attributes, 'src')
    } else {
      const rel = ` ${attribute(attributes, 'rel')?.toLowerCase() ?? ''} `
      const as = attribute(attributes, 'as')?.trim().toLowerCase()
      if (rel.includes(' modulepreload ') || (rel.includes(' preload ') && as === 'script')) ref = attribute(attributes, 'href')
    }
    const url = ref === undefined ? undefined : resolveOrUndefined(ref.trim(), base)
    if (url !== undefined) urls.push(url)
  }
  return splitByOrigin(urls, page.origin, MAX_SCRIPTS)
}

/**
 * The modules a fetched script imports with a path the browser can resolve without an import map:
 * `import "./a.js"`, `import x from "../b.mjs"`, `export * from "/c.js"`, `import("./chunk-4f2a.js")`
 * (how Vite, Rollup and esbuild split a bundle). Resolved against the script's URL, in text order.
 * Bare package names and computed `import(x)` are left out; so are webpack chunks, whose URLs are
 * computed at run time.
 */
export function scriptImports(js: string, scriptUrl: string): string[] {
  const out: string[] = []
  const pattern = /\bimport\s*\(\s*(["'`])([^"'`\n]+)\1\s*\)|\b(?:import|export)\b[^;"'`()]*?\bfrom\s*(["'])([^"'\n]+)\3|\bimport\s*(["'])([^"'\n]+)\5/g
  for (const match of js.matchAll(pattern)) {
    const specifier = match[2] ?? match[4] ?? match[6] ?? ''
    if (!/^(?:\.{1,2}\/|\/(?!\/)|https?:\/\/)/.test(specifier) || !/\.m?js(?:\?[^#]*)?$/.test(specifier)) continue
    const url = resolveOrUndefined(specifier, scriptUrl)
    if (url !== undefined) out.push(url)
  }
  return out
}

/** URLs split by origin, without duplicates, at most `cap` of the origin's own. */
export function splitByOrigin(urls: readonly string[], origin: string, cap: number): PageScripts {
  const fetch: string[] = []
  const crossOrigin: string[] = []
  const overCap: string[] = []
  for (const url of new Set(urls)) {
    if (new URL(url).origin !== origin) crossOrigin.push(url)
    else if (fetch.length < cap) fetch.push(url)
    else overCap.push(url)
  }
  return { fetch, crossOrigin, overCap }
}

/** The page as the scanner reads it: an HTML file shipped to the browser, named by its (masked) URL. */
export function pageSource(url: string, text: string): SourceFile {
  const path = displayUrl(url)
  return { path, text, language: 'html', side: 'browser', minified: isMinified(path, text), served: true }
}

/** A fetched script: JavaScript that runs in the browser, whatever its URL ends with. */
export function scriptSource(url: string, text: string): SourceFile {
  const path = displayUrl(url)
  return { path, text, language: 'javascript', side: 'browser', minified: isMinified(path, text), served: true }
}

/**
 * The page response's `Content-Security-Policy` headers as a file of their own (`http-headers`),
 * one `content-security-policy: <policy>` line per policy, so csp-nonce reports on a line like any
 * other finding. Only the policy headers go in: cookies and the rest of the headers are none of the
 * scan's business and must not reach a report. `reloadNonces`: the nonces a second load of the page
 * carried, so a nonce that never changes is found. Undefined when the response has no policy.
 */
export function headerSource(url: string, headers: Readonly<Record<string, string>>, reloadNonces?: readonly string[]): SourceFile | undefined {
  const value = headers['content-security-policy']
  if (value === undefined || value.trim() === '') return undefined
  // Repeated headers arrive joined with ", "; a comma also separates policies inside one header
  // (CSP 3, section 3.1), and source expressions never contain one. Each policy is enforced.
  const lines = value
    .split(',')
    .map((policy) => policy.trim())
    .filter((policy) => policy !== '')
    .map((policy) => `content-security-policy: ${policy}`)
  if (lines.length === 0) return undefined
  return {
    path: `${displayUrl(url)} (response headers)`,
    text: `${lines.join('\n')}\n`,
    language: 'http-headers',
    side: 'browser',
    minified: false,
    served: true,
    ...(reloadNonces === undefined ? {} : { reloadNonces }),
  }
}

/** The nonce values of a policy text (`'nonce-abc'` → `abc`). */
export function cspNonces(policy: string): string[] {
  return [...policy.matchAll(/'nonce-([A-Za-z0-9+/_=-]+)'/g)].map((match) => match[1] ?? '').filter((nonce) => nonce !== '')
}

/**
 * Whether the fetched page hands the widget script a nonce its CSP (header or meta tag) carries. A
 * served page shows the nonce as a literal (`s.nonce="r4nd0m"`, `<script nonce="r4nd0m" src="…asapApp…">`),
 * which the tree scan cannot tell from a hard-coded one; here the policy says which value is real.
 */
export function passesServedNonce(html: string, headers: Readonly<Record<string, string>>): boolean {
  const metas = [...html.matchAll(/<meta\b[^>]*http-equiv\s*=\s*["']?content-security-policy["']?[^>]*>/gi)].map((match) => match[0])
  const nonces = [...cspNonces(headers['content-security-policy'] ?? ''), ...metas.flatMap((meta) => cspNonces(decodeEntities(meta)))]
  return nonces.some((nonce) => {
    const value = escapeRegExp(nonce)
    const assigned = new RegExp(`\\.nonce\\s*=\\s*["'\`]${value}["'\`]|setAttribute\\(\\s*["']nonce["']\\s*,\\s*["']${value}["']`)
    const onLoaderTag = new RegExp(`<script\\b(?=[^>]*\\bnonce\\s*=\\s*["']?${value}["'\\s>])(?=[^>]*\\bsrc\\s*=[^>]*asapApp)[^>]*>`, 'i')
    return assigned.test(html) || onLoaderTag.test(html)
  })
}

/** A URL as reports show it: user info and query values that look like credentials masked (maskUrl), no fragment. */
export function displayUrl(url: string): string {
  const hash = url.indexOf('#')
  const bare = hash < 0 ? url : url.slice(0, hash)
  return maskUrl(bare.replace(/^(https?:\/\/)[^/?#]*@/i, '$1***@'))
}

/** Same scheme, host and port. */
export function sameOrigin(a: string, b: string): boolean {
  const left = resolveOrUndefined(a, a)
  const right = resolveOrUndefined(b, b)
  return left !== undefined && right !== undefined && new URL(left).origin === new URL(right).origin
}

/** An absolute http(s) URL for `ref` against `base`, or undefined (data:, javascript:, junk). */
function resolveOrUndefined(ref: string, base: string): string | undefined {
  if (ref === '') return undefined
  try {
    const url = new URL(ref, base)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined
  } catch {
    return undefined
  }
}

function attribute(attributes: string, name: string): string | undefined {
  const match = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(attributes)
  if (match === null) return undefined
  return decodeEntities(match[1] ?? match[2] ?? match[3] ?? '')
}

/** The few entities that show up in attribute URLs (`&amp;` between query parameters). */
function decodeEntities(text: string): string {
  return text.replace(/&(amp|quot|apos|lt|gt|#39|#x27);/gi, (_, name: string) => {
    const lower = name.toLowerCase()
    return lower === 'amp' ? '&' : lower === 'quot' ? '"' : lower === 'lt' ? '<' : lower === 'gt' ? '>' : "'"
  })
}

/** HTML comments blanked: a commented-out `<script src>` is not loaded. */
function withoutComments(html: string): string {
  return html.replace(/<!--[\s\S]*?-->/g, (comment) => ' '.repeat(comment.length))
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
}
