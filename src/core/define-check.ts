import type { CheckContext, MessageSpec, Outcome, Severity } from './types.js'

/** The category of facts a check needs; used by `checks` listings and by commands to pick checks. */
export type CheckScope = 'token' | 'integration' | 'session' | 'user' | 'endpoint'

/**
 * A check's metadata and logic, ESLint-rule style. `messages` maps message ids to templates; `run`
 * returns which message applies and the data for its placeholders.
 */
export interface Check<Id extends string = string, MessageId extends string = string> {
  readonly id: Id
  readonly title: string
  /** How bad a failure of this check is. */
  readonly severity: Severity
  readonly scope: CheckScope
  readonly messages: Readonly<Record<MessageId, MessageSpec>>
  /** Path of the docs page, derived from the id. */
  readonly docs: string
  run(context: CheckContext): Outcome<NoInfer<MessageId>> | Promise<Outcome<NoInfer<MessageId>>>
}

type CheckSpec<Id extends string, MessageId extends string> = Omit<Check<Id, MessageId>, 'docs'>

/**
 * Identity helper that infers message ids, so `run` can only return ids that exist in `messages`.
 *
 * @example
 * export default defineCheck({
 *   id: 'email-verified', title: 'email_verified is true', severity: 'error', scope: 'token',
 *   messages: { ok: { status: 'pass', text: 'email_verified is true.' } },
 *   run: () => ({ messageId: 'ok' }),
 * })
 */
export function defineCheck<const Id extends string, MessageId extends string>(spec: CheckSpec<Id, MessageId>): Check<Id, MessageId> {
  return { ...spec, docs: `docs/checks/${spec.id}.md` }
}
