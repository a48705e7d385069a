import type { FindingData } from '../core/types.js'
import type { Rule, RuleContext } from '../rules/define-rule.js'
import { isMinified, languageOf, sideOf } from './classify.js'
import { commentSkeleton } from './comment-skeleton.js'
import { ProgramIndex } from './js/ast.js'
import { parseProgram } from './js/parse.js'
import type { Anchor } from './js/slice.js'
import { isDeferred } from './deferral.js'
import { jsonEndpoints } from './json-endpoints.js'
import { mayMatch } from './prefilter.js'
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
        code ??= commentSkeleton(file.text, file.language)
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
