import type { FindingData } from '../core/types.js'
import type { ProgramIndex } from './js/ast.js'

/**
 * `http-headers` is not a file on disk: the `Content-Security-Policy` headers of a page fetched with
 * `scan --url`, one `name: value` line per policy. Only rules that list it (csp-nonce) read it.
 */
export type Language =
  | 'javascript'
  | 'typescript'
  | 'html'
  | 'vue'
  | 'svelte'
  | 'template'
  | 'python'
  | 'php'
  | 'java'
  | 'kotlin'
  | 'csharp'
  | 'go'
  | 'ruby'
  | 'http-headers'

/** Where the code runs: shipped to the browser, run on a server, or not known. */
export type Side = 'browser' | 'server' | 'unknown'

/** A file as the scanner sees it: its text and what it is. */
export interface SourceFile {
  /** Path relative to the scan root, with `/` separators. */
  readonly path: string
  readonly text: string
  readonly language: Language
  readonly side: Side
  /** A minified bundle (very long lines): the code line is not shown in reports. */
  readonly minified: boolean
  /**
   * Fetched from a live site (`scan --url`), not read from source: a nonce in it is the value of
   * that one response, never a literal written in the code.
   */
  readonly served?: boolean
  /** `http-headers` files only: the CSP nonces the page's header carried on a second load. */
  readonly reloadNonces?: readonly string[]
}

/** Offsets `[start, end)` into the file text. */
export interface Span {
  readonly start: number
  readonly end: number
}

/** A JavaScript program found in a file: the whole file, or one `<script>` block of a page. */
export interface Script {
  readonly index: ProgramIndex
  /** Offset of the block in the file; node offsets are already file offsets. */
  readonly offset: number
  readonly parser: 'strict' | 'loose'
}

/** What the user told us about the widget (from flags or the config): compared with the snippet. */
export interface ScanConfig {
  readonly orgId?: string
  readonly dataCenter?: string
  readonly appId?: string
}

/** A finding as data: which rule, which message, the placeholders' data, where. */
export interface Finding {
  readonly ruleId: string
  readonly messageId: string
  readonly data: FindingData
  readonly span: Span
  /** Text to hide in the code line shown with the finding (a secret literal). */
  readonly redact?: Span
}

/** 1-based line and column (columns count UTF-16 code units, as editors and SARIF do). */
export interface Location {
  readonly line: number
  readonly col: number
  readonly endLine: number
  readonly endCol: number
}

/** Facts one file contributes to checks that need the whole tree (a nonce passed to the snippet). */
export interface TreeFacts {
  /** The widget snippet gets a real nonce (`s.nonce = …`, a `nonce` attribute fed by the server). */
  readonly passesNonce: boolean
}
