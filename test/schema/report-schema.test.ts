import { readdirSync, readFileSync } from 'node:fs'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { describe, expect, it } from 'vitest'
import { diagnoseToken } from '../../src/index.js'
import { runCliInProcess } from '../helpers/run-cli.js'
import { goodPayload, makeToken, NOW, TEST_SECRET } from '../helpers/tokens.js'

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }
const schema = JSON.parse(readFileSync('schema/report.schema.json', 'utf8')) as { [key: string]: Json }

function compile(source: { [key: string]: Json }) {
  const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true })
  addFormats.default(ajv)
  const validateDocument = ajv.compile(source)
  const line = ajv.getSchema(`${String(source.$id)}#/$defs/BatchLine`)
  if (line === undefined) throw new Error('no $defs/BatchLine')
  return Object.assign(validateDocument, { line })
}

/**
 * The published schema accepts unknown properties (new optional fields come without a version bump).
 * For our own output the tests are stricter: every property we print must be described, so a field
 * added without the schema fails here. This copy closes every described object of `$defs`.
 */
function closed(node: Json, inDefs = false): Json {
  if (Array.isArray(node)) return node.map((item) => closed(item, inDefs))
  if (node === null || typeof node !== 'object') return node
  const copy: { [key: string]: Json } = {}
  for (const [key, value] of Object.entries(node)) copy[key] = closed(value, inDefs || key === '$defs')
  if (inDefs && 'properties' in node && !('additionalProperties' in node)) copy.additionalProperties = false
  return copy
}

const validate = compile(schema)
const validateClosed = compile(closed(schema) as { [key: string]: Json })

function expectValid(document: unknown, label: string, which: 'document' | 'line' = 'document'): void {
  const [open, strict] = which === 'document' ? [validate, validateClosed] : [validate.line, validateClosed.line]
  expect(open(document) ? [] : open.errors, `${label} against the schema`).toEqual([])
  expect(strict(document) ? [] : strict.errors, `${label}: a property the schema does not describe`).toEqual([])
}

/** Every golden directory of the tests (test/cli/golden, test/batch/golden, …). */
const GOLDEN_DIRS = readdirSync('test', { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => `test/${entry.name}/golden`)
  .filter((dir) => readdirSync(dir.replace(/\/golden$/, '')).includes('golden'))

/** The golden runs whose stdout is JSON (`--format json`, `--format=json`, `--json`) or JSON Lines (`--format jsonl`). */
function jsonGoldens(): Array<{ name: string; kind: 'json' | 'jsonl'; stdout: string }> {
  const found: Array<{ name: string; kind: 'json' | 'jsonl'; stdout: string }> = []
  for (const dir of GOLDEN_DIRS) {
    for (const file of readdirSync(dir).filter((name) => name.endsWith('.txt'))) {
      const text = readFileSync(`${dir}/${file}`, 'utf8')
      const command = text.split('\n', 1)[0] ?? ''
      if (text.includes('--- exit code: 2')) continue
      const kind = /--format[ =]jsonl\b/.test(command) ? 'jsonl' : /(--format[ =]json|--json)\b/.test(command) ? 'json' : undefined
      if (kind === undefined) continue
      found.push({ name: `${dir}/${file}`, kind, stdout: /--- stdout\n([\s\S]*?)\n--- stderr/.exec(text)?.[1] ?? '' })
    }
  }
  return found
}

describe('schema/report.schema.json', () => {
  it('every --format json (and jsonl) golden output validates', () => {
    const goldens = jsonGoldens()
    expect(goldens.map((golden) => golden.name)).toEqual(
      expect.arrayContaining(['test/cli/golden/verify-good-json.txt', 'test/cli/golden/decode-exp-in-seconds-json.txt']),
    )
    expect(goldens.some((golden) => golden.kind === 'jsonl')).toBe(true)
    for (const { name, kind, stdout } of goldens) {
      if (kind === 'json') expectValid(JSON.parse(stdout), name)
      else for (const [index, line] of stdout.split('\n').entries()) expectValid(JSON.parse(line), `${name} line ${index + 1}`, 'line')
    }
  })

  it('reports of every command and status validate', async () => {
    const secret = `--secret=${TEST_SECRET}`
    const runs: string[][] = [
      ['verify', makeToken(), secret],
      ['verify', makeToken({ payload: goodPayload({ email: 'Jane@Example.com', not_before: 1, not_after: 2 }) }), '--strict'],
      ['verify', makeToken({ header: { alg: 'none' } }), '--exact', '--reveal'],
      ['check', '--org-id', '712340056', '--data-center', 'eu', '--allowed-domain', 'app.example.com', '--page-url', 'https://app.example.com/'],
      ['checks'],
    ]
    for (const argv of runs) {
      const run = await runCliInProcess([...argv, '--format', 'json', `--now=${NOW}`].filter((arg) => argv[0] !== 'checks' || !arg.startsWith('--now')))
      expect(run.exitCode, `${argv.join(' ')}: ${run.stderr}`).toBeLessThan(2)
      expectValid(JSON.parse(run.stdout), argv.slice(0, 2).join(' '))
    }
    const crashed = await diagnoseToken(makeToken(), { now: NOW })
    const withCrash = {
      ...crashed,
      subjects: crashed.subjects.map((s) => ({
        ...s,
        checks: [...s.checks, { ...s.checks[0], status: 'error', messageId: 'crashed', data: { error: 'boom' } }],
      })),
    }
    expectValid(JSON.parse(JSON.stringify(withCrash)), 'a crashed check')
  })

  it('documented optional additions validate: rootCause, diagnosis, a finding location', async () => {
    const report = await diagnoseToken(makeToken(), { now: NOW, secret: TEST_SECRET })
    const subject = report.subjects[0]
    const check = subject?.checks[0]
    if (subject === undefined || check === undefined) throw new Error('no subject')
    const extended = {
      ...report,
      subjects: [
        {
          ...subject,
          rootCause: { checkId: 'time-units', messageId: 'seconds-in-ms-claim' },
          diagnosis: {
            outcome: 'general_error',
            timeline: [{ time: '2026-11-21T06:00:00.000Z', kind: 'auth-call', label: 'POST …/remote/auth', entryIndex: 3 }],
            suspects: [{ id: 'user', title: 'not an end user', confirm: 'look it up' }],
          },
          checks: [{ ...check, location: { path: 'src/login.ts', line: 3, col: 7, endLine: 3, endCol: 20 } }],
        },
      ],
    }
    expectValid(extended, 'extended report')
  })

  it('rejects what breaks the contract', async () => {
    interface Editable {
      schemaVersion: number
      evaluatedAt: string
      summary?: { exitCode: number }
      later?: boolean
      subjects: Array<{ token?: unknown; rootCause?: unknown; later?: number; checks: Array<{ status: string; hints: unknown; data: unknown }> }>
    }
    const report: Editable = JSON.parse(JSON.stringify(await diagnoseToken(makeToken(), { now: NOW })))
    const first = (copy: Editable) => {
      const subject = copy.subjects[0]
      const check = subject?.checks[0]
      if (subject === undefined || check === undefined) throw new Error('no check')
      return { subject, check }
    }
    const broken: Array<[string, (copy: Editable) => void]> = [
      ['no summary', (copy) => delete copy.summary],
      ['schemaVersion 2', (copy) => (copy.schemaVersion = 2)],
      ['an unknown status', (copy) => (first(copy).check.status = 'passed')],
      ['hints not an array', (copy) => (first(copy).check.hints = 'fix it')],
      ['data holding an object', (copy) => (first(copy).check.data = { nested: { a: 1 } })],
      ['token missing (must be null, not absent)', (copy) => delete first(copy).subject.token],
      ['exit code 2 in a report', (copy) => (copy.summary = { exitCode: 2 })],
      ['evaluatedAt not a date-time', (copy) => (copy.evaluatedAt = 'yesterday')],
      ['rootCause without messageId', (copy) => (first(copy).subject.rootCause = { checkId: 'x' })],
    ]
    for (const [label, breakIt] of broken) {
      const copy = structuredClone(report)
      breakIt(copy)
      expect(validate(copy), label).toBe(false)
    }
    // Unknown fields are fine for consumers (the published schema) but not for our own output.
    expect(validate({ ...report, later: true })).toBe(true)
    const extra = structuredClone(report)
    first(extra).subject.later = 1
    expect(validate(extra)).toBe(true)
    expect(validateClosed(extra)).toBe(false)
  })

  it('describes every field of the TypeScript types (src/core/report.ts, CheckResult in src/core/types.ts)', () => {
    const sources = readFileSync('src/core/report.ts', 'utf8') + readFileSync('src/core/types.ts', 'utf8')
    const fieldsOf = (name: string) => {
      const body = new RegExp(`export interface ${name} \\{\\n([\\s\\S]*?)\\n\\}`).exec(sources)?.[1] ?? ''
      return [...body.matchAll(/^ {2}readonly (\w+)\??:/gm)].map((match) => match[1])
    }
    const defs = schema.$defs as { [key: string]: { properties?: { [key: string]: Json } } }
    for (const name of ['Report', 'SubjectReport', 'SubjectSource', 'TokenView', 'CheckResult', 'Diagnosis', 'Summary']) {
      const fields = fieldsOf(name)
      expect(fields.length, name).toBeGreaterThan(0)
      expect(Object.keys(defs[name]?.properties ?? {}), `schema/report.schema.json $defs.${name}`).toEqual(expect.arrayContaining(fields))
    }
  })

  it('docs/json-output.md names every field the schema describes', () => {
    const docs = readFileSync('docs/json-output.md', 'utf8')
    const names = new Set<string>()
    const walk = (node: Json) => {
      if (Array.isArray(node)) node.forEach(walk)
      else if (node !== null && typeof node === 'object') {
        const properties = node.properties
        if (properties !== undefined && properties !== null && typeof properties === 'object' && !Array.isArray(properties))
          for (const key of Object.keys(properties)) names.add(key)
        Object.values(node).forEach(walk)
      }
    }
    walk(schema.$defs ?? null)
    // In a code span of its own or inside one such as `{ checkId, messageId }`.
    const spans = (docs.replace(/```[\s\S]*?```/g, ' ').match(/`[^`]+`/g) ?? []).join(' ')
    for (const name of names) expect(new RegExp(`[^\\w-]${name}[^\\w-]`).test(spans), `docs/json-output.md does not mention \`${name}\``).toBe(true)
  })
})
