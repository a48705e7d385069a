import { type AstNode, isNode } from './parse.js'

/** Typed access to ESTree fields of the structural `AstNode`. */
export function child(node: AstNode | undefined, key: string): AstNode | undefined {
  const value = node?.[key]
  return isNode(value) ? value : undefined
}

export function children(node: AstNode | undefined, key: string): AstNode[] {
  const value = node?.[key]
  return Array.isArray(value) ? value.filter(isNode) : []
}

export function str(node: AstNode | undefined, key: string): string | undefined {
  const value = node?.[key]
  return typeof value === 'string' ? value : undefined
}

/**
 * The child fields of the common ESTree node types, so the walk does not enumerate every field of
 * every node (the largest cost of indexing a big bundle). Other types, including acorn-loose's
 * recovered nodes, fall back to enumerating their fields.
 */
const CHILD_KEYS: Readonly<Record<string, readonly string[]>> = {
  Program: ['body'],
  ExpressionStatement: ['expression'],
  BlockStatement: ['body'],
  ReturnStatement: ['argument'],
  IfStatement: ['test', 'consequent', 'alternate'],
  ForStatement: ['init', 'test', 'update', 'body'],
  ForInStatement: ['left', 'right', 'body'],
  ForOfStatement: ['left', 'right', 'body'],
  WhileStatement: ['test', 'body'],
  DoWhileStatement: ['body', 'test'],
  TryStatement: ['block', 'handler', 'finalizer'],
  CatchClause: ['param', 'body'],
  ThrowStatement: ['argument'],
  SwitchStatement: ['discriminant', 'cases'],
  SwitchCase: ['test', 'consequent'],
  VariableDeclaration: ['declarations'],
  VariableDeclarator: ['id', 'init'],
  FunctionDeclaration: ['id', 'params', 'body'],
  FunctionExpression: ['id', 'params', 'body'],
  ArrowFunctionExpression: ['params', 'body'],
  CallExpression: ['callee', 'arguments'],
  NewExpression: ['callee', 'arguments'],
  MemberExpression: ['object', 'property'],
  ChainExpression: ['expression'],
  BinaryExpression: ['left', 'right'],
  LogicalExpression: ['left', 'right'],
  AssignmentExpression: ['left', 'right'],
  UnaryExpression: ['argument'],
  UpdateExpression: ['argument'],
  ConditionalExpression: ['test', 'consequent', 'alternate'],
  SequenceExpression: ['expressions'],
  AwaitExpression: ['argument'],
  ObjectExpression: ['properties'],
  ArrayExpression: ['elements'],
  Property: ['key', 'value'],
  SpreadElement: ['argument'],
  TemplateLiteral: ['quasis', 'expressions'],
  TaggedTemplateExpression: ['tag', 'quasi'],
  ObjectPattern: ['properties'],
  ArrayPattern: ['elements'],
  AssignmentPattern: ['left', 'right'],
  RestElement: ['argument'],
  ImportDeclaration: ['specifiers', 'source'],
  ExportNamedDeclaration: ['declaration', 'specifiers', 'source'],
  ExportDefaultDeclaration: ['declaration'],
  ClassDeclaration: ['id', 'superClass', 'body'],
  ClassExpression: ['id', 'superClass', 'body'],
  ClassBody: ['body'],
  MethodDefinition: ['key', 'value'],
  PropertyDefinition: ['key', 'value'],
  Identifier: [],
  Literal: [],
  ThisExpression: [],
  TemplateElement: [],
  EmptyStatement: [],
  BreakStatement: [],
  ContinueStatement: [],
}

const FUNCTION_TYPES = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression'])

export function isFunction(node: AstNode | undefined): boolean {
  return node !== undefined && FUNCTION_TYPES.has(node.type)
}

/** A binding of a name inside one function (or the program): what it was declared as. */
export interface Binding {
  readonly name: string
  readonly kind: 'var' | 'param' | 'function' | 'import'
  readonly node: AstNode
  /** The declarator's initialiser; for `const { token } = x` the initialiser is `x` and `property` is `token`. */
  readonly init?: AstNode
  readonly property?: string
  /** The function (or Program) the binding belongs to. */
  readonly scope: AstNode
}

/**
 * One pass over a program: parent links and the bindings of each function. Scoping is
 * function-level (block scopes are merged), which is what the rules' "inside this callback or
 * outside it" questions need.
 */
export class ProgramIndex {
  readonly parents = new Map<AstNode, AstNode>()
  readonly nodes: AstNode[] = []
  private readonly bindings = new Map<AstNode, Map<string, Binding[]>>()

  constructor(readonly program: AstNode) {
    this.visit(program, undefined)
    for (const node of this.nodes) this.collect(node)
  }

  private visit(root: AstNode, rootParent: AstNode | undefined): void {
    // Two parallel stacks instead of a stack of pairs: no allocation per node (indexing a large
    // bundle visits hundreds of thousands of nodes).
    const pending: AstNode[] = [root]
    const parentOf: Array<AstNode | undefined> = [rootParent]
    for (let node = pending.pop(), parent = parentOf.pop(); node !== undefined; node = pending.pop(), parent = parentOf.pop()) {
      if (parent !== undefined) this.parents.set(node, parent)
      this.nodes.push(node)
      const keys = CHILD_KEYS[node.type]
      for (const key of keys ?? Object.keys(node)) {
        const value = node[key]
        if (typeof value !== 'object' || value === null) continue
        if (Array.isArray(value)) {
          for (let k = value.length - 1; k >= 0; k -= 1) {
            const item: unknown = value[k]
            if (isNode(item)) {
              pending.push(item)
              parentOf.push(node)
            }
          }
        } else if (isNode(value)) {
          pending.push(value)
          parentOf.push(node)
        }
      }
    }
  }

  /** Nearest enclosing function (or the Program) of a node. */
  scopeOf(node: AstNode): AstNode {
    let current = this.parents.get(node)
    while (current !== undefined) {
      if (isFunction(current) || current.type === 'Program') return current
      current = this.parents.get(current)
    }
    return this.program
  }

  ancestors(node: AstNode): AstNode[] {
    const list: AstNode[] = []
    let current = this.parents.get(node)
    while (current !== undefined) {
      list.push(current)
      current = this.parents.get(current)
    }
    return list
  }

  private add(scope: AstNode, binding: Binding): void {
    let map = this.bindings.get(scope)
    if (map === undefined) {
      map = new Map()
      this.bindings.set(scope, map)
    }
    const list = map.get(binding.name) ?? []
    list.push(binding)
    map.set(binding.name, list)
  }

  private collect(node: AstNode): void {
    if (node.type === 'VariableDeclarator') {
      const scope = this.scopeOf(node)
      const init = child(node, 'init')
      this.bindPattern(child(node, 'id'), scope, node, init, undefined)
    } else if (isFunction(node)) {
      const id = child(node, 'id')
      const name = str(id, 'name')
      if (node.type === 'FunctionDeclaration' && name !== undefined) this.add(this.scopeOf(node), { name, kind: 'function', node, scope: this.scopeOf(node) })
      for (const param of children(node, 'params')) this.bindPattern(param, node, param, undefined, undefined, 'param')
    } else if (node.type === 'ImportSpecifier' || node.type === 'ImportDefaultSpecifier' || node.type === 'ImportNamespaceSpecifier') {
      const name = str(child(node, 'local'), 'name')
      if (name !== undefined) this.add(this.program, { name, kind: 'import', node, scope: this.program })
    }
  }

  private bindPattern(
    pattern: AstNode | undefined,
    scope: AstNode,
    node: AstNode,
    init: AstNode | undefined,
    property: string | undefined,
    kind: 'var' | 'param' = 'var',
  ): void {
    if (pattern === undefined) return
    if (pattern.type === 'Identifier') {
      const name = str(pattern, 'name')
      if (name !== undefined)
        this.add(scope, { name, kind, node: pattern, ...(init === undefined ? {} : { init }), ...(property === undefined ? {} : { property }), scope })
    } else if (pattern.type === 'ObjectPattern') {
      for (const prop of children(pattern, 'properties')) {
        const key = child(prop, 'key')
        this.bindPattern(child(prop, 'value') ?? child(prop, 'argument'), scope, node, init, str(key, 'name') ?? str(key, 'value'), kind)
      }
    } else if (pattern.type === 'ArrayPattern') {
      for (const element of children(pattern, 'elements')) this.bindPattern(element, scope, node, init, undefined, kind)
    } else if (pattern.type === 'AssignmentPattern') {
      this.bindPattern(child(pattern, 'left'), scope, node, init ?? child(pattern, 'right'), property, kind)
    } else if (pattern.type === 'RestElement') {
      this.bindPattern(child(pattern, 'argument'), scope, node, init, property, kind)
    }
  }

  /** The binding an identifier refers to: the nearest function that declares the name. */
  resolve(identifier: AstNode): Binding | undefined {
    const name = str(identifier, 'name')
    if (name === undefined) return undefined
    let scope: AstNode | undefined = this.scopeOf(identifier)
    while (scope !== undefined) {
      const list = this.bindings.get(scope)?.get(name)
      if (list !== undefined && list.length > 0) {
        // The last declaration before the use, else the first one (hoisting).
        const before = list.filter((binding) => binding.node.start <= identifier.start)
        return before.at(-1) ?? list[0]
      }
      scope = scope.type === 'Program' ? undefined : this.scopeOf(scope)
    }
    return undefined
  }

  /** Assignments `name = value` to a binding anywhere in the program (for `let token; … token = …`). */
  assignmentsTo(binding: Binding): AstNode[] {
    return this.nodes.filter((node) => {
      if (node.type !== 'AssignmentExpression') return false
      const left = child(node, 'left')
      return left?.type === 'Identifier' && str(left, 'name') === binding.name && this.resolve(left) === binding
    })
  }

  bindingsIn(scope: AstNode): Binding[] {
    return [...(this.bindings.get(scope)?.values() ?? [])].flat()
  }
}

/** `window.ZohoDeskAsap.invoke` for a member chain; undefined for computed or call-based callees. */
export function dottedName(node: AstNode | undefined): string | undefined {
  if (node === undefined) return undefined
  if (node.type === 'Identifier') return str(node, 'name')
  if (node.type === 'ThisExpression') return 'this'
  if (node.type === 'MemberExpression') {
    const object = dottedName(child(node, 'object'))
    const property = child(node, 'property')
    const name = node.computed === true ? stringValue(property) : str(property, 'name')
    return object === undefined || name === undefined ? undefined : `${object}.${name}`
  }
  if (node.type === 'ChainExpression') return dottedName(child(node, 'expression'))
  return undefined
}

/** The called name without `window.`/`globalThis.`/`self.` prefixes. */
export function calleeName(call: AstNode): string | undefined {
  const name = dottedName(child(call, 'callee'))
  return name?.replace(/^(window|globalThis|self|top|parent)\./, '')
}

/** The last segment of a callee (`sign` for `jwt.sign`, `jsonwebtoken.default.sign`, `(0, x.sign)`). */
export function calleeTail(call: AstNode): string | undefined {
  let callee = child(call, 'callee')
  if (callee?.type === 'SequenceExpression') callee = children(callee, 'expressions').at(-1)
  if (callee?.type === 'Identifier') return str(callee, 'name')
  if (callee?.type === 'MemberExpression') {
    const property = child(callee, 'property')
    return callee.computed === true ? stringValue(property) : str(property, 'name')
  }
  return undefined
}

/** A string literal's value, or a template literal without holes. */
export function stringValue(node: AstNode | undefined): string | undefined {
  if (node === undefined) return undefined
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value
  if (node.type === 'TemplateLiteral' && children(node, 'expressions').length === 0) {
    const quasi = children(node, 'quasis')[0]
    const value = quasi?.value
    return typeof value === 'object' && value !== null && 'cooked' in value && typeof value.cooked === 'string' ? value.cooked : undefined
  }
  return undefined
}

/** The property of an object literal with this key (identifier, string or number key). */
export function property(object: AstNode | undefined, key: string): AstNode | undefined {
  if (object?.type !== 'ObjectExpression') return undefined
  for (const prop of children(object, 'properties')) {
    if (prop.type !== 'Property') continue
    const k = child(prop, 'key')
    const name = prop.computed === true ? stringValue(k) : (str(k, 'name') ?? (k?.type === 'Literal' ? String(k.value) : undefined))
    if (name === key) return prop
  }
  return undefined
}

export function propertyKey(prop: AstNode): string | undefined {
  const k = child(prop, 'key')
  return prop.computed === true ? stringValue(k) : (str(k, 'name') ?? (k?.type === 'Literal' ? String(k.value) : undefined))
}
