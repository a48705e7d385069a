import { describe, expect, it } from 'vitest'
import type { Check } from '../../src/core/define-check.js'
import { runChecks } from '../../src/core/run-checks.js'
import { extractToken } from '../../src/core/token/extract-token.js'
import { parseToken } from '../../src/core/token/parse-token.js'
import type { CheckContext, CheckStatus, FindingData } from '../../src/core/types.js'
import { NOW } from './tokens.js'

export interface CheckCase {
  readonly name: string
  /** Raw input; cleaned like the CLI does. Omit for a subject without a token. */
  readonly input?: string
  readonly context?: Partial<Omit<CheckContext, 'earlier'>>
  /** Checks to run first, so `earlier` is filled as in a real run. */
  readonly before?: readonly Check[]
  readonly messageId: string
  readonly status?: CheckStatus
  /** Asserted as a subset of the finding's data. */
  readonly data?: FindingData
}

/**
 * ESLint RuleTester, shrunk: `valid` cases must pass (or skip, when stated), `invalid` ones must
 * produce the given message id. Assertions are on ids and data, not on sentences.
 */
export function checkTester(check: Check, cases: { valid: readonly CheckCase[]; invalid: readonly CheckCase[] }): void {
  describe(check.id, () => {
    for (const [group, list] of [
      ['valid', cases.valid],
      ['invalid', cases.invalid],
    ] as const) {
      describe(group, () => {
        for (const testCase of list) {
          it(testCase.name, async () => {
            const result = await runCase(check, testCase)
            expect(result.messageId).toBe(testCase.messageId)
            const expectedStatus = testCase.status ?? (group === 'valid' ? 'pass' : 'fail')
            expect(result.status).toBe(expectedStatus)
            if (testCase.data !== undefined) expect(result.data).toMatchObject(testCase.data)
            expect(result.message).not.toMatch(/\{\{/)
          })
        }
      })
    }
  })
}

export async function runCase(check: Check, testCase: Pick<CheckCase, 'input' | 'context' | 'before'>) {
  const extracted = testCase.input === undefined ? undefined : extractToken(testCase.input)
  const context: Omit<CheckContext, 'earlier'> = {
    now: NOW,
    leewayMs: 0,
    removedWrapping: extracted?.removed ?? [],
    exact: false,
    secrets: [],
    ...(extracted === undefined ? {} : { token: parseToken(extracted.token) }),
    ...testCase.context,
  }
  const results = await runChecks([...(testCase.before ?? []), check], context)
  const result = results.at(-1)
  if (result === undefined) throw new Error('no result')
  return result
}
