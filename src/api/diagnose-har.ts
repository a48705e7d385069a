import { allChecks, integrationChecks, sessionChecks, tokenChecks, userChecks } from '../checks/index.js'
import loginOutcome from '../checks/login-outcome.js'
import { selectChecks } from '../cli/common-options.js'
import { toolVersion } from '../cli/package-root.js'
import { buildReport, type Report } from '../core/report.js'
import type { UserDirectory } from '../core/types.js'
import type { DataCenterId } from '../desk/data-centers.js'
import { readHar } from '../har/read-har.js'
import { SessionAnalyzer } from '../session/analyze-session.js'
import { diagnoseSession } from '../session/diagnose-session.js'
import type { CommonDiagnoseOptions } from './diagnose-token.js'
import { type InstantInput, resolveInstant, resolveLeewayMs, secretCandidates } from './options.js'

export interface DiagnoseHarOptions extends CommonDiagnoseOptions {
  /** The HAR's name for the report's `source.ref` (default `"har"`). */
  readonly ref?: string
  /** The Desk orgId the widget should use (as in the widget script's `?orgId=`). */
  readonly orgId?: string
  readonly dataCenter?: DataCenterId
  /** The allowed domains of the ASAP JWT settings (exact host names, at most five). */
  readonly allowedDomains?: readonly string[]
  /** The ASAP app id (as in the widget script's `/asapApp/<id>`). */
  readonly appId?: string
  /** A user lookup for `help-center-user` (see `usersFromContactsExport`). */
  readonly users?: UserDirectory
  /**
   * The evaluation instant for subjects without a recorded time (a HAR without login). Login attempts
   * are always evaluated at the request time the HAR recorded.
   */
  readonly now?: InstantInput
}

/** What the `har` command reads: the whole file, or chunks (a `fs.createReadStream`, a `fetch` body). */
export type HarInput = Uint8Array | string | AsyncIterable<Uint8Array>

/**
 * Every ASAP login attempt in one recorded session, diagnosed as the `har` command does. The input is
 * streamed entry by entry, so a stream of a large HAR never sits in memory whole.
 *
 * @throws HarInputError (`ERR_HAR_*`) for input that is not a HAR; `ERR_USAGE`/`ERR_SECRET` for bad options.
 */
export async function diagnoseHar(input: HarInput, options: DiagnoseHarOptions = {}): Promise<Report> {
  const now = resolveInstant(options.now)
  const select = (list: Parameters<typeof selectChecks>[0]) => selectChecks(list, options.only, options.skip, allChecks)
  const secrets = secretCandidates(options.secret, options.altSecret)
  const analyzer = new SessionAnalyzer()
  const { events, summary } = readHar(chunksOf(input))
  for await (const event of events) {
    if (event.kind === 'log') analyzer.setLog(event.creator, event.pages)
    else analyzer.add({ index: event.index, entry: event.entry, oversized: event.oversized })
  }
  const read = await summary
  const facts = analyzer.finish()
  // The same notes as the CLI's, so a report reads alike whichever way it was produced.
  const notes: string[] = []
  if (read.truncated) notes.push(`The file is cut (${read.truncatedReason ?? 'it ends early'}); the diagnosis covers the ${read.entries} complete entries.`)
  if (read.bom) notes.push('The file starts with a byte order mark (skipped).')
  if (facts.creator !== undefined) notes.push(`Recorded by ${facts.creator}; ${facts.entries} entries.`)
  // As the har command: what Zoho answered is an observation, not a check to narrow away, so `only`
  // keeps it (only `skip` drops it) and it comes last; a narrowed run says its verdict is partial.
  const observed = options.skip?.includes(loginOutcome.id) === true ? [] : [loginOutcome]
  const subjects = await diagnoseSession(facts, {
    ref: options.ref ?? 'har',
    attemptChecks: [...select([...tokenChecks, ...integrationChecks, ...sessionChecks, ...userChecks]).filter((check) => check !== loginOutcome), ...observed],
    pageChecks: select([...integrationChecks, ...sessionChecks]),
    secrets,
    users: options.users,
    expectEmail: options.expectEmail,
    configured: { orgId: options.orgId, dataCenter: options.dataCenter, allowedDomains: options.allowedDomains, appId: options.appId },
    leewayMs: resolveLeewayMs(options.leewayMs),
    reveal: options.reveal ?? false,
    partial: options.only !== undefined || options.skip !== undefined,
    now,
    notes,
  })
  return buildReport({ toolVersion: toolVersion(), command: 'har', now, subjects, strict: options.strict ?? false })
}

async function* chunksOf(input: HarInput): AsyncIterable<Uint8Array> {
  if (typeof input === 'string') yield new TextEncoder().encode(input)
  else if (input instanceof Uint8Array) yield input
  else yield* input
}
