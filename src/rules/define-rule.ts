import type { FindingData, Severity } from '../core/types.js'
import type { Language, ScanConfig, Script, SourceFile, Span } from '../scan/types.js'

/** A message of a scan rule: `{{placeholders}}` are filled from the finding's data by formatMessage. */
export interface RuleMessage {
  readonly text: string
  /** How to fix it; same placeholders. */
  readonly hints?: readonly string[]
  /** `pass` for notes (widget-snippet found), else the rule's severity decides (`fail`/`warn`). */
  readonly status?: 'pass'
}

/** What a rule's `check` gets for one file. Pure data: no file system, no process. */
export interface RuleContext<MessageId extends string = string> {
  readonly file: SourceFile
  /** The file text with comments blanked (same offsets; strings kept), for pattern rules. */
  readonly code: string
  /** Parsed JavaScript programs of the file (the file itself, or its `<script>` blocks). */
  readonly scripts: readonly Script[]
  readonly config: ScanConfig
  report(messageId: NoInfer<MessageId>, data: FindingData, span: Span, redact?: Span): void
}

/**
 * A scan rule, ESLint-style: metadata, messages by id, and `check`, which reports findings as data.
 * `trigger` is a cheap pre-filter: a rule runs only on files whose text matches it, which is what
 * keeps a scan of a large tree close to grep speed.
 */
export interface Rule<Id extends string = string, MessageId extends string = string> {
  readonly id: Id
  readonly title: string
  readonly severity: Severity
  /** A security rule (SARIF `security-severity`). */
  readonly security?: boolean
  /** One paragraph: what the rule finds and why Zoho rejects it (SARIF fullDescription). */
  readonly description: string
  readonly languages: readonly Language[]
  readonly trigger: RegExp
  /**
   * Whether the rule follows a value from a statement holding its trigger to the top-level
   * statements that use what that statement declares (a signer rule: the ASAP secret bound at the
   * top of a module, used by a sign call further down). Every rule reads the statements holding its
   * trigger and the top-level declarations they use; a large script is parsed with only those
   * statements (src/scan/js/slice.ts), so a rule that needs the users must say so.
   */
  readonly followsUsers?: boolean
  readonly messages: Readonly<Record<MessageId, RuleMessage>>
  readonly docs: string
  check(context: RuleContext<MessageId>): void
}

type RuleSpec<Id extends string, MessageId extends string> = Omit<Rule<Id, MessageId>, 'docs'>

/** Identity helper that infers message ids, so `check` can only report ids that exist. */
export function defineRule<const Id extends string, MessageId extends string>(spec: RuleSpec<Id, MessageId>): Rule<Id, MessageId> {
  return { ...spec, docs: `docs/rules/${spec.id}.md` }
}

export const JS_LANGUAGES: readonly Language[] = ['javascript', 'typescript', 'html', 'vue', 'svelte', 'template']
export const SERVER_LANGUAGES: readonly Language[] = ['python', 'php', 'java', 'kotlin', 'csharp', 'go', 'ruby']
export const ALL_LANGUAGES: readonly Language[] = [...JS_LANGUAGES, ...SERVER_LANGUAGES]

/**
 * The pre-filter of every signer rule: they only judge code that signs an ASAP payload (its claims,
 * or an ASAP/Zoho-named secret), so a file without these words cannot hold a finding.
 */
export const SIGNER_TRIGGER = /email_verified|not_before|not_after|[Aa]sap|ASAP|[Zz]oho|ZOHO/
