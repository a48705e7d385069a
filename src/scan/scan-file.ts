import type { FindingData } from '../core/types.js'
import type { Rule, RuleContext } from '../rules/define-rule.js'
import { isMinified, languageOf, sideOf } from './classify.js'
import { ProgramIndex } from './js/ast.js'
import { parseProgram } from './js/parse.js'
import type { Anchor } from './js/slice.js'
import { isDeferred } from './deferral.js'
import { jsonEndpoints } from './json-endpoints.js'
import { mayMatch } from './prefilter.js'
import { withoutMarkupComments } from './markup-comments.js'
import { suppressions } from './suppress.js'
import type { Finding, Language, ScanConfig, Script, SourceFile, Span } from './types.js'

export interface FileScan {
  readonly file: SourceFile
  readonly findings: readonly Finding[]
  /** Findings that depend on the rest of the tree (see deferral.ts): the report keeps those the tree confirms. */
  readonly deferred: readonly Finding[]
  readonly passesNonce: boolean
  /** The file loads or drives the ASAP widget (its loader, the snippet, ZohoDeskAsap, the 1.0 settings). */
  readonly loadsWidget: boolean
  /** Endpoints this file answers with JSON (server code), for findings that depend on them. */
  readonly jsonEndpoints: readonly string[]
  readonly notes: readonly string[]
  /** Rules that threw on this file: reported as crashed, the others still ran. */
  readonly crashed: ReadonlyArray<{ readonly ruleId: string; readonly message: string }>
}

/** Classifies a file from its path and text; undefined when it is not a file the scanner reads. */
export function sourceFile(path: string, text: string): SourceFile | undefined {
  const language = languageOf(path)
  if (language === undefined) return undefined
  return { path, text, language, side: sideOf(path, language, text), minified: isMinified(path, text) }
}

// The widget script gets a real nonce: the snippet's `s.nonce = …` (or setAttribute), or a loader
// `<script nonce=… src=…asapApp…>` tag. A nonce on the inline snippet alone does not reach the widget.
const NONCE_PASSED =
  /\.nonce\s*=\s*(?!["']\{place_your_nonce_value_here\})(?:["']?\s*(?:<%=?|\{\{|\{%|@|\$\{|\{)|[A-Za-z_$(])|setAttribute\(\s*["']nonce["']\s*,\s*(?!["']\{place)[A-Za-z_$(]|<script\b[^>]*\bnonce\s*=[^>]*\bsrc\s*=[^>]*asapApp|<script\b[^>]*\bsrc\s*=[^>]*asapApp[^>]*\bnonce\s*=/

// What shows that a tree uses the widget at all: a CSP that "blocks the widget" is a finding only then.
const WIDGET = /asapApp\/|ZohoDeskAsap|zohodeskasapscript|ZohoHCAsap|\/portal\/api\/web\/inapp\//

/**
 * Runs every applicable rule on one file. Pure: the text comes in, findings (data) go out.
 * `sliceFrom` overrides the size from which scripts are parsed sliced (for the tests that compare).
 */
export function scanFile(file: SourceFile, rules: readonly Rule[], config: ScanConfig, sliceFrom?: number): FileScan {
  // Most files of a large tree match no trigger at all: one pass, then nothing else.
  const endpoints = jsonEndpoints(file)
  if (!mayMatch(file.text))
    return { file, findings: [], deferred: [], passesNonce: false, loadsWidget: false, jsonEndpoints: endpoints, notes: [], crashed: [] }
  // Rules share triggers (the eight signer rules have one): each is tested once.
  const triggered = new Map<RegExp, boolean>()
  const active = rules.filter((rule) => {
    if (!rule.languages.includes(file.language)) return false
    let matches = triggered.get(rule.trigger)
    if (matches === undefined) {
      matches = rule.trigger.test(file.text)
      triggered.set(rule.trigger, matches)
    }
    return matches
  })
  const findings: Finding[] = []
  const deferred: Finding[] = []
  const notes: string[] = []
  const crashed: Array<{ ruleId: string; message: string }> = []
  let scripts: Script[] | undefined
  let code: string | undefined
  const passesNonce = /nonce/i.test(file.text) && NONCE_PASSED.test(file.text)
  const loadsWidget = WIDGET.test(file.text)
  for (const rule of active) {
    const context: RuleContext = {
      file,
      config,
      get code() {
        code ??= skeletonOf(file)
        return code
      },
      get scripts() {
        if (scripts === undefined) {
          const anchors = active.map((rule) => ({ pattern: rule.trigger, followsUsers: rule.followsUsers === true }))
          scripts = scriptsOf(file, anchors, sliceFrom)
          if (scripts.some((script) => script.parser === 'loose'))
            notes.push('parsed with acorn-loose: some syntax was not understood, findings may be incomplete')
        }
        return scripts
      },
      report(messageId: string, data: FindingData, span: Span, redact?: Span) {
        const finding: Finding = { ruleId: rule.id, messageId, data, span, ...(redact === undefined ? {} : { redact }) }
        if (isDeferred(data)) deferred.push(finding)
        else findings.push(finding)
      },
    }
    try {
      rule.check(context)
    } catch (error) {
      crashed.push({ ruleId: rule.id, message: error instanceof Error ? error.message : String(error) })
    }
  }
  const suppressed = suppressions(file.text, file.language)
  const keep = (finding: Finding) => !suppressed.covers(finding.ruleId, finding.span.start)
  notes.push(...suppressed.problems)
  return {
    file,
    findings: dedupe(findings.filter(keep)),
    deferred: dedupe(deferred.filter(keep)),
    passesNonce,
    loadsWidget,
    jsonEndpoints: endpoints,
    notes,
    crashed,
  }
}

/** One finding per rule, message and place: two paths to the same mistake are one mistake. */
function dedupe(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>()
  return findings
    .filter((finding) => {
      const key = `${finding.ruleId}\0${finding.messageId}\0${finding.span.start}`
      if (seen.has(key)) return false
      seen.add(key)
      return true
    })
    .sort((a, b) => a.span.start - b.span.start || (a.ruleId < b.ruleId ? -1 : 1))
}

/** The text with comments blanked (strings kept: the patterns read keys like "email_verified"). */
function skeletonOf(file: SourceFile): string {
  const hash = file.language === 'python' || file.language === 'ruby' || file.language === 'php'
  const slash = file.language !== 'python' && file.language !== 'ruby'
  const text = file.text
  // The text between comments is copied in slices and each comment becomes blanks: a character
  // array of a 3 MB bundle took ~30 MB and most of the time of a regex rule on it.
  const parts: string[] = []
  let copied = 0
  const blank = (from: number, to: number) => {
    // Line by line: a regex replacing each character took most of this on bundles with long comments.
    parts.push(
      text.slice(copied, from),
      text
        .slice(from, to)
        .split('\n')
        .map((line) => ' '.repeat(line.length))
        .join('\n'),
    )
    copied = to
  }
  // Character codes, not one-character strings: this loop reads every character of a file.
  const length = text.length
  let i = 0
  while (i < length) {
    const c = text.charCodeAt(i)
    if (c === DOUBLE_QUOTE || c === QUOTE || (c === BACKTICK && slash)) {
      // Python triple quotes and Go raw strings end at the same quote: good enough to skip.
      let j = i + 1
      while (j < length) {
        const d = text.charCodeAt(j)
        if (d === c || (d === NEWLINE && c !== BACKTICK)) break
        j += d === BACKSLASH ? 2 : 1
      }
      i = j + 1
    } else if (slash && c === SLASH && text.charCodeAt(i + 1) === SLASH) {
      const end = lineEnd(text, i)
      blank(i, end < 0 ? length : end)
      i = end < 0 ? length : end
    } else if (slash && c === SLASH && text.charCodeAt(i + 1) === STAR) {
      const end = text.indexOf('*/', i + 2)
      blank(i, end < 0 ? length : end + 2)
      i = end < 0 ? length : end + 2
    } else if (hash && c === HASH && (file.language !== 'php' || text.charCodeAt(i + 1) !== OPEN_BRACKET)) {
      const end = lineEnd(text, i)
      blank(i, end < 0 ? length : end)
      i = end < 0 ? length : end
    } else i += 1
  }
  parts.push(text.slice(copied))
  // Markup: a snippet inside an HTML comment is not loaded, so no rule may read it.
  return withoutMarkupComments(parts.join(''), file.language)
}

/**
 * Where the line from `from` ends (-1: at the end of the text). A loop, not `indexOf('\n', from)`:
 * in this function, after files of other languages, `indexOf` became slow enough to take 0.7 s on
 * a 364 KB pdf.js (V8 11.3, measured over the 4,979 files of the stored repositories; 1 ms alone).
 */
function lineEnd(text: string, from: number): number {
  for (let j = from; j < text.length; j += 1) if (text.charCodeAt(j) === NEWLINE) return j
  return -1
}

const NEWLINE = 10
const DOUBLE_QUOTE = 34
const HASH = 35
const QUOTE = 39
const STAR = 42
const SLASH = 47
const OPEN_BRACKET = 91
const BACKSLASH = 92
const BACKTICK = 96

const TS_LANGUAGES: ReadonlySet<Language> = new Set(['typescript'])

/**
 * The JavaScript of a file: the file itself, or its `<script>` blocks joined at their own offsets.
 * `anchors` (the active rules' triggers) let a large script be parsed without the statements that
 * have nothing to do with them (js/slice.ts); `sliceFrom` is for the tests that compare both ways.
 */
export function scriptsOf(file: SourceFile, anchors?: readonly Anchor[], sliceFrom?: number): Script[] {
  const slicing = { ...(anchors === undefined ? {} : { anchors }), ...(sliceFrom === undefined ? {} : { sliceFrom }) }
  if (file.language === 'javascript' || file.language === 'typescript') {
    const jsx = /\.[jt]sx$/.test(file.path)
    const parsed = parseProgram(file.text, { typescript: TS_LANGUAGES.has(file.language), jsx, ...slicing })
    return parsed === undefined ? [] : [{ index: new ProgramIndex(parsed.program), offset: 0, parser: parsed.parser }]
  }
  if (file.language === 'html' || file.language === 'vue' || file.language === 'svelte' || file.language === 'template') {
    const page = pageScripts(file.text)
    if (page === undefined) return []
    const parsed = parseProgram(page.code, { typescript: page.typescript, jsx: false, ...slicing })
    return parsed === undefined ? [] : [{ index: new ProgramIndex(parsed.program), offset: 0, parser: parsed.parser }]
  }
  return []
}

/**
 * The inline scripts of a page as one program: everything outside `<script>` blocks is blanked
 * (newlines kept, so offsets and lines are the file's), template tags inside scripts
 * (`<%= nonce %>`, `{{ nonce }}`, `@json($x)`) become identifiers of the same length.
 */
export function pageScripts(text: string): { code: string; typescript: boolean } | undefined {
  const out = text.replace(/[^\n]/g, ' ').split('')
  let found = false
  let typescript = false
  for (const match of text.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    const attributes = match[1] ?? ''
    const body = match[2] ?? ''
    const type = /\btype\s*=\s*["']?([^"'\s>]+)/i.exec(attributes)?.[1]?.toLowerCase()
    if (type !== undefined && !/javascript|module|babel|jsx|ts/.test(type)) continue
    if (/\blang\s*=\s*["']?ts/i.test(attributes)) typescript = true
    const start = (match.index ?? 0) + match[0].indexOf('>') + 1
    const cleaned = body.replace(/<%[\s\S]*?%>|\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}|@\{[^}]*\}|@json\([^)]*\)|@\w+(?:\.\w+)*/g, (tag) => tag.replace(/[^\n]/g, '_'))
    for (let k = 0; k < cleaned.length; k += 1) out[start + k] = cleaned[k] ?? ' '
    // A statement boundary between blocks, in the blank before each block.
    if (start > 0 && out[start - 1] === ' ') out[start - 1] = ';'
    found = true
  }
  return found ? { code: out.join(''), typescript } : undefined
}
