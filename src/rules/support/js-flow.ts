import {
  type Binding,
  calleeName,
  calleeTail,
  child,
  children,
  dottedName,
  isFunction,
  type ProgramIndex,
  property,
  str,
  stringValue,
} from '../../scan/js/ast.js'
import type { AstNode } from '../../scan/js/parse.js'

/** Every `ZohoDeskAsap.invoke('login', …)` call of a program. */
export function loginCalls(index: ProgramIndex): AstNode[] {
  return index.nodes.filter(
    (node) =>
      node.type === 'CallExpression' && /(^|\.)ZohoDeskAsap\.invoke$/.test(calleeName(node) ?? '') && stringValue(children(node, 'arguments')[0]) === 'login',
  )
}

/** The function an expression stands for: an inline function, or a name bound to one. */
export function functionOf(index: ProgramIndex, node: AstNode | undefined, depth = 0): AstNode | undefined {
  if (node === undefined || depth > 3) return undefined
  if (isFunction(node)) return node
  if (node.type === 'Identifier') {
    const binding = index.resolve(node)
    if (binding === undefined) return undefined
    if (binding.kind === 'function') return binding.node
    if (binding.init !== undefined && binding.property === undefined) return functionOf(index, binding.init, depth + 1)
  }
  // `useCallback(fn, deps)` and similar wrappers hand the function through.
  if (node.type === 'CallExpression' && /^(useCallback|useMemo)$/.test(calleeTail(node) ?? ''))
    return functionOf(index, children(node, 'arguments')[0], depth + 1)
  return undefined
}

export function within(node: AstNode, outer: AstNode): boolean {
  return node.start >= outer.start && node.end <= outer.end
}

/**
 * The value handed to `successCallback` in a getJwtTokenCallback: calls of its first parameter,
 * and `.then(successCallback)` hand-offs (the value is what the promise before it resolves to).
 */
export interface TokenHandOff {
  /** The node to report at: the `successCallback(…)` call, or the `.then(successCallback)` call. */
  readonly at: AstNode
  /** The expression whose value reaches successCallback, or the promise whose result does. */
  readonly value: AstNode
  readonly viaThen: boolean
}

export function tokenHandOffs(index: ProgramIndex, callback: AstNode): TokenHandOff[] {
  const first = children(callback, 'params')[0]
  if (first?.type !== 'Identifier') return []
  const param = index.resolve(first)
  const out: TokenHandOff[] = []
  for (const node of index.nodes) {
    if (node.type !== 'CallExpression' || !within(node, callback)) continue
    const callee = child(node, 'callee')
    const args = children(node, 'arguments')
    if (callee?.type === 'Identifier' && index.resolve(callee) === param && param !== undefined) {
      const value = args[0]
      if (value !== undefined) out.push({ at: node, value, viaThen: false })
    } else if (
      calleeTail(node) === 'then' &&
      args[0]?.type === 'Identifier' &&
      index.resolve(args[0]) === param &&
      param !== undefined &&
      callee?.type === 'MemberExpression'
    ) {
      const promise = child(callee, 'object')
      if (promise !== undefined) out.push({ at: node, value: promise, viaThen: true })
    }
  }
  return out
}

/** Where a value comes from, as far as a simple intra-file data flow can tell. */
export type Origin =
  | { readonly kind: 'fine' | 'unknown' }
  | { readonly kind: 'object' | 'json-stringify' | 'bearer' | 'concatenation' | 'template' | 'parsed-body' }
  | { readonly kind: 'response'; readonly url?: string }
  | { readonly kind: 'text-body'; readonly url?: string }
  | { readonly kind: 'storage' | 'cookie' | 'module-variable' | 'outer-variable' | 'memoised' | 'literal'; readonly name?: string }

const BAD_SHAPE = new Set(['object', 'json-stringify', 'bearer', 'concatenation', 'template', 'parsed-body', 'response'])
const STALE = new Set(['storage', 'cookie', 'module-variable', 'outer-variable', 'memoised', 'literal'])

export function isBadShape(origin: Origin): boolean {
  return BAD_SHAPE.has(origin.kind)
}

export function isStale(origin: Origin): boolean {
  return STALE.has(origin.kind)
}

/**
 * Follows a value back through local names, awaits, `.then` chains and small helper functions of
 * the same file. `callback` is the getJwtTokenCallback: a name bound outside it is not fresh.
 */
export class FlowAnalysis {
  constructor(
    private readonly index: ProgramIndex,
    private readonly callback: AstNode,
  ) {}

  origin(node: AstNode | undefined, depth = 0): Origin {
    if (node === undefined || depth > 8) return { kind: 'unknown' }
    switch (node.type) {
      case 'Literal':
        return typeof node.value === 'string' ? { kind: 'literal' } : { kind: 'unknown' }
      case 'TemplateLiteral': {
        const text = children(node, 'quasis')
          .map((quasi) => {
            const value = quasi.value
            return typeof value === 'object' && value !== null && 'cooked' in value && typeof value.cooked === 'string' ? value.cooked : ''
          })
          .join('')
        const expressions = children(node, 'expressions')
        if (text.trim() !== '') return /bearer/i.test(text) ? { kind: 'bearer' } : { kind: 'template' }
        return expressions.length === 0 ? { kind: 'literal' } : this.origin(expressions[0], depth + 1)
      }
      case 'BinaryExpression': {
        if (node.operator !== '+') return { kind: 'unknown' }
        const parts = [child(node, 'left'), child(node, 'right')]
        const literal = parts.map((part) => stringValue(part)).find((value) => value !== undefined && value !== '')
        if (literal !== undefined) return /bearer/i.test(literal) ? { kind: 'bearer' } : { kind: 'concatenation' }
        return { kind: 'unknown' }
      }
      case 'ObjectExpression':
        return { kind: 'object' }
      case 'ParenthesizedExpression':
      case 'ChainExpression':
      case 'TSNonNullExpression':
        return this.origin(child(node, 'expression'), depth + 1)
      case 'AwaitExpression': {
        const argument = child(node, 'argument')
        if (argument?.type === 'Identifier') {
          const binding = this.index.resolve(argument)
          if (binding === undefined || !within(binding.scope, this.callback)) return { kind: 'memoised', name: str(argument, 'name') ?? '' }
        }
        return this.awaited(argument, depth + 1)
      }
      case 'ConditionalExpression':
        return worst(this.origin(child(node, 'consequent'), depth + 1), this.origin(child(node, 'alternate'), depth + 1))
      case 'LogicalExpression':
        return worst(this.origin(child(node, 'left'), depth + 1), this.origin(child(node, 'right'), depth + 1))
      case 'CallExpression':
        return this.callOrigin(node, depth)
      case 'MemberExpression':
        return this.memberOrigin(node, depth)
      case 'Identifier':
        return this.identifierOrigin(node, depth)
      default:
        return { kind: 'unknown' }
    }
  }

  /** What `await x` or `.then` sees: the resolved value of a promise expression. */
  awaited(node: AstNode | undefined, depth: number): Origin {
    if (node === undefined) return { kind: 'unknown' }
    if (node.type === 'CallExpression') {
      const tail = calleeTail(node)
      const callee = child(node, 'callee')
      if (tail === 'then' && callee?.type === 'MemberExpression') {
        const handler = functionOf(this.index, children(node, 'arguments')[0])
        if (handler !== undefined) return this.returned(handler, depth + 1)
      }
      if (/^(fetch|ky|got)$/.test(calleeName(node) ?? '')) {
        const url = stringValue(children(node, 'arguments')[0])
        return url === undefined ? { kind: 'response' } : { kind: 'response', url }
      }
      if (/^(axios|\$http|http|api|client|request)\.(get|post)$|^axios$/.test(calleeName(node) ?? '')) return { kind: 'object' }
    }
    return this.origin(node, depth)
  }

  private callOrigin(node: AstNode, depth: number): Origin {
    const name = calleeName(node) ?? ''
    const tail = calleeTail(node) ?? ''
    const callee = child(node, 'callee')
    const args = children(node, 'arguments')
    if (name === 'JSON.stringify') return { kind: 'json-stringify' }
    if (/^(localStorage|sessionStorage)\.getItem$/.test(name)) return { kind: 'storage', name }
    if (/^(Cookies|cookies|cookie|jsCookie)\.get$|^getCookie$|^readCookie$/.test(name)) return { kind: 'cookie', name }
    // String operations keep the value's origin: `document.cookie.split('=')[1]` is still the cookie.
    if (/^(split|slice|substring|substr|replace|replaceAll|match|at|pop|shift)$/.test(tail) && callee?.type === 'MemberExpression') {
      const inner = this.origin(child(callee, 'object'), depth + 1)
      return isStale(inner) && inner.kind !== 'literal' ? inner : { kind: 'unknown' }
    }
    if (name === 'String' || tail === 'toString' || tail === 'trim')
      return this.origin(tail === 'String' || name === 'String' ? args[0] : child(callee, 'object'), depth + 1)
    if (name === 'JSON.parse') {
      const inner = this.origin(args[0], depth + 1)
      return isStale(inner) ? inner : { kind: 'parsed-body' }
    }
    if (tail === 'json' && args.length === 0 && callee?.type === 'MemberExpression') return { kind: 'parsed-body' }
    if (tail === 'text' && args.length === 0 && callee?.type === 'MemberExpression') {
      // `r.text()` of `fetch(url)`: the raw body, fine when the endpoint answers with the bare token.
      const response = this.origin(child(callee, 'object'), depth + 1)
      return response.kind === 'response' && response.url !== undefined ? { kind: 'text-body', url: response.url } : { kind: 'text-body' }
    }
    const fn = functionOf(this.index, callee)
    if (fn !== undefined && !within(node, fn)) {
      const returned = this.returned(fn, depth + 1)
      return returned.kind === 'outer-variable' || returned.kind === 'module-variable' ? { kind: 'memoised', name: calleeName(node) ?? '' } : returned
    }
    return { kind: 'unknown' }
  }

  private memberOrigin(node: AstNode, depth: number): Origin {
    const name = dottedName(node) ?? ''
    if (/^(window\.)?(localStorage|sessionStorage)\./.test(name)) return { kind: 'storage', name }
    if (/^(window\.)?document\.cookie$/.test(name)) return { kind: 'cookie', name }
    const object = this.origin(child(node, 'object'), depth + 1)
    if (isStale(object) && object.kind !== 'literal') return object
    if (object.kind === 'response' && str(child(node, 'property'), 'name') === 'data') return { kind: 'object' }
    return { kind: 'fine' }
  }

  private identifierOrigin(node: AstNode, depth: number): Origin {
    const name = str(node, 'name') ?? ''
    if (name === 'undefined') return { kind: 'unknown' }
    const binding = this.index.resolve(node)
    if (binding === undefined) return { kind: 'outer-variable', name }
    if (binding.kind === 'function' || binding.kind === 'import') return { kind: 'unknown' }
    if (!within(binding.node, this.callback)) return { kind: binding.scope.type === 'Program' ? 'module-variable' : 'outer-variable', name }
    return this.bindingOrigin(binding, depth)
  }

  private bindingOrigin(binding: Binding, depth: number): Origin {
    if (binding.kind === 'param') {
      // A `.then(data => …)` handler parameter: the value of the promise before it.
      const fn = binding.scope
      const parent = this.index.parents.get(fn)
      if (
        parent?.type === 'CallExpression' &&
        calleeTail(parent) === 'then' &&
        children(fn, 'params')[0] !== undefined &&
        within(binding.node, children(fn, 'params')[0] ?? fn)
      ) {
        const callee = child(parent, 'callee')
        const resolved = this.awaited(child(callee, 'object'), depth + 1)
        return binding.property === undefined ? resolved : this.projected(resolved)
      }
      return { kind: 'unknown' }
    }
    const assignments = this.index.assignmentsTo(binding)
    const source = assignments.at(-1) === undefined ? binding.init : child(assignments.at(-1), 'right')
    const resolved = this.origin(source, depth + 1)
    return binding.property === undefined ? resolved : this.projected(resolved)
  }

  /** `const { token } = body`: a field of a parsed body is fine, a field of stale data is stale. */
  private projected(origin: Origin): Origin {
    if (isStale(origin) && origin.kind !== 'literal') return origin
    return { kind: 'fine' }
  }

  /** The worst origin among a function's returned values, judged from inside that function. */
  returned(fn: AstNode, depth: number): Origin {
    // A helper outside the callback is judged relative to itself: what it keeps outside is a cache.
    const flow = within(fn, this.callback) ? this : new FlowAnalysis(this.index, fn)
    const body = child(fn, 'body')
    if (body !== undefined && body.type !== 'BlockStatement') return flow.awaitedIfAsync(fn, body, depth)
    const results: Origin[] = []
    for (const node of this.index.nodes) {
      if (node.type !== 'ReturnStatement' || !within(node, fn) || this.index.scopeOf(node) !== fn) continue
      const argument = child(node, 'argument')
      const target = argument?.type === 'AssignmentExpression' || argument?.type === 'LogicalExpression' ? child(argument, 'left') : undefined
      const binding = target?.type === 'Identifier' ? this.index.resolve(target) : undefined
      if (binding !== undefined && !within(binding.node, fn) && (argument?.type === 'AssignmentExpression' || isStale(flow.origin(target, depth + 1)))) {
        // `return cached ??= fetch(…)`, `return cached || (cached = load())`
        results.push({ kind: 'memoised', name: binding.name })
        continue
      }
      results.push(flow.awaitedIfAsync(fn, argument, depth))
    }
    return results.reduce(worst, { kind: 'unknown' })
  }

  private awaitedIfAsync(fn: AstNode, node: AstNode | undefined, depth: number): Origin {
    return fn.async === true || node?.type === 'CallExpression' ? this.awaited(node, depth) : this.origin(node, depth)
  }
}

const RANK: Readonly<Record<string, number>> = {
  unknown: 0,
  fine: 0,
  literal: 1,
  'text-body': 1,
  'outer-variable': 2,
  'module-variable': 2,
  memoised: 3,
  storage: 3,
  cookie: 3,
  response: 4,
  object: 4,
  'parsed-body': 4,
  'json-stringify': 4,
  bearer: 4,
  concatenation: 4,
  template: 4,
}

function worst(a: Origin, b: Origin): Origin {
  return (RANK[b.kind] ?? 0) > (RANK[a.kind] ?? 0) ? b : a
}

export { property }
