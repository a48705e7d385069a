import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { allChecks } from '../../src/checks/index.js'
import { CAUSAL_ORDER, causalRank, rankFailures, SAME_FACT } from '../../src/verdict/causal-order.js'
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

describe('one fact, two checks', () => {
  it('is documented group by group in docs/verdicts.md, with ids that exist', () => {
    for (const fact of SAME_FACT) {
      expect(doc).toContain(fact.results.map((id) => `\`${id}\``).join(', '))
      expect(doc).toContain(fact.why)
      for (const id of fact.results) {
        const [checkId, messageId] = id.split('/')
        const check = allChecks.find((candidate) => candidate.id === checkId)
        expect(Object.keys(check?.messages ?? {}), id).toContain(messageId)
      }
    }
  })

  it('names a fact once: the root cause, not again after "also:"', () => {
    const wrapped = rankFailures([result('token-format', 'wrapped'), result('page-runtime', 'callback-wrapped'), result('signature', 'mismatch')])
    expect(wrapped.root?.id).toBe('page-runtime')
    expect(wrapped.others.map((check) => `${check.id}/${check.messageId}`)).toEqual(['signature/mismatch'])
    const user = rankFailures([result('email-normalization', 'differs-from-user'), result('help-center-user', 'case-mismatch')])
    expect(user.root?.id).toBe('help-center-user')
    expect(user.others).toEqual([])
  })

  it('keeps different facts of the same checks', () => {
    const ranked = rankFailures([result('page-runtime', 'csp-blocks-login'), result('token-format', 'wrapped')])
    expect(ranked.others.map((check) => check.id)).toEqual(['token-format'])
  })
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
