import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { allChecks } from '../../src/checks/index.js'
import { CAUSAL_ORDER, causalRank, rankFailures } from '../../src/verdict/causal-order.js'
import type { CheckResult } from '../../src/core/types.js'

const doc = readFileSync(new URL('../../docs/verdicts.md', import.meta.url), 'utf8')
const result = (id: string, messageId: string, status: CheckResult['status'] = 'fail'): CheckResult => ({
  id,
  messageId,
  status,
  severity: 'error',
  title: id,
  message: '',
  hints: [],
  data: {},
  verdict: `${id}/${messageId}`,
})

describe('the causal order', () => {
  it('is documented row by row, in the same order, in docs/verdicts.md', () => {
    const rows = [...doc.matchAll(/^\| (\d+) \| `([a-z-]+)`/gm)].map((match) => match[2])
    expect(rows).toEqual(CAUSAL_ORDER.map((step) => step.check))
  })

  it('knows every check the tool has', () => {
    const ordered = new Set(CAUSAL_ORDER.map((step) => step.check))
    for (const check of allChecks) expect(ordered.has(check.id), `${check.id} has no place in the causal order`).toBe(true)
  })

  it('names only message ids that exist', () => {
    for (const step of CAUSAL_ORDER) {
      const check = allChecks.find((candidate) => candidate.id === step.check)
      for (const messageId of step.messages ?? []) expect(Object.keys(check?.messages ?? {})).toContain(messageId)
    }
  })

  it.each([
    ['seconds before the expiry they cause', ['time-validity/expired-wrong-unit', 'time-units/seconds-in-ms-claim'], 'time-units'],
    ['a cached token before its expiry', ['time-validity/expired', 'login-timing/cached-token'], 'login-timing'],
    ['a replay before anything about the user', ['help-center-user/no-contact', 'login-timing/replayed'], 'login-timing'],
    ['the wire shape before the signature', ['signature/mismatch', 'token-format/wrapped'], 'token-format'],
    ['the identity mapping last', ['help-center-user/no-contact', 'allowed-domain/not-listed'], 'allowed-domain'],
    ['a blocked widget before everything', ['allowed-domain/not-listed', 'login-timing/widget-blocked'], 'login-timing'],
  ])('%s', (_name, failures, root) => {
    const checks = failures.map((code) => {
      const [id = '', messageId = ''] = code.split('/')
      return result(id, messageId)
    })
    expect(rankFailures(checks).root?.id).toBe(root)
  })

  it('never names the observed rejection as the cause', () => {
    expect(rankFailures([result('login-outcome', 'general-error')]).root).toBeUndefined()
    expect(causalRank(result('login-outcome', 'general-error'))).toBe(CAUSAL_ORDER.length - 1)
  })

  it('ignores warnings and crashed checks as causes', () => {
    const ranked = rankFailures([result('time-units', 'ok', 'warn'), result('signature', 'crashed', 'error')])
    expect(ranked.root).toBeUndefined()
    expect(ranked.crashed.map((check) => check.id)).toEqual(['signature'])
  })
})
