import type { CheckCase } from '../helpers/check-tester.js'

/** Each `test/checks/<id>.cases.ts` default-exports this: the check's valid/invalid table. */
export interface CheckCases {
  readonly valid: readonly CheckCase[]
  readonly invalid: readonly CheckCase[]
}
