import { children } from '../../scan/js/ast.js'
import type { AstNode } from '../../scan/js/parse.js'
import type { Script } from '../../scan/types.js'
import { FlowAnalysis, functionOf, loginCalls, type Origin, tokenHandOffs } from './js-flow.js'

export interface HandOffOrigin {
  readonly at: AstNode
  readonly value: AstNode
  readonly origin: Origin
}

/**
 * For every `invoke('login', getJwtTokenCallback)` in the scripts: where each value handed to
 * `successCallback` comes from. Shared by callback-not-bare-token and token-not-fresh.
 */
const cache = new WeakMap<readonly Script[], HandOffOrigin[]>()

export function handOffOrigins(scripts: readonly Script[]): HandOffOrigin[] {
  const cached = cache.get(scripts)
  if (cached !== undefined) return cached
  const out: HandOffOrigin[] = []
  cache.set(scripts, out)
  for (const { index } of scripts) {
    for (const call of loginCalls(index)) {
      const callback = functionOf(index, children(call, 'arguments')[1])
      if (callback === undefined) continue
      const flow = new FlowAnalysis(index, callback)
      for (const handOff of tokenHandOffs(index, callback)) {
        const origin = handOff.viaThen ? flow.awaited(handOff.value, 0) : flow.origin(handOff.value)
        out.push({ at: handOff.at, value: handOff.value, origin })
      }
    }
  }
  return out
}
