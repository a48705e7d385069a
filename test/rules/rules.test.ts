/// <reference types="vite/client" />
import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { allRules } from '../../src/rules/index.js'
import { scanReport } from '../../src/scan/build-report.js'
import { signerScripts } from '../../src/rules/support/signer-js.js'
import { scanFile, sourceFile } from '../../src/scan/scan-file.js'
import type { RuleCase } from './case-types.js'

const tables = import.meta.glob<{ cases: readonly RuleCase[] }>('./*.cases.ts', { eager: true })

function casesOf(id: string): readonly RuleCase[] {
  return tables[`./${id}.cases.ts`]?.cases ?? []
}

describe('scan rules: valid/invalid case tables', () => {
  for (const rule of allRules) {
    describe(rule.id, () => {
      for (const testCase of casesOf(rule.id)) {
        it(`${testCase.expect.length === 0 ? 'valid' : 'invalid'}: ${testCase.name}`, () => {
          const file = sourceFile(testCase.path, testCase.code)
          expect(file).toBeDefined()
          if (file === undefined) return
          const scan = scanFile(file, [rule], testCase.config ?? {})
          expect(scan.crashed).toEqual([])
          // Findings that depend on the tree (a nonce passed elsewhere, a JSON endpoint) are decided
          // by the report, as in a real scan: the case's own file plus its `tree`.
          const others = (testCase.tree ?? []).map((other) => sourceFile(other.path, other.code)).filter((other) => other !== undefined)
          const report = scanReport([scan, ...others.map((other) => scanFile(other, [rule], testCase.config ?? {}))], [rule], {
            toolVersion: '0',
            now: 0,
            strict: false,
            scannedFiles: 1 + others.length,
          })
          const subject = report.subjects.find((candidate) => candidate.source.ref === testCase.path)
          expect(subject?.checks.map((check) => check.messageId) ?? []).toEqual(testCase.expect)
        })
      }
    })
  }
})

describe('triggers: a large vendor bundle that only mentions the words is not parsed', () => {
  // The words alone (`secret`, `.sign(`, `Hmac`) are in most vendor bundles; secret-in-browser's
  // trigger asks for the shape of a finding, so such a bundle never reaches the parser.
  const vendor = [
    'var q={_createHmacHelper:function(h){return h._hasher}};',
    'var d=Math.sign(x)*e.sign(y);',
    'var o={client_secret:r,redirect_uri:n};',
    'e.ideographicsecretcircle=12953,e.ideographicselfparen=12866;',
    'url+"&client_secret="+r+"&redirect_uri="+encodeURIComponent(u)',
  ]
  const rule = allRules.find((candidate) => candidate.id === 'secret-in-browser')
  for (const code of vendor) {
    it(`secret-in-browser: ${code}`, () => {
      expect(rule?.trigger.test(code)).toBe(false)
    })
  }
})

describe('signerScripts: the signer rules parse a file only when it can hold an ASAP signing', () => {
  const scripts = [{ index: undefined, offset: 0, parser: 'strict' }] as unknown as Parameters<typeof signerScripts>[0]['scripts']
  const cases: Array<{ text: string; parsed: boolean }> = [
    // RSVP's `asap` microtask helper, Math.sign and CryptoJS's HMAC helper: a vendor bundle, not a signer.
    { text: 'n.d(t,"asap",function(){return r});var x=Math.sign(y);s.HmacMD5=u._createHmacHelper(l)', parsed: false },
    { text: 'const t = jwt.sign({ email }, process.env.ZOHO_ASAP_SECRET)', parsed: true },
    { text: "const t = jwt['sign']({ email }, asapKey)", parsed: true },
    { text: "import { sign } from 'jsonwebtoken'\nconst t = sign(p, process.env.ASAP_KEY)", parsed: true },
    { text: 'const t = await new SignJWT(p).sign(zohoSecret)', parsed: true },
    { text: "crypto.createHmac('sha256', ZOHO_SECRET)", parsed: true },
    { text: 'mint({ email, email_verified: true })', parsed: true },
  ]
  for (const { text, parsed } of cases) {
    it(`${parsed ? 'parses' : 'skips'}: ${text}`, () => {
      expect(signerScripts({ file: { text }, scripts }).length > 0).toBe(parsed)
    })
  }
})

describe('rule registry', () => {
  it('has unique ids in kebab-case', () => {
    const ids = allRules.map((rule) => rule.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const id of ids) expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/)
  })

  for (const rule of allRules) {
    it(`${rule.id}: docs with wrong and corrected code, and at least one valid and one invalid case`, () => {
      expect(rule.docs).toBe(`docs/rules/${rule.id}.md`)
      expect(existsSync(rule.docs)).toBe(true)
      const docs = readFileSync(rule.docs, 'utf8')
      expect(docs.startsWith(`# ${rule.id}\n`)).toBe(true)
      expect(docs).toContain('Corrected:')
      expect((docs.match(/```/g) ?? []).length).toBeGreaterThanOrEqual(4)
      for (const id of Object.keys(rule.messages)) expect(docs).toContain(`\`${id}\``)
      const cases = casesOf(rule.id)
      expect(cases.some((c) => c.expect.length === 0)).toBe(true)
      expect(cases.some((c) => c.expect.length > 0)).toBe(true)
      // Every message a rule can report is exercised by some invalid case.
      const reported = new Set(cases.flatMap((c) => c.expect))
      for (const id of Object.keys(rule.messages)) if (!['app-mismatch'].includes(id)) expect([...reported], `message ${id}`).toContain(id)
    })
  }
})
