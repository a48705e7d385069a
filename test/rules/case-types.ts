/** One valid/invalid case of a scan rule: a file (path decides language and side) and the message ids it yields. */
export interface RuleCase {
  readonly name: string
  readonly path: string
  readonly code: string
  /** Message ids the rule reports, in order; empty for a valid case. */
  readonly expect: readonly string[]
  readonly config?: { readonly orgId?: string; readonly dataCenter?: string; readonly appId?: string }
  /** Other files of the same tree, for findings that depend on them (an endpoint answered with JSON). */
  readonly tree?: ReadonlyArray<{ readonly path: string; readonly code: string }>
}
