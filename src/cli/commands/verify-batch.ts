import { isAscii } from 'node:buffer'
import { createReadStream } from 'node:fs'
import { isAbsolute, resolve } from 'node:path'
import { tokenChecks } from '../../checks/token-checks.js'
import { BatchAggregate, type LineOutcome } from '../../core/batch/aggregate.js'
import { BatchDiagnoser } from '../../core/batch/batch-diagnoser.js'
import { type BatchHeading, renderBatchHuman, renderBatchJson, renderOutcomeJsonl } from '../../render/batch.js'
import { InputError } from '../../core/errors.js'
import type { SecretCandidate } from '../../core/types.js'
import type { CliIO } from '../cli-io.js'
import { optFlag, optList, optString, type ParsedOptions, resolveLeeway, resolveNow, selectChecks } from '../common-options.js'
import { readSecrets, secretOptionsFrom } from '../io/read-secrets.js'
import { toolVersion } from '../package-root.js'
import { activeGuard } from '../output-guard.js'

/** Lines whose credentials the output guard learns by value; the rest rely on masking by shape. */
const MAX_GUARD_REGISTRATIONS = 10_000

/** A line longer than this is skipped as a bad line, so that memory stays flat on any input. */
export const MAX_LINE_BYTES = 1024 * 1024
const OUTPUT_FLUSH_CHARS = 64 * 1024

/**
 * `asap-doctor verify --batch FILE|-`: every token check on one token per line (or one JSON Lines
 * field), streamed in constant memory; prints the causes counted, or one JSON line per token.
 */
export async function verifyBatchCommand(argument: string | undefined, options: ParsedOptions, io: CliIO): Promise<number> {
  const batch = optString(options, 'batch') ?? '-'
  if (argument !== undefined || optString(options, 'tokenFile') !== undefined)
    throw usage('--batch reads the tokens from its file; give no token argument or --token-file')
  if (optFlag(options, 'exact')) throw usage('--exact applies to one token; --batch cleans each line as pasted input')
  const format = optString(options, 'format') ?? 'human'
  if (format !== 'human' && format !== 'json' && format !== 'jsonl') throw usage(`--format ${format} is not available with --batch (human, json or jsonl)`)
  const field = optString(options, 'field')
  const timeField = optString(options, 'timeField')
  if (timeField !== undefined && field === undefined) throw usage('--time-field needs --field: timestamps come from JSON Lines records')
  const only = optList(options, 'only')
  const skip = optList(options, 'skip')
  const known = only === undefined && skip === undefined ? tokenChecks : (await import('../../checks/index.js')).allChecks
  const checks = selectChecks(tokenChecks, only, skip, known)
  const now = resolveNow(optString(options, 'now'), io)
  const { secrets, warnings } = await readSecrets(secretOptionsFrom(options), io, batch === '-')
  for (const warning of warnings) io.stderr(`asap-doctor: warning: ${warning}\n`)

  const diagnoser = new BatchDiagnoser({
    checks,
    now,
    leewayMs: resolveLeeway(optString(options, 'leeway')),
    secrets,
    expectEmail: optString(options, 'expectEmail'),
    reveal: optFlag(options, 'reveal'),
    field,
    timeField,
    ref: batch,
    partial: only !== undefined || skip !== undefined,
  })
  const aggregate = new BatchAggregate()
  let pending = ''
  const record = (outcome: LineOutcome) => {
    aggregate.add(outcome)
    if (format === 'jsonl') {
      pending += renderOutcomeJsonl(outcome)
      if (pending.length >= OUTPUT_FLUSH_CHARS) {
        io.stdout(pending)
        pending = ''
      }
    }
  }
  const guard = activeGuard()
  // The batch file is read here, not by the CLI's readers, so the output guard learns what a line
  // holds before its result is printed. Only lines that are not clean tokens can show raw parts,
  // and only up to a bound: registering every line would grow memory with the file (flat is the
  // contract); beyond it, maskToken and the guard's shape masking still hide signatures.
  let registered = 0
  const guarded = (text: string) => (outcome: LineOutcome) => {
    if (guard !== undefined && registered < MAX_GUARD_REGISTRATIONS && (outcome.kind === 'bad-line' || !outcome.accepted)) {
      registered++
      guard.registerTokensIn(text)
    }
    return record(outcome)
  }
  await forEachLine(
    batch === '-' ? io.stdinChunks() : openFile(batch, io.cwd),
    (text, line) => {
      // A token line starts with a letter: only lines that start with whitespace can be blank.
      if ((text.length === 0 || text.charCodeAt(0) <= 0x20) && text.trim() === '') return aggregate.addBlank()
      const outcome = diagnoser.diagnose(text, line)
      if (outcome instanceof Promise) return outcome.then(guarded(text))
      return guarded(text)(outcome)
    },
    (line) => record({ kind: 'bad-line', line, reason: 'too-long', detail: `longer than ${MAX_LINE_BYTES} bytes` }),
  )

  const strict = optFlag(options, 'strict')
  const summary = aggregate.summary({
    at: timeField !== undefined ? "the record's time" : optString(options, 'now') !== undefined ? '--now' : 'the current time',
    strict,
  })
  if (summary.lines === 0) throw new InputError('ERR_NO_TOKEN', `no token found: ${batch === '-' ? 'stdin' : batch} has no lines to diagnose`)
  const timeSource: BatchHeading['timeSource'] = timeField === undefined ? 'now' : 'field'
  const heading: BatchHeading = { ref: batch, toolVersion: toolVersion(), evaluatedAt: now, timeSource, timeField, strict }
  if (format === 'jsonl') io.stdout(pending)
  else io.stdout(scrub(format === 'json' ? renderBatchJson(summary, heading) : renderBatchHuman(summary, heading), secrets))
  return summary.exitCode
}

/**
 * Calls `onLine` for each line of a byte stream, in order, holding at most one partial line: a
 * line is decoded only once it is complete, and one longer than MAX_LINE_BYTES is reported to
 * `onTooLong` and skipped. `onLine` may return a promise, which is awaited before the next line.
 */
export async function forEachLine(
  chunks: AsyncIterable<Uint8Array>,
  onLine: (text: string, line: number) => void | Promise<void>,
  onTooLong: (line: number) => void,
): Promise<void> {
  let carry: Buffer | undefined
  let skipping = false
  let line = 0
  // A chunk that is all ASCII (tokens usually are) is decoded as latin1: the same text, cheaper.
  const emit = (bytes: Buffer, start: number, end: number, encoding: 'latin1' | 'utf8') => {
    line++
    if (end > start && bytes[end - 1] === 0x0d) end--
    return onLine(bytes.toString(encoding, start, end), line)
  }
  for await (const chunk of chunks) {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk)
    const encoding = isAscii(bytes) ? 'latin1' : 'utf8'
    let start = 0
    let newline = bytes.indexOf(0x0a)
    if (carry !== undefined || skipping) {
      if (newline < 0) {
        if (!skipping && carry !== undefined) carry = appendCarry(carry, bytes)
        if (carry !== undefined && carry.length > MAX_LINE_BYTES) {
          carry = undefined
          skipping = true
        }
        continue
      }
      if (skipping) {
        line++
        onTooLong(line)
        skipping = false
      } else if (carry !== undefined) {
        const whole = Buffer.concat([carry, bytes.subarray(0, newline)])
        carry = undefined
        if (whole.length > MAX_LINE_BYTES) {
          line++
          onTooLong(line)
        } else {
          // A line carried over from the previous chunk may hold any bytes, split anywhere.
          const pending = emit(whole, 0, whole.length, 'utf8')
          if (pending !== undefined) await pending
        }
      }
      start = newline + 1
      newline = bytes.indexOf(0x0a, start)
    }
    while (newline >= 0) {
      if (newline - start > MAX_LINE_BYTES) {
        line++
        onTooLong(line)
      } else {
        const pending = emit(bytes, start, newline, encoding)
        if (pending !== undefined) await pending
      }
      start = newline + 1
      newline = bytes.indexOf(0x0a, start)
    }
    if (start < bytes.length) {
      if (bytes.length - start > MAX_LINE_BYTES) skipping = true
      else carry = Buffer.from(bytes.subarray(start))
    }
  }
  if (skipping) {
    line++
    onTooLong(line)
  } else if (carry !== undefined) {
    const pending = emit(carry, 0, carry.length, 'utf8')
    if (pending !== undefined) await pending
  }
}

function appendCarry(carry: Buffer, bytes: Buffer): Buffer {
  return Buffer.concat([carry, bytes])
}

/** The batch file as chunks; a missing or unreadable file is one clear line (exit 2). */
async function* openFile(path: string, cwd: string): AsyncGenerator<Uint8Array> {
  const stream = createReadStream(isAbsolute(path) ? path : resolve(cwd, path), { highWaterMark: 1024 * 1024 })
  try {
    for await (const chunk of stream) yield Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk))
  } catch (error) {
    const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : ''
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : code || 'unreadable'
    throw new InputError('ERR_FILE', `cannot read batch file ${path}: ${why}`, { cause: error })
  }
}

/**
 * A last line of defence, as for every other report: a batch line without a token is quoted in
 * the summary, and a pasted line might hold the secret itself.
 */
function scrub(text: string, secrets: readonly SecretCandidate[]): string {
  let result = text
  for (const secret of secrets) {
    const value = Buffer.from(secret.bytes).toString('utf8')
    if (value.length >= 6) result = result.split(value).join('***')
  }
  return result
}

function usage(message: string): InputError {
  return new InputError('ERR_USAGE', message)
}
