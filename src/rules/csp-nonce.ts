import type { Span } from '../scan/types.js'
import { ALL_LANGUAGES, defineRule } from './define-rule.js'

const PLACEHOLDER = '{place_your_nonce_value_here}'
const WIDGET_SOURCE = /^(\*|https:|(https:\/\/)?(\*\.|desk\.)zoho\.[a-z.]+|(https:\/\/)?(\*\.|desk\.)zohocloud\.ca|(https:\/\/)?desk\.zoho\.\*)\/?$/i
const TEMPLATED = /<%|\{\{|\{%|\$\{|@\w|["'`]\s*\+|\+\s*["'`]|%s|\{\w+\}|#\{|per-request/

/** Where the snippet is written: page scripts, components and templates. */
const PAGE_LANGUAGES: ReadonlySet<string> = new Set(['javascript', 'typescript', 'html', 'vue', 'svelte', 'template'])
// `s.nonce = "…"`, `setAttribute('nonce', '…')`, `<script … nonce="…">`, JSX `<Script nonce="…">`: a quoted value.
const LITERAL_NONCE = /(?:\.nonce\s*=|\bsetAttribute\(\s*["']nonce["']\s*,|<script\b[^>]*?\snonce\s*=)\s*(["'])([^"'\n]*)\1/gi

/** Minimum nonce size: Zoho's nonce page uses crypto.randomBytes(16), 128 bits. */
const MIN_BYTES = 16

// Random-source calls per language whose argument is a byte count: `crypto.randomBytes(8)`,
// `secrets.token_urlsafe(8)`, `random_bytes(8)`, `SecureRandom.hex(8)`, `new byte[8]`, `make([]byte, 8)`.
const BYTE_SOURCES =
  /\b(?:randomBytes|token_urlsafe|token_hex|token_bytes|random_bytes|openssl_random_pseudo_bytes|SecureRandom\.(?:hex|base64|urlsafe_base64|random_bytes)|GetBytes|RandomNumberGenerator\.GetBytes)\(\s*(\d+)\s*\)|\bnew\s+byte\s*\[\s*(\d+)\s*\]|\bByteArray\(\s*(\d+)\s*\)|\bmake\(\s*\[\]byte\s*,\s*(\d+)\s*\)/g

/**
 * The widget script must be allowed by the page's Content-Security-Policy: by host, or by a
 * nonce that the snippet passes on (`s.nonce = …`). Also: the snippet's nonce placeholder left
 * in, nonces made in browser code, made once per process, or with fewer than 128 random bits.
 */
export default defineRule({
  id: 'csp-nonce',
  title: 'The CSP lets the widget load, with a proper nonce',
  severity: 'error',
  description:
    "A Content-Security-Policy whose script-src (or default-src when there is no script-src) neither allows the widget host (desk.zoho.<tld>) nor carries a nonce that the snippet passes to the widget script (meta tag, a header set in server code, or the page's response header with scan --url); the stock placeholder {place_your_nonce_value_here} left in the snippet; a nonce generated in browser code, generated once and reused across page loads, or with less than 128 bits of randomness (Zoho's nonce page uses crypto.randomBytes(16)). The browser then blocks the widget script, or the nonce protects nothing.",
  languages: [...ALL_LANGUAGES, 'http-headers'],
  trigger: /nonce|Nonce|NONCE|Content-Security-Policy|content-security-policy|contentSecurityPolicy|ContentSecurityPolicy/,
  messages: {
    placeholder: {
      text: 'The snippet still sets the nonce to the placeholder {place_your_nonce_value_here}.',
      hints: ['Set s.nonce to the per-request nonce your server puts in the CSP header (or remove the line if you use no CSP nonce).'],
    },
    'blocks-widget': {
      text: 'This Content-Security-Policy {{directive}} allows neither the widget host nor a nonce that reaches the snippet: the browser blocks the ASAP script.',
      hints: [
        "Add your widget host (https://desk.zoho.com, https://desk.zoho.eu, …, as in the snippet's src) and the Zoho static hosts to {{directive}}, or send 'nonce-<per-request value>' and set s.nonce to the same value in the snippet.",
      ],
    },
    'static-nonce': {
      text: 'The CSP nonce is a fixed value written in the code, the same on every page load.',
      hints: ['Generate the nonce per request on the server: crypto.randomBytes(16).toString("base64").'],
    },
    'reused-nonce': {
      text: 'The nonce {{name}} is generated once, at start-up, and reused for every page load.',
      hints: ['Generate it inside the request handler (or middleware), once per response.'],
    },
    'client-nonce': {
      text: 'The nonce is generated in browser code, where an attacker can read or predict it.',
      hints: ['Generate the nonce on the server per response and render it into the page and the CSP header.'],
    },
    'weak-nonce': {
      text: 'The nonce has {{bits}} bits of randomness; Zoho and the CSP spec ask for at least 128 (16 random bytes).',
      hints: ['Use 16 random bytes: crypto.randomBytes(16), secrets.token_urlsafe(16), random_bytes(16), new byte[16] with SecureRandom.'],
    },
  },
  check(context) {
    const { file } = context
    // `scan --url`: the page's response headers, one policy a line. A nonce in a header is the value
    // of this one response; it is "static" only when a second load of the page sent it again.
    // Whether the page passes it on is decided over the fetched page (unlessNoncePassed).
    if (file.language === 'http-headers') {
      for (const policy of headerPolicies(file.text)) {
        const blocked = blocksWidget(policy)
        if (blocked === undefined) continue
        const value = blocked.nonce?.replace(/^'?nonce-|'$/gi, '')
        if (value === undefined) context.report('blocks-widget', { directive: blocked.directive, ifWidgetUsed: true }, policy.span)
        else if (file.reloadNonces?.includes(value) === true) context.report('static-nonce', {}, policy.span)
        else context.report('blocks-widget', { directive: blocked.directive, ifWidgetUsed: true, unlessNoncePassed: true }, policy.span)
      }
      return
    }
    const text = context.code
    // The placeholder set as a nonce (`s.nonce="{…}"`, `nonce="{…}"`), not merely mentioned in prose.
    for (const match of text.matchAll(/\bnonce["']?\s*[=:]\s*\\?["'`]?\{place_your_nonce_value_here\}/gi)) {
      const at = (match.index ?? 0) + match[0].indexOf(PLACEHOLDER)
      context.report('placeholder', {}, { start: at, end: at + PLACEHOLDER.length })
    }
    let staticPolicy = false
    for (const policy of policies(text)) {
      const blocked = blocksWidget(policy)
      if (blocked === undefined) continue
      // "Blocks the widget" only where the tree uses the widget (decided over the tree: ifWidgetUsed).
      const data = { directive: blocked.directive, ifWidgetUsed: true }
      if (blocked.nonce === undefined) context.report('blocks-widget', data, policy.span)
      // A served page shows its per-response nonce as a literal: not a sign of a fixed one.
      else if (!TEMPLATED.test(blocked.nonce) && !policy.templated && file.served !== true) {
        staticPolicy = true
        context.report('static-nonce', {}, policy.span)
      } else context.report('blocks-widget', { ...data, unlessNoncePassed: true }, policy.span)
    }
    // A fixed value handed to the widget script (`s.nonce = '3FgZ…'`, `<script nonce="3FgZ…">`): the same
    // on every page load, so it either matches no per-response CSP nonce or the CSP's nonce is fixed too.
    // Reported once per file: a fixed policy nonce above is the same mistake.
    if (!staticPolicy && file.served !== true && PAGE_LANGUAGES.has(file.language)) {
      for (const match of text.matchAll(LITERAL_NONCE)) {
        const value = match[2] ?? ''
        if (!/^[A-Za-z0-9+/=_-]{8,}$/.test(value)) continue
        const at = (match.index ?? 0) + match[0].lastIndexOf(value)
        context.report('static-nonce', {}, { start: at, end: at + value.length })
        break
      }
    }
    for (const match of text.matchAll(BYTE_SOURCES)) {
      const bytes = Number(match[1] ?? match[2] ?? match[3] ?? match[4])
      const start = match.index ?? 0
      const line = lineAround(text, start)
      if (!/nonce/i.test(line) || bytes >= MIN_BYTES) continue
      context.report('weak-nonce', { bits: bytes * 8 }, { start, end: start + match[0].length })
    }
    for (const match of text.matchAll(/\bnonce\w*\s*[:=]\s*[^;\n]*Math\.random\(\)/gi)) {
      const start = match.index ?? 0
      context.report(file.side === 'browser' ? 'client-nonce' : 'weak-nonce', { bits: 52 }, { start, end: start + match[0].length })
    }
    if (
      file.side === 'browser' &&
      (file.language === 'javascript' || file.language === 'typescript' || file.language === 'html' || file.language === 'vue' || file.language === 'svelte')
    ) {
      for (const match of text.matchAll(/\bnonce\w*\s*[:=]\s*[^;\n]*(getRandomValues|randomUUID)\(/gi)) {
        const start = match.index ?? 0
        context.report('client-nonce', {}, { start, end: start + match[0].length })
      }
    }
    // A module-level nonce in server code: `const nonce = crypto.randomBytes(16)…` at column 0. Also in a
    // component file when it calls Node's randomBytes: that line runs once per server process when the
    // page is rendered on the server (Next.js, Nuxt), so every response gets the same nonce.
    for (const match of text.matchAll(
      /^(?:export\s+)?(?:const|let|var|static\s+final\s+String|private\s+static\s+\w+|val)?\s*([A-Za-z_]*nonce[A-Za-z_]*)\s*(?::\s*\w+\s*)?=\s*[^\n]*(randomBytes|token_urlsafe|token_hex|random_bytes|SecureRandom|randomUUID|uuid)/gim,
    )) {
      const start = match.index ?? 0
      if (file.side === 'browser' && match[2] !== 'randomBytes') continue
      if (/^\s/.test(match[0]) || /def |function |=>/.test(match[0])) continue
      context.report('reused-nonce', { name: match[1] ?? 'nonce' }, { start, end: start + match[0].length })
    }
  },
})

interface Policy {
  readonly directives: ReadonlyMap<string, readonly string[]>
  readonly span: Span
  readonly templated: boolean
}

/**
 * The directive that governs scripts, when it does not allow the widget host; with the nonce source
 * it carries, if any. Undefined when the policy lets the widget load (or says nothing about scripts).
 */
function blocksWidget(policy: Policy): { directive: string; nonce: string | undefined } | undefined {
  const directive = policy.directives.has('script-src') ? 'script-src' : policy.directives.has('default-src') ? 'default-src' : undefined
  if (directive === undefined) return undefined
  const sources = policy.directives.get(directive) ?? []
  if (sources.some((source) => WIDGET_SOURCE.test(source.replace(/^['"]|['"]$/g, '')))) return undefined
  return { directive, nonce: sources.find((source) => /^'?nonce-/i.test(source)) }
}

/** `content-security-policy: …` lines of a response's headers (report-only policies block nothing). */
function headerPolicies(text: string): Policy[] {
  const out: Policy[] = []
  for (const match of text.matchAll(/^content-security-policy:[ \t]*([^\n]*)$/gim)) {
    const value = match[1] ?? ''
    const start = (match.index ?? 0) + match[0].length - value.length
    out.push({ directives: parsePolicy(value), span: { start, end: start + value.length }, templated: false })
  }
  return out
}

/** CSP policies written in the file: meta tags, header strings in server code, helmet directives. */
function policies(text: string): Policy[] {
  const out: Policy[] = []
  for (const match of text.matchAll(/Content-Security-Policy["']?/gi)) {
    const start = match.index ?? 0
    // The policy follows the header name closely: `content="…"` of the meta tag, the value argument
    // of setHeader/header()/Response headers. Farther away it is something else.
    const window = text.slice(start, start + 400)
    const quoted = /(["'`])((?:(?!\1)[^\n])*?(?:script-src|default-src)(?:(?!\1)[^\n])*)\1/.exec(window)
    if (quoted === null) continue
    // On the same line, or on the next one after an argument separator (`setHeader(\n  'Content-…',\n  "…")`).
    const between = window.slice(0, quoted.index)
    const firstBreak = between.indexOf('\n')
    if (firstBreak !== -1 && (!/[,(:=>]\s*$/.test(between.slice(0, firstBreak)) || between.indexOf('\n', firstBreak + 1) !== -1)) continue
    const body = quoted[2] ?? ''
    const offset = start + (quoted.index ?? 0)
    out.push({ directives: parsePolicy(body), span: { start: offset, end: offset + quoted[0].length }, templated: TEMPLATED.test(body) })
  }
  // helmet({ contentSecurityPolicy: { directives: { scriptSrc: ["'self'", …] } } })
  for (const match of text.matchAll(/contentSecurityPolicy\s*[:(]/g)) {
    const start = match.index ?? 0
    const window = text.slice(start, start + 2000)
    const directives = new Map<string, string[]>()
    for (const entry of window.matchAll(/\b(scriptSrc|defaultSrc|'script-src'|"script-src"|'default-src'|"default-src")\s*:\s*\[([^\]]*)\]/g)) {
      const name = (entry[1] ?? '').replace(/['"]/g, '').replace(/Src$/, '-src').toLowerCase()
      const sources: string[] = []
      // A function source (`(req, res) => \`'nonce-\${res.locals.nonce}'\``) is a per-request nonce.
      for (const item of (entry[2] ?? '').matchAll(/(["'])(.*?)\1|=>/g)) sources.push(item[2] ?? "'nonce-<per-request>'")
      directives.set(name, sources)
    }
    if (directives.size > 0) out.push({ directives, span: { start, end: start + match[0].length }, templated: /=>|nonce/.test(window) })
  }
  return out
}

function parsePolicy(body: string): Map<string, string[]> {
  const directives = new Map<string, string[]>()
  for (const part of body.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/)
    if (name !== undefined && name !== '' && !directives.has(name.toLowerCase())) directives.set(name.toLowerCase(), sources)
  }
  return directives
}

function lineAround(text: string, at: number): string {
  const from = text.lastIndexOf('\n', at) + 1
  const to = text.indexOf('\n', at)
  // The line and the one before, where `nonce = …` often sits over a multi-line call.
  const previous = text.lastIndexOf('\n', Math.max(0, from - 2)) + 1
  return text.slice(previous, to === -1 ? text.length : to)
}
