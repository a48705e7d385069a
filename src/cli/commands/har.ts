import { once } from 'node:events'
import { randomBytes } from 'node:crypto'
import { createReadStream, createWriteStream, renameSync, rmSync, statSync } from 'node:fs'
import { isAbsolute, resolve } from 'node:path'
import { allChecks, integrationChecks, sessionChecks, tokenChecks, userChecks } from '../../checks/index.js'
import loginOutcome from '../../checks/login-outcome.js'
import { InputError } from '../../core/errors.js'
import { buildReport, type SubjectReport } from '../../core/report.js'
import { maskToken } from '../../core/token/mask-token.js'
import { readHar } from '../../har/read-har.js'
import type { RedactionStats } from '../../har/redact.js'
import { SessionAnalyzer } from '../../session/analyze-session.js'
import { diagnoseSession, type DiagnoseSessionOptions } from '../../session/diagnose-session.js'
import type { SessionFacts } from '../../session/session-facts.js'
import type { Check } from '../../core/define-check.js'
import type { PageRuntimeFacts } from '../../core/types.js'
import type { CliIO } from '../cli-io.js'
import { optFlag, optList, optString, type ParsedOptions, selectChecks } from '../common-options.js'
import { guardedChunkWriter } from '../output-guard.js'
import { setUpIntegration, type IntegrationSetup } from '../io/integration-setup.js'
import { writeReport } from '../output.js'
import { toolVersion } from '../package-root.js'
import { withSpinner } from '../spinner.js'
import { isPartial } from './endpoint.js'

const CHUNK_BYTES = 1 << 20

/** `asap-doctor har <file…>`: every ASAP login attempt in recorded sessions, diagnosed. */
export async function harCommand(files: readonly string[], options: ParsedOptions, io: CliIO): Promise<number> {
  if (files.length === 0) throw new InputError('ERR_USAGE', 'no HAR file given')
  if (files.filter((file) => file === '-').length > 1) throw new InputError('ERR_USAGE', 'stdin (-) can be read only once')
  const redactTo = optString(options, 'redact')
  if (redactTo !== undefined) return redactCommand(files, redactTo, optFlag(options, 'redactEmails'), io)
  if (optFlag(options, 'redactEmails')) throw new InputError('ERR_USAGE', '--redact-emails goes with --redact OUT.har')
  if (optFlag(options, 'tokensOnly')) return tokensOnlyCommand(files, options, io)

  const setup = await setUpIntegration(options, io, files.includes('-'))
  try {
    const checks = sessionCheckSets(options, [])
    const subjects: SubjectReport[] = []
    const masks: string[] = []
    for (const file of files) {
      const { facts, notes } = await withSpinner(io, `Reading ${file}…`, () => analyzeFile(file, io))
      for (const note of notes) io.stderr(`asap-doctor: warning: ${file}: ${note}\n`)
      masks.push(...sessionMasks(facts))
      const recorded = facts.creator === undefined ? [] : [`Recorded by ${facts.creator}; ${facts.entries} entries.`]
      subjects.push(...(await diagnoseSession(facts, sessionOptions(setup, options, io, { ref: file, checks, notes: [...notes, ...recorded] }))))
    }
    const report = buildReport({ toolVersion: toolVersion(), command: 'har', now: io.now(), subjects, strict: setup.strict })
    return await writeReport(report, optString(options, 'format') ?? 'human', optString(options, 'color'), io, masks)
  } finally {
    await setup.close()
  }
}

/** The checks for recorded attempts and for page loads without one; `extra` adds groups (record: runtime checks). */
export function sessionCheckSets(options: ParsedOptions, extra: readonly Check[]): { attemptChecks: Check[]; pageChecks: Check[] } {
  const select = (list: readonly Check[]) => selectChecks(list, optList(options, 'only'), optList(options, 'skip'), allChecks)
  // What Zoho answered is an observation, not a check to narrow away: --only keeps it (only --skip drops it),
  // so a visible rejection still exits 1.
  const skipped =
    optList(options, 'skip')?.some((ids) =>
      ids
        .split(',')
        .map((id) => id.trim())
        .includes(loginOutcome.id),
    ) === true
  const attemptChecks = [
    ...select([...tokenChecks, ...integrationChecks, ...sessionChecks, ...extra, ...userChecks]).filter((check) => check !== loginOutcome),
    ...(skipped ? [] : [loginOutcome]),
  ]
  return { attemptChecks, pageChecks: select([...integrationChecks, ...sessionChecks, ...extra]) }
}

/** The options of diagnoseSession from the integration setup and the flags: one place for `har` and `record`. */
export function sessionOptions(
  setup: IntegrationSetup,
  options: ParsedOptions,
  io: CliIO,
  subject: { ref: string; checks: ReturnType<typeof sessionCheckSets>; notes: readonly string[]; runtime?: PageRuntimeFacts },
): DiagnoseSessionOptions {
  return {
    ref: subject.ref,
    ...subject.checks,
    secrets: setup.secrets,
    users: setup.users,
    expectEmail: setup.expectEmail,
    configured: setup.configured,
    deskApiHost: setup.deskApiHost,
    leewayMs: setup.leewayMs,
    reveal: optFlag(options, 'reveal'),
    partial: isPartial(options),
    now: io.now(),
    notes: [...setup.notes, ...subject.notes],
    runtime: subject.runtime,
  }
}

/** Every token a session showed, for CI masking (`::add-mask::`) and the output guard. */
export function sessionMasks(facts: SessionFacts): string[] {
  return [...facts.attempts.map((attempt) => attempt.token), ...facts.sightings.map((sighting) => sighting.token)]
}

/** Reads one HAR file into session facts (also used by `record` on the browser's own HAR). */
export async function analyzeFile(file: string, io: CliIO) {
  const analyzer = new SessionAnalyzer()
  const { events, summary } = readHar(openInput(file, io))
  for await (const event of events) {
    if (event.kind === 'log') analyzer.setLog(event.creator, event.pages)
    else analyzer.add({ index: event.index, entry: event.entry, oversized: event.oversized })
  }
  const read = await summary
  const notes: string[] = []
  if (read.truncated) notes.push(`the file is cut (${read.truncatedReason ?? 'it ends early'}); the diagnosis covers the ${read.entries} complete entries.`)
  if (read.bom) notes.push('the file starts with a byte order mark (skipped).')
  return { facts: analyzer.finish(), notes }
}

/** `--tokens-only`: every JWT in the raw bytes, no JSON parsing (fast, works on broken files too). */
async function tokensOnlyCommand(files: readonly string[], options: ParsedOptions, io: CliIO): Promise<number> {
  const { scanTokens } = await import('../../har/scan-tokens.js')
  const reveal = optFlag(options, 'reveal')
  const found: Array<{ file: string; offset: number; token: string }> = []
  for (const file of files) {
    for await (const hit of scanTokens(openInput(file, io))) found.push({ file, offset: hit.offset, token: reveal ? hit.token : maskToken(hit.token) })
  }
  if (optString(options, 'format') === 'json') {
    io.stdout(`${JSON.stringify({ schemaVersion: 1, command: 'har --tokens-only', tokens: found }, null, 2)}\n`)
  } else {
    const distinct = new Set(found.map((hit) => hit.token)).size
    io.stdout(
      `${found.map((hit) => `${hit.file}@${hit.offset}  ${hit.token}`).join('\n')}${found.length > 0 ? '\n' : ''}${found.length} JWT occurrence(s), ${distinct} distinct.\n`,
    )
  }
  return 0
}

async function redactCommand(files: readonly string[], out: string, redactEmails: boolean, io: CliIO): Promise<number> {
  if (files.length !== 1) throw new InputError('ERR_USAGE', '--redact writes one copy: give exactly one HAR file')
  const input = files[0] ?? '-'
  const target = isAbsolute(out) ? out : resolve(io.cwd, out)
  if (input !== '-' && resolve(io.cwd, input) === target) throw new InputError('ERR_USAGE', '--redact must write to another file than the input')
  const { redactHar } = await import('../../har/redact.js')
  // Written beside the target and renamed at the end: a copy that failed half-way never sits under
  // the name the user asked for (issue 12), and an existing file there survives a failed run.
  const partial = `${target}.partial-${randomBytes(4).toString('hex')}`
  const stream = createWriteStream(partial)
  let streamError: unknown
  // A listener for the whole life of the stream: a write pending when the input turns out broken
  // must not surface as an unhandled ERR_STREAM_DESTROYED stack trace.
  stream.on('error', (error) => {
    streamError ??= error
  })
  const opened = once(stream, 'open').catch((error: unknown) => {
    throw new InputError('ERR_FILE', `cannot write ${out}: ${error instanceof Error ? error.message : String(error)}`)
  })
  await opened
  const writeFile = async (chunk: Uint8Array | string): Promise<void> => {
    if (streamError !== undefined)
      throw new InputError('ERR_FILE', `cannot write ${out}: ${streamError instanceof Error ? streamError.message : String(streamError)}`)
    if (!stream.write(chunk)) await Promise.race([once(stream, 'drain'), once(stream, 'close')])
  }
  try {
    // The copy passes through the output guard like stdout does (issue 12).
    const guarded = guardedChunkWriter(writeFile)
    const stats = await withSpinner(io, `Redacting ${input}…`, () => redactHar(openInput(input, io), guarded.write, { redactEmails }))
    await guarded.end()
    await new Promise<void>((done, fail) => stream.end((error?: Error | null) => (error ? fail(error) : done())))
    renameSync(partial, target)
    io.stdout(`Wrote ${out}: ${describeStats(stats)}\n`)
    return 0
  } catch (error) {
    // A half-written copy must not be mistaken for a safe one: remove it.
    if (!stream.closed) {
      // Not events.once: it rejects on the 'error' a pending write emits when destroyed.
      const closed = new Promise<void>((done) => stream.once('close', () => done()))
      stream.destroy()
      await closed
    }
    rmSync(partial, { force: true })
    throw error
  }
}

function describeStats(stats: RedactionStats): string {
  const counts: Array<[number, string]> = [
    [stats.jwtSignatures, 'JWT signatures'],
    [stats.cookies, 'cookie values'],
    [stats.authorization, 'Authorization credentials'],
    [stats.sensitiveHeaders, 'other secret headers'],
    [stats.secretParams, 'secret parameters and fields (access_token, password, client_secret…)'],
    [stats.zohoTokens, 'Zoho OAuth tokens'],
    [stats.emails, `e-mail addresses (${stats.distinctEmails} distinct, pseudonymised)`],
  ]
  const replaced = counts.filter(([count]) => count > 0).map(([count, what]) => `${count} ${what}`)
  const cut = stats.truncated ? ` The input was cut (${stats.truncatedReason ?? 'it ends early'}); the copy is closed so it is still valid JSON.` : ''
  return `${stats.entries} entries; replaced ${replaced.length === 0 ? 'nothing' : replaced.join(', ')}.${cut}`
}

/** A file (or `-`) as chunks; a missing file or a directory is one clear line, exit 2. */
function openInput(file: string, io: CliIO): AsyncIterable<Uint8Array> {
  if (file === '-') return io.stdinChunks()
  const full = isAbsolute(file) ? file : resolve(io.cwd, file)
  let isFile = false
  try {
    isFile = statSync(full).isFile()
  } catch {
    throw new InputError('ERR_FILE', `cannot read HAR file ${file}: no such file`)
  }
  if (!isFile) throw new InputError('ERR_FILE', `cannot read HAR file ${file}: not a regular file`)
  return createReadStream(full, { highWaterMark: CHUNK_BYTES })
}
