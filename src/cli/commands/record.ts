import { once } from 'node:events'
import { copyFileSync, createReadStream, createWriteStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, isAbsolute, join, resolve } from 'node:path'
import { runtimeChecks } from '../../checks/index.js'
import { AsapDoctorError, InputError } from '../../core/errors.js'
import { buildReport, type SubjectReport } from '../../core/report.js'
import { runtimeFactsFrom } from '../../record/observations.js'
import type { PageRuntimeFacts } from '../../core/types.js'
import type { LoginStep, Recorder, Recording, RecordRequest } from '../../record/recorder.js'
import { findBrowser } from '../../browser/find-browser.js'
import { diagnoseSession } from '../../session/diagnose-session.js'
import type { CliIO } from '../cli-io.js'
import { optFlag, optList, optString, type ParsedOptions } from '../common-options.js'
import { setUpIntegration, type IntegrationSetup } from '../io/integration-setup.js'
import { writeReport } from '../output.js'
import { toolVersion } from '../package-root.js'
import { withSpinner } from '../spinner.js'
import { analyzeFile, sessionCheckSets, sessionMasks, sessionOptions } from './har.js'

const DEFAULT_TIMEOUT_MS = 30_000
const MAX_REPEAT = 20

/**
 * `asap-doctor record <url>`: opens the page in a real browser, records the network (a HAR) and
 * what the page did with the widget, then runs the full `har` diagnosis on that recording with
 * the browser's facts added. One report, the usual exit codes; 2 when there is no browser.
 */
export async function recordCommand(urlArgument: string | undefined, options: ParsedOptions, io: CliIO): Promise<number> {
  const setup = await setUpIntegration(options, io, false)
  try {
    const recorded = await recordSubjects(urlArgument, options, setup, io)
    const report = buildReport({ toolVersion: toolVersion(), command: 'record', now: io.now(), subjects: recorded.subjects, strict: setup.strict })
    return await writeReport(report, optString(options, 'format') ?? 'human', optString(options, 'color'), io, recorded.masks, recorded.scrub)
  } finally {
    await setup.close()
  }
}

export interface RecordedSubjects {
  readonly subjects: SubjectReport[]
  /** Tokens seen in the recording, masked in every output. */
  readonly masks: string[]
  /** Credentials the run was given (cookie and header values, the password), scrubbed from output. */
  readonly scrub: string[]
}

/**
 * Records the page and diagnoses the recording: the part `check` reuses when the config has a
 * `record` section. `recorder` is injectable; by default playwright-core is imported here, and
 * only here, so no other command pays for loading it.
 */
export async function recordSubjects(
  urlArgument: string | undefined,
  options: ParsedOptions,
  setup: IntegrationSetup,
  io: CliIO,
  recorder?: Recorder,
): Promise<RecordedSubjects> {
  const built = buildRequest(urlArgument, options, setup, io)
  const checks = sessionCheckSets(options, runtimeChecks)
  const harOut = optString(options, 'harOut')
  const work = mkdtempSync(join(tmpdir(), 'asap-doctor-record-'))
  try {
    const request: RecordRequest = { ...built.request, harPath: join(work, 'recording.har') }
    const adapter = recorder ?? (await import('../../browser/playwright-recorder.js')).createPlaywrightRecorder()
    const started = Date.now()
    const recording = await withSpinner(io, `Recording ${request.url} in ${built.browserName}…`, () => adapter.record(request))
    const elapsed = Date.now() - started
    if (!existsSync(recording.harPath)) throw new AsapDoctorError('ERR_BROWSER', 'the browser wrote no HAR file')
    const { facts, notes } = await analyzeFile(recording.harPath, io)
    if (harOut !== undefined) await writeHarOut(recording.harPath, harOut, !optFlag(options, 'noRedact'), io)
    const runtime = runtimeFactsFrom(recording.observations)
    const subjects = await diagnoseSession(
      facts,
      sessionOptions(setup, options, io, {
        ref: request.url,
        checks,
        notes: [
          ...notes,
          ...recordingNotes(recording, elapsed, built, harOut, optFlag(options, 'noRedact')),
          runtimeNote(runtime, recording.loads[0]?.startedAt),
        ],
        runtime,
      }),
    )
    return { subjects, masks: sessionMasks(facts), scrub: built.scrub }
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}

interface BuiltRequest {
  readonly request: Omit<RecordRequest, 'harPath'>
  readonly browserName: string
  readonly browserFrom: string
  readonly scrub: string[]
}

/** Flags over the config's `record` section; credentials only from the environment. */
function buildRequest(urlArgument: string | undefined, options: ParsedOptions, setup: IntegrationSetup, io: CliIO): BuiltRequest {
  const config = setup.config.record ?? {}
  const url = urlArgument ?? config.url
  if (url === undefined)
    throw new InputError('ERR_USAGE', 'no page to record: give its URL (asap-doctor record https://app.example.com/dashboard) or set record.url in the config')
  if (!isHttpUrl(url)) throw new InputError('ERR_USAGE', `${JSON.stringify(url)} is not an http(s) URL`)

  const timeoutText = optString(options, 'timeout') ?? config.timeout
  const timeoutMs = timeoutText === undefined ? DEFAULT_TIMEOUT_MS : parseTimeout(timeoutText)
  const lingerText = optString(options, 'linger')
  const lingerMs = lingerText === undefined ? 0 : parseLinger(lingerText)
  const repeatText = optString(options, 'repeat')
  const repeat = repeatText === undefined ? (config.repeat ?? 1) : parseRepeat(repeatText)

  const browser = findBrowser(optString(options, 'browser') ?? config.browser, io.env, isFile)
  if (!browser.found) throw new AsapDoctorError('ERR_BROWSER', browser.message)

  const scrub: string[] = []
  const cookies: Array<{ name: string; value: string }> = []
  const cookieRefs: Array<[string, string, string]> = [
    ...Object.entries(config.cookies ?? {}).map(([name, env]): [string, string, string] => [name, env, `record.cookies.${name}`]),
    ...(optList(options, 'cookie') ?? []).map((spec): [string, string, string] => {
      const equals = spec.indexOf('=')
      if (equals <= 0)
        throw new InputError('ERR_USAGE', `--cookie ${JSON.stringify(spec)}: write NAME=ENV_VAR (the value is read from that environment variable)`)
      // Named without its variable: the output guard treats whatever follows "=" as a value.
      return [spec.slice(0, equals).trim(), spec.slice(equals + 1).trim(), `--cookie ${spec.slice(0, equals).trim()}`]
    }),
  ]
  for (const [name, env, where] of cookieRefs) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(env))
      throw new InputError('ERR_USAGE', `${where}: "${env}" is not an environment variable name (the value itself never goes on the command line)`)
    const value = io.env[env]
    if (value === undefined || value === '')
      throw new InputError('ERR_USAGE', `${where}: the environment variable it names is not set (export it before running record)`)
    cookies.push({ name, value })
    scrub.push(value)
  }

  const headers: Record<string, string> = {}
  for (const header of optList(options, 'header') ?? []) {
    const colon = header.indexOf(':')
    if (colon <= 0)
      throw new InputError('ERR_USAGE', `--header ${JSON.stringify(header.length > 40 ? `${header.slice(0, 20)}…` : header)}: write "Name: value"`)
    const value = header.slice(colon + 1).trim()
    headers[header.slice(0, colon).trim()] = value
    scrub.push(value)
  }

  const storageFlag = optString(options, 'storageState')
  const storageStatePath =
    storageFlag !== undefined
      ? resolve(io.cwd, storageFlag)
      : config.storageState === undefined
        ? undefined
        : resolve(configDir(setup, io), config.storageState)
  if (storageStatePath !== undefined && !isFile(storageStatePath))
    throw new InputError('ERR_FILE', `cannot read the storage state ${storageFlag ?? config.storageState}: no such file`)

  let login: LoginStep | undefined
  if (config.loginUrl !== undefined) {
    const read = (env: string | undefined, key: string) => {
      const value = env === undefined ? undefined : io.env[env]
      if (value === undefined || value === '') throw new InputError('ERR_USAGE', `record.${key}: the environment variable ${env ?? '(none)'} is not set`)
      return value
    }
    const user = read(config.userEnv, 'userEnv')
    const password = read(config.passwordEnv, 'passwordEnv')
    scrub.push(password)
    login = {
      url: config.loginUrl,
      userSelector: config.selectors?.user ?? 'input[type=email], input[name=email], input[name=username]',
      passwordSelector: config.selectors?.password ?? 'input[type=password]',
      submitSelector: config.selectors?.submit ?? 'button[type=submit], input[type=submit]',
      user,
      password,
    }
  }

  return {
    request: {
      url,
      timeoutMs,
      browserPath: browser.path,
      browserArgs: [...(config.browserArgs ?? []), ...(optList(options, 'browserArg') ?? [])],
      headed: optFlag(options, 'headed'),
      cookies,
      headers,
      ...(storageStatePath === undefined ? {} : { storageStatePath }),
      ...(login === undefined ? {} : { login }),
      repeat,
      waitForLogin: optFlag(options, 'waitForLogin') || config.waitForLogin === true,
      lingerMs,
    },
    browserName: browser.path,
    browserFrom: browser.from,
    scrub,
  }
}

function recordingNotes(recording: Recording, elapsedMs: number, built: BuiltRequest, harOut: string | undefined, noRedact: boolean): string[] {
  const loads = recording.loads
  const perLoad = loads.map((load) => `${(load.durationMs / 1000).toFixed(1)} s${load.timedOut ? ' (timed out)' : ''}`).join(', ')
  const notes = [
    `Recorded with ${recording.browser}, ${built.browserName} (${built.browserFrom}): ${loads.length} page load(s), ${perLoad}; ${(elapsedMs / 1000).toFixed(1)} s with the browser start.`,
  ]
  const final = loads.at(-1)?.finalUrl
  if (final !== undefined && /\/(log-?in|sign-?in|auth)\b/i.test(safePath(final)) && safePath(final) !== safePath(built.request.url)) {
    notes.push(`The page ended at ${stripQuery(final)}, which looks like a login page: is the session (--cookie, --storage-state or record.loginUrl) valid?`)
  }
  if (built.request.waitForLogin && loads.some((load) => !load.loginAnswered))
    notes.push(
      `--wait-for-login: Zoho's remote/auth answer did not arrive within ${Math.round(built.request.timeoutMs / 1000)} s on ${loads.filter((load) => !load.loginAnswered).length} load(s).`,
    )
  if (harOut !== undefined)
    notes.push(
      noRedact
        ? `HAR written to ${harOut} WITH credentials (--no-redact): do not attach it to a ticket.`
        : `HAR written to ${harOut}, redacted (token signatures, cookies and credentials removed).`,
    )
  return notes
}

/** What the page did with the widget, in one line: the facts page-runtime and login-timing read. */
function runtimeNote(runtime: PageRuntimeFacts, startedAt: number | undefined): string {
  const at = (time: number | undefined) => (time === undefined || startedAt === undefined ? 'never' : `+${time - startedAt} ms`)
  const invokes = runtime.invokes.length === 0 ? 'none' : runtime.invokes.map((call) => `${call.name}${call.beforeReady ? ' (before ready)' : ''}`).join(', ')
  const values = runtime.callbackValues.map((value) =>
    value.type === 'string'
      ? `a string of ${value.length ?? 0} characters (${value.shape})`
      : value.type === 'object'
        ? `an object {${(value.keys ?? []).join(', ')}}`
        : value.type,
  )
  const refused =
    runtime.blockedCookies.length === 0
      ? ''
      : `, ${runtime.blockedCookies.length} cookie(s) refused (${[...new Set(runtime.blockedCookies.map((cookie) => cookie.reason))].join(', ')})`
  return (
    `In the page: ZohoDeskAsapReady ${at(runtime.readyDefinedAt)}, ZohoDeskAsap ${at(runtime.asapDefinedAt)}, widget ready ${at(runtime.readySignalledAt)}; invoke: ${invokes}; ` +
    `successCallback got ${values.length === 0 ? 'nothing' : values.join(', ')}; ${runtime.pageErrors.length} page error(s), ${runtime.cspViolations.length} CSP violation(s)${refused}.`
  )
}

async function writeHarOut(source: string, out: string, redact: boolean, io: CliIO): Promise<void> {
  const target = isAbsolute(out) ? out : resolve(io.cwd, out)
  if (!redact) {
    try {
      copyFileSync(source, target)
    } catch (error) {
      throw new InputError('ERR_FILE', `cannot write ${out}: ${error instanceof Error ? error.message : String(error)}`)
    }
    return
  }
  const { redactHar } = await import('../../har/redact.js')
  const stream = createWriteStream(target)
  await once(stream, 'open').catch((error: unknown) => {
    throw new InputError('ERR_FILE', `cannot write ${out}: ${error instanceof Error ? error.message : String(error)}`)
  })
  try {
    await redactHar(createReadStream(source), async (chunk) => {
      if (!stream.write(chunk)) await once(stream, 'drain')
    })
    await new Promise<void>((done, fail) => stream.end((error?: Error | null) => (error ? fail(error) : done())))
  } catch (error) {
    // A half-written copy must not be mistaken for a safe one.
    stream.destroy()
    rmSync(target, { force: true })
    throw error
  }
}

/** `30s`, `500ms`, `2m`, or plain milliseconds; between 1 s and 10 min. */
export function parseTimeout(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|min)?$/i.exec(text.trim())
  const unit = (match?.[2] ?? 'ms').toLowerCase()
  const value = match?.[1] === undefined ? Number.NaN : Number(match[1]) * (unit === 'ms' ? 1 : unit === 's' ? 1000 : 60_000)
  if (!Number.isFinite(value) || value < 1000 || value > 600_000)
    throw new InputError('ERR_USAGE', `--timeout ${JSON.stringify(text)}: give a duration from 1s to 10m (30s, 1500ms, 2m)`)
  return Math.round(value)
}

/** `--linger`: 0 to 60 s, same units as --timeout. */
function parseLinger(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|min)?$/i.exec(text.trim())
  const unit = (match?.[2] ?? 'ms').toLowerCase()
  const value = match?.[1] === undefined ? Number.NaN : Number(match[1]) * (unit === 'ms' ? 1 : unit === 's' ? 1000 : 60_000)
  if (!Number.isFinite(value) || value > 60_000) throw new InputError('ERR_USAGE', `--linger ${JSON.stringify(text)}: give a duration up to 60s (2s, 1500ms)`)
  return Math.round(value)
}

function parseRepeat(text: string): number {
  if (!/^\d+$/.test(text.trim()) || Number(text) < 1 || Number(text) > MAX_REPEAT)
    throw new InputError('ERR_USAGE', `--repeat ${JSON.stringify(text)}: give a whole number from 1 to ${MAX_REPEAT}`)
  return Number(text)
}

function safePath(url: string): string {
  try {
    return new URL(url).pathname
  } catch {
    return ''
  }
}

function stripQuery(url: string): string {
  const cut = url.search(/[?#]/)
  return cut === -1 ? url : url.slice(0, cut)
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text)
    return url.protocol === 'http:' || url.protocol === 'https:'
  } catch {
    return false
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile()
  } catch {
    return false
  }
}

function configDir(setup: IntegrationSetup, io: CliIO): string {
  return setup.configPath === undefined ? io.cwd : dirname(resolve(io.cwd, setup.configPath))
}
