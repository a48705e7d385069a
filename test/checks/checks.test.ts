import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { allChecks } from '../../src/checks/index.js'
import { checkTester } from '../helpers/check-tester.js'
import type { CheckCases } from './cases.js'

// Convention: test/checks/<id>.cases.ts holds the valid/invalid table of src/checks/<id>.ts.
const tables = new Map<string, CheckCases>()
for (const check of allChecks) {
  const path = new URL(`./${check.id}.cases.ts`, import.meta.url)
  if (existsSync(path)) tables.set(check.id, ((await import(path.href)) as { default: CheckCases }).default)
}

describe('registry', () => {
  it('has unique ids in kebab-case', () => {
    const ids = allChecks.map((check) => check.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const id of ids) expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/)
  })

  for (const check of allChecks) {
    describe(check.id, () => {
      it('lives in src/checks/<id>.ts', () => {
        expect(existsSync(new URL(`../../src/checks/${check.id}.ts`, import.meta.url))).toBe(true)
      })
      it('has a docs page with the fixed sections', () => {
        const docs = new URL(`../../${check.docs}`, import.meta.url)
        expect(existsSync(docs), `${check.docs} is missing`).toBe(true)
        const text = readFileSync(docs, 'utf8')
        expect(text.startsWith(`# ${check.id}`)).toBe(true)
        for (const section of ['## Why Zoho rejects it', '## How to fix it']) expect(text).toContain(section)
        for (const messageId of Object.keys(check.messages)) expect(text, `${check.docs} does not document ${messageId}`).toContain(messageId)
      })
      it('has a table with at least one passing and one failing (or warning) case', () => {
        const table = tables.get(check.id)
        expect(table, `test/checks/${check.id}.cases.ts is missing`).toBeDefined()
        expect(table?.valid.some((c) => (c.status ?? 'pass') === 'pass')).toBe(true)
        expect(table?.invalid.length).toBeGreaterThan(0)
      })
      it('has a fix for every failure or warning message', () => {
        for (const [id, spec] of Object.entries(check.messages)) {
          if (spec.status === 'fail' || spec.status === 'warn') expect(spec.hints?.length ?? 0, `${check.id}/${id} has no hint`).toBeGreaterThan(0)
        }
      })
    })
  }
})

for (const check of allChecks) {
  const table = tables.get(check.id)
  if (table !== undefined) checkTester(check, table)
}
