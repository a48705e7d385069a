import { readdirSync, readFileSync } from 'node:fs'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { validateXML } from 'xmllint-wasm'
import { buildReport, type Report, type SubjectReport } from '../../src/core/report.js'
import type { CheckResult, CheckStatus } from '../../src/core/types.js'
import { renderJunit } from '../../src/render/junit.js'
import { runCliInProcess } from '../helpers/run-cli.js'
import { goodPayload, makeToken, NOW, TEST_SECRET } from '../helpers/tokens.js'

// A real validator (libxml2 compiled to WebAssembly) against the Jenkins xunit plugin's schema.
const XSD = { fileName: 'junit-10.xsd', contents: readFileSync('test/fixtures/schemas/junit-10.xsd', 'utf8') }

async function validate(xml: string, xpath?: string) {
  return validateXML({
    xml: { fileName: 'report.xml', contents: xml },
    schema: XSD,
    ...(xpath === undefined ? {} : { modifyArguments: (args: string[]) => [...args, '--xpath', xpath] }),
  })
}

async function expectValid(xml: string): Promise<void> {
  const result = await validate(xml)
  expect(result.errors.map((error) => error.rawMessage)).toEqual([])
  expect(result.valid).toBe(true)
}

const result = (id: string, status: CheckStatus, message: string, extra: Partial<CheckResult> = {}): CheckResult => ({
  id,
  status,
  severity: status === 'warn' ? 'warning' : 'error',
  title: `${id} title`,
  messageId: `${id}-${status}`,
  message,
  hints: [`hint for ${id}`],
  data: {},
  ...extra,
})

const subject = (checks: CheckResult[], source: SubjectReport['source'] = { kind: 'argument', ref: 'argument' }): SubjectReport => ({
  source,
  token: null,
  notes: [],
  checks,
  verdict: 'Zoho would reject this token: "a" & <b>.',
})

const report = (subjects: SubjectReport[], strict = false, command = 'verify'): Report =>
  buildReport({ toolVersion: '0.0.0', command, now: NOW, subjects, strict })

describe('JUnit output against junit-10.xsd', () => {
  it('the schema itself rejects what the old output did (skipped on <testsuites>)', async () => {
    const old = '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="x" tests="0" failures="0" errors="0" skipped="0"></testsuites>\n'
    const checked = await validate(old)
    expect(checked.valid).toBe(false)
    expect(checked.rawOutput).toContain("attribute 'skipped': The attribute 'skipped' is not allowed")
  })

  it('every status, strict or not, several subjects', async () => {
    const checks = [
      result('a', 'pass', 'ok'),
      result('b', 'fail', 'bad'),
      result('c', 'warn', 'hmm'),
      result('d', 'skip', 'not run'),
      result('e', 'error', 'crashed'),
    ]
    for (const strict of [false, true]) {
      const xml = renderJunit(
        report([subject(checks), subject(checks, { kind: 'har', ref: 'dir.v2/session.har', entryIndex: 12, time: '2026-11-21T05:59:00.000Z' })], strict, 'har'),
      )
      await expectValid(xml)
      expect(xml).not.toMatch(/<testsuites[^>]*skipped=/)
      // Jenkins needs the counts to match the cases.
      expect(xml).toContain(`tests="10" failures="${strict ? 4 : 2}" errors="2"`)
    }
  })

  it('each testcase has time and classname (command and subject); each suite a timestamp', async () => {
    const xml = renderJunit(
      report(
        [subject([result('a', 'pass', 'ok')], { kind: 'har', ref: 'dir.v2/session.har', entryIndex: 12 }), subject([result('a', 'fail', 'x')])],
        false,
        'har',
      ),
    )
    await expectValid(xml)
    expect(xml).toContain('<testcase classname="asap-doctor.har.session_har#12" name="a" time="0">')
    expect(xml).toContain('<testcase classname="asap-doctor.har.token" name="a" time="0">')
    const suites = xml.match(/<testsuite [^>]*>/g) ?? []
    expect(suites).toHaveLength(2)
    for (const suite of suites) expect(suite).toContain('timestamp="2026-11-21T06:00:00"')
    expect(xml.match(/<testcase [^>]*>/g)?.every((testcase) => /\btime="0"/.test(testcase) && /\bclassname="asap-doctor\.har\./.test(testcase))).toBe(true)
  })

  it('characters XML forbids become U+FFFD; the rest survives a parser', async () => {
    const nasty = 'a\u0000b\u0008c\u000Bd\u001Fe\uFFFEf\uFFFFg\uD800h\uDC00i\uDBFF'
    const kept = 'tab\tnl\ncr\r & < > " \' ]]> \u0085 \u007F 😀 é'
    const xml = renderJunit(report([subject([result('x', 'fail', `${nasty}|${kept}`)])]))
    await expectValid(xml)
    const message = await validate(xml, 'string(//testcase/failure/@message)')
    expect(message.valid).toBe(true)
    expect(message.normalized.replace(/\n$/, '')).toBe(`a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf\uFFFDg\uFFFDh\uFFFDi\uFFFD|${kept}`)
    const body = await validate(xml, 'string(//testcase/failure)')
    expect(body.normalized).toContain(`|${kept}\nFix: hint for x`)
  })

  it('any string in any field still validates (property)', async () => {
    // One report with many arbitrary subjects, so one validator run checks them all.
    const anyText = fc.string({ unit: 'binary', maxLength: 40 })
    const statuses = fc.constantFrom<CheckStatus>('pass', 'fail', 'warn', 'skip', 'error')
    const check = fc.record({ id: anyText, status: statuses, message: anyText, messageId: anyText, hint: anyText })
    const subjects = fc.array(fc.record({ ref: anyText, verdict: anyText, checks: fc.array(check, { maxLength: 6 }) }), { minLength: 1, maxLength: 60 })
    const samples = fc.sample(fc.tuple(subjects, anyText, fc.boolean()), 5)
    for (const [generated, command, strict] of samples) {
      const built = generated.map((item) => ({
        ...subject(
          item.checks.map((c) => result(c.id, c.status, c.message, { messageId: c.messageId, hints: [c.hint] })),
          { kind: 'file', ref: item.ref },
        ),
        verdict: item.verdict,
      }))
      await expectValid(renderJunit(report(built, strict, command)))
    }
  })

  it('real CLI runs validate: verify (pass, fail, strict warnings) and every junit golden output', async () => {
    const secret = `--secret=${TEST_SECRET}`
    const runs = [
      ['verify', makeToken(), secret],
      ['verify', makeToken({ payload: goodPayload({ email: 'Jane.Doe@example.com', not_before: 1, not_after: 2 }) }), secret, '--strict'],
      ['verify', makeToken(), '--exact'],
    ]
    for (const argv of runs) {
      const run = await runCliInProcess([...argv, '--format', 'junit'])
      expect(run.stderr.replace(/^asap-doctor: warning: .*\n/gm, '')).toBe('')
      await expectValid(run.stdout)
      expect(run.stdout).toContain('classname="asap-doctor.verify.token"')
    }
    const goldens = readdirSync('test/cli/golden').filter((name) => name.includes('junit'))
    expect(goldens.length).toBeGreaterThan(0)
    for (const name of goldens) {
      const stdout = /--- stdout\n([\s\S]*?)\n--- stderr/.exec(readFileSync(`test/cli/golden/${name}`, 'utf8'))?.[1]
      expect(stdout, name).toMatch(/^<\?xml/)
      await expectValid(`${stdout}\n`)
    }
  })
})
