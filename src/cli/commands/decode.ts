import { InputError } from '../../core/errors.js'
import { SCHEMA_VERSION } from '../../core/report.js'
import { describeTimeClaims } from '../../core/token/describe-claims.js'
import { extractToken } from '../../core/token/extract-token.js'
import { limitObjectDepth } from '../../core/token/limit-depth.js'
import { maskToken } from '../../core/token/mask-token.js'
import { parseToken } from '../../core/token/parse-token.js'
import { renderClaims } from '../../render/human.js'
import type { CliIO } from '../cli-io.js'
import { optFlag, optString, type ParsedOptions, resolveNow } from '../common-options.js'
import { readTokenInput } from '../io/read-token-input.js'

/** `asap-doctor decode [token]`: header and payload with readable times, no verdict. */
export async function decodeCommand(argument: string | undefined, options: ParsedOptions, io: CliIO): Promise<number> {
  const now = resolveNow(optString(options, 'now'), io)
  const input = await readTokenInput(argument, optString(options, 'tokenFile'), io, false)
  const { token: raw, removed } = extractToken(input.text)
  const parsed = parseToken(raw)
  // JSON.stringify and renderClaims recurse: a 5,000-level claim must not overflow the stack.
  const token = { ...parsed, header: limitObjectDepth(parsed.header, 'header'), payload: limitObjectDepth(parsed.payload, 'payload') }
  if (token.header === undefined && token.payload === undefined) {
    const problem = token.problems[0]
    throw new InputError(
      'ERR_INPUT',
      `cannot decode the token${problem === undefined ? '' : `: ${describeProblem(problem.kind)}`} (asap-doctor verify explains why)`,
    )
  }
  const shown = optFlag(options, 'reveal') ? token.raw : maskToken(token.raw)
  const timeClaims = describeTimeClaims(token.payload, now)
  if (optString(options, 'format') === 'json') {
    io.stdout(
      `${JSON.stringify({ schemaVersion: SCHEMA_VERSION, command: 'decode', token: shown, removed, header: token.header ?? null, payload: token.payload ?? null, timeClaims, evaluatedAt: new Date(now).toISOString() }, null, 2)}\n`,
    )
    return 0
  }
  const format = optString(options, 'format')
  if (format === 'html' || format === 'markdown') {
    // The pictures and tables need a report: one subject with the decoded token and no checks.
    const [{ buildReport }, { renderers }, { toolVersion }] = await Promise.all([
      import('../../core/report.js'),
      import('../../render/index.js'),
      import('../package-root.js'),
    ])
    const subject = {
      source: input.source,
      token: { masked: shown, header: token.header ?? null, payload: token.payload ?? null },
      notes: removed.map((what) => `Removed ${what} from the input.`),
      checks: [],
      verdict: 'Decoded only, no verdict: run asap-doctor verify to check this token.',
    }
    const report = buildReport({ toolVersion: toolVersion(), command: 'decode', now, subjects: [subject], strict: false })
    io.stdout((await renderers[format]())(report))
    return 0
  }
  const lines = [`Token: ${shown}`, ...removed.map((what) => `  note: removed ${what} from the input`), '', 'Header:']
  lines.push(
    ...(token.header === undefined
      ? ['  (not decodable)']
      : JSON.stringify(token.header, null, 2)
          .split('\n')
          .map((line) => `  ${line}`)),
  )
  lines.push('', `Payload (times as Zoho reads them, relative to ${new Date(now).toISOString()}):`)
  lines.push(...(token.payload === undefined ? ['  (not decodable)'] : renderClaims(token.payload, now).map((line) => `  ${line}`)))
  io.stdout(`${lines.join('\n')}\n`)
  return 0
}

function describeProblem(kind: string): string {
  return kind.replaceAll('-', ' ')
}
