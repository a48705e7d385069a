import { calleeName, calleeTail, child, children, dottedName, type ProgramIndex, property, str, stringValue } from '../../scan/js/ast.js'
import type { AstNode } from '../../scan/js/parse.js'
import type { Script } from '../../scan/types.js'

/** A call that signs a JWT in JavaScript, with its parts resolved through local names. */
export interface SigningCall {
  /** `custom`: the app's own signing helper (`signJwtHS256(payload, secret)`) handed an ASAP payload. */
  readonly kind: 'jsonwebtoken' | 'jose' | 'hmac' | 'custom'
  readonly call: AstNode
  /** The payload object literal, when the payload can be followed to one. */
  readonly payload?: AstNode
  readonly secret?: AstNode
  readonly options?: AstNode
  /** For jose: the builder calls of the chain (`setProtectedHeader`, `setExpirationTime`, …). */
  readonly chain: readonly AstNode[]
}

/** Follows an identifier to the expression it was initialised with (one or two hops). */
export function resolveValue(index: ProgramIndex, node: AstNode | undefined, depth = 0): AstNode | undefined {
  if (node?.type !== 'Identifier' || depth > 4) return node
  const binding = index.resolve(node)
  if (binding === undefined || binding.init === undefined || binding.property !== undefined) return node
  return resolveValue(index, binding.init, depth + 1)
}

const signingCache = new WeakMap<ProgramIndex, SigningCall[]>()

/** Every JWT signing call of a program; computed once per program, shared by the signer rules. */
export function signingCalls(index: ProgramIndex): SigningCall[] {
  const cached = signingCache.get(index)
  if (cached !== undefined) return cached
  const out: SigningCall[] = []
  signingCache.set(index, out)
  for (const node of index.nodes) {
    if (node.type !== 'CallExpression') continue
    const tail = calleeTail(node)
    const name = calleeName(node) ?? ''
    const args = children(node, 'arguments')
    if (tail === 'sign') {
      const chain = builderChain(node)
      const jose = chain.find((link) => link.type === 'NewExpression' && /(^|\.)SignJWT$/.test(dottedName(child(link, 'callee')) ?? ''))
      if (jose !== undefined) {
        const payload = resolveValue(index, children(jose, 'arguments')[0])
        out.push({
          kind: 'jose',
          call: node,
          ...(payload?.type === 'ObjectExpression' ? { payload } : {}),
          ...(args[0] === undefined ? {} : { secret: args[0] }),
          chain,
        })
        continue
      }
      if (
        args.length >= 2 &&
        (/^(jwt|jsonwebtoken|jws|JWT|token|jwtLib)\.sign$/i.test(name) || (name === 'sign' && isImportedFrom(index, child(node, 'callee'), 'jsonwebtoken')))
      ) {
        const payload = resolveValue(index, args[0])
        const options = resolveValue(index, args[2])
        out.push({
          kind: 'jsonwebtoken',
          call: node,
          ...(payload?.type === 'ObjectExpression' ? { payload } : {}),
          ...(args[1] === undefined ? {} : { secret: args[1] }),
          ...(options?.type === 'ObjectExpression' ? { options } : {}),
          chain: [],
        })
      }
    } else if (tail === 'createHmac' && args.length >= 2) {
      out.push({ kind: 'hmac', call: node, ...(args[1] === undefined ? {} : { secret: args[1] }), chain: [] })
    } else if (/sign|jwt|token|encode|mint/i.test(tail ?? '') && args.length >= 1) {
      // A helper of the app: judged only when its first argument is an ASAP claim set.
      const payload = resolveValue(index, args[0])
      if (payload?.type === 'ObjectExpression' && ['email_verified', 'not_before', 'not_after'].some((key) => property(payload, key) !== undefined)) {
        const options = resolveValue(index, args[2])
        out.push({
          kind: 'custom',
          call: node,
          payload,
          ...(args[1] === undefined ? {} : { secret: args[1] }),
          ...(options?.type === 'ObjectExpression' ? { options } : {}),
          chain: [],
        })
      }
    }
  }
  return out
}

/** `new SignJWT(p).setProtectedHeader(h).setExpirationTime(t).sign(k)`: the links before `.sign`. */
function builderChain(call: AstNode): AstNode[] {
  const links: AstNode[] = []
  let current = child(child(call, 'callee'), 'object')
  while (current !== undefined && links.length < 20) {
    links.push(current)
    if (current.type === 'CallExpression') current = child(child(current, 'callee'), 'object')
    else if (current.type === 'AwaitExpression' || current.type === 'ParenthesizedExpression')
      current = child(current, 'argument') ?? child(current, 'expression')
    else break
  }
  return links
}

function isImportedFrom(index: ProgramIndex, identifier: AstNode | undefined, module: string): boolean {
  if (identifier === undefined) return false
  const binding = index.resolve(identifier)
  if (binding?.kind !== 'import') return false
  const declaration = index.parents.get(binding.node)
  return stringValue(child(declaration, 'source')) === module
}

/**
 * Whether a signing call signs an ASAP token: its payload carries `email_verified`, `not_before`
 * or `not_after`, or its secret is named after ASAP or Zoho. Session and identity tokens of the
 * app itself are left alone.
 */
export function isAsapSigning(index: ProgramIndex, signing: SigningCall, text: string): boolean {
  const payload = signing.payload
  if (payload !== undefined && ['not_before', 'not_after'].some((key) => property(payload, key) !== undefined)) return true
  // email_verified is a standard OpenID Connect claim too: an ID token (issuer or audience set) of an
  // identity provider or its emulator is not an ASAP token unless the file names ASAP or Zoho
  // (measured on firebase/firebase-tools' auth emulator: two false alarms, docs/scan-real-world.md).
  if (payload !== undefined && property(payload, 'email_verified') !== undefined) return !identityToken(signing) || /asap|zoho/i.test(text)
  const secret = signing.secret === undefined ? '' : text.slice(signing.secret.start, signing.secret.end)
  if (/asap|zoho/i.test(secret)) return true
  if (signing.secret?.type === 'Identifier') {
    const init = resolveValue(index, signing.secret)
    if (init !== undefined && /asap|zoho/i.test(text.slice(init.start, init.end))) return true
  }
  // A manual HMAC JWT: the file builds ASAP claims.
  return signing.kind === 'hmac' && /email_verified|not_before|not_after/.test(text)
}

/** An OpenID Connect style token: `iss`/`aud`/`azp`/`nonce` claims, or jsonwebtoken's `issuer`/`audience` options. */
function identityToken(signing: SigningCall): boolean {
  if (['iss', 'aud', 'azp', 'nonce'].some((key) => property(signing.payload, key) !== undefined)) return true
  if (['issuer', 'audience'].some((key) => property(signing.options, key) !== undefined)) return true
  // jose: `.setIssuer(…)`, `.setAudience(…)` in the builder chain.
  return signing.chain.some((link) => link.type === 'CallExpression' && /^set(Issuer|Audience)$/.test(calleeTail(link) ?? ''))
}

// What `signingCalls` recognises, written as text: a jsonwebtoken-style `.sign` (also through a
// computed key), jose's SignJWT, jsonwebtoken imported by name, `createHmac` as a whole name.
const SIGNING_SHAPE = /(?:jwt|jsonwebtoken|jws|token|jwtLib)\s*(?:\??\.\s*sign\b|\[\s*["'\x60]sign)|SignJWT|jsonwebtoken|(?<![\w$])createHmac(?![\w$])/i

/**
 * The scripts of a file, when its text can hold an ASAP signing call (what `asapSignings` finds):
 * the ASAP claim names, or ASAP/Zoho with a signing call. Otherwise none, and the file is not
 * parsed for this rule. The signer rules' trigger also fires on `asap` alone, which is the name of
 * a microtask helper in Promise libraries (RSVP, es6-promise) bundled into many vendor scripts:
 * parsed, each such bundle cost seconds (measured on a public repository's 2.8 MB player bundle).
 * `alsoIf` lets a rule that reads more than signing calls keep its own condition.
 */
export function signerScripts(context: { readonly file: { readonly text: string }; readonly scripts: readonly Script[] }, alsoIf?: RegExp): readonly Script[] {
  const { file } = context
  // Seven signer rules ask about the same file: the answer is kept with it.
  let possible = mayHoldSigning.get(file)
  if (possible === undefined) {
    possible = /email_verified|not_before|not_after/.test(file.text) || (/asap|zoho/i.test(file.text) && SIGNING_SHAPE.test(file.text))
    mayHoldSigning.set(file, possible)
  }
  return possible || alsoIf?.test(file.text) === true ? context.scripts : []
}

const mayHoldSigning = new WeakMap<object, boolean>()

export function asapSignings(index: ProgramIndex, text: string): SigningCall[] {
  return signingCalls(index).filter((signing) => isAsapSigning(index, signing, text))
}

/** A claim's value in the payload literal. */
export function claim(signing: SigningCall, key: string): AstNode | undefined {
  return child(property(signing.payload, key), 'value')
}

export function objectKeyValue(object: AstNode | undefined, key: string): AstNode | undefined {
  return child(property(object, key), 'value')
}

/** Numeric value of a constant expression (`10 * 60 * 1000`, a `const WINDOW = …`). */
export function constNumber(index: ProgramIndex, node: AstNode | undefined, depth = 0): number | undefined {
  if (node === undefined || depth > 6) return undefined
  if (node.type === 'Literal' && typeof node.value === 'number') return node.value
  if (node.type === 'Identifier') {
    const init = resolveValue(index, node)
    return init === node ? undefined : constNumber(index, init, depth + 1)
  }
  if (node.type === 'BinaryExpression') {
    const a = constNumber(index, child(node, 'left'), depth + 1)
    const b = constNumber(index, child(node, 'right'), depth + 1)
    if (a === undefined || b === undefined) return undefined
    switch (node.operator) {
      case '*':
        return a * b
      case '+':
        return a + b
      case '-':
        return a - b
      case '/':
        return b === 0 ? undefined : a / b
      default:
        return undefined
    }
  }
  if (node.type === 'ParenthesizedExpression') return constNumber(index, child(node, 'expression'), depth + 1)
  return undefined
}

/** The clock an expression reads: `ms` (Date.now()), `seconds` (Date.now() / 1000), or undefined. */
export function clockUnit(index: ProgramIndex, node: AstNode | undefined, depth = 0): 'ms' | 'seconds' | undefined {
  if (node === undefined || depth > 6) return undefined
  switch (node.type) {
    case 'CallExpression': {
      const name = calleeName(node) ?? ''
      const tail = calleeTail(node) ?? ''
      if (name === 'Date.now' || tail === 'getTime' || tail === 'valueOf' || name === 'Date.parse' || name === 'performance.timeOrigin') return 'ms'
      if (tail === 'unix' || name === 'getNumericDate') return 'seconds'
      if (/^Math\.(floor|round|trunc|ceil)$|^parseInt$|^Number$/.test(name)) return clockUnit(index, children(node, 'arguments')[0], depth + 1)
      return undefined
    }
    case 'UnaryExpression':
      return node.operator === '+' && child(node, 'argument')?.type === 'NewExpression' ? 'ms' : clockUnit(index, child(node, 'argument'), depth + 1)
    case 'NewExpression':
      return str(child(node, 'callee'), 'name') === 'Date' ? 'ms' : undefined
    case 'BinaryExpression': {
      const left = child(node, 'left')
      const right = child(node, 'right')
      if (node.operator === '/' && constNumber(index, right) === 1000 && clockUnit(index, left, depth + 1) === 'ms') return 'seconds'
      if (node.operator === '|' || node.operator === '>>' || node.operator === '>>>') return clockUnit(index, left, depth + 1)
      if (node.operator === '+' || node.operator === '-') return clockUnit(index, left, depth + 1) ?? clockUnit(index, right, depth + 1)
      return undefined
    }
    case 'Identifier': {
      const init = resolveValue(index, node)
      return init === node ? undefined : clockUnit(index, init, depth + 1)
    }
    case 'ParenthesizedExpression':
      return clockUnit(index, child(node, 'expression'), depth + 1)
    default:
      return undefined
  }
}

/** `now + 900000`: the constant added to a clock, with its node (where a window finding is reported). */
export function addedConstant(index: ProgramIndex, node: AstNode | undefined): { value: number; node: AstNode } | undefined {
  const resolved = node?.type === 'Identifier' ? resolveValue(index, node) : node
  if (resolved?.type !== 'BinaryExpression' || resolved.operator !== '+') return undefined
  const left = child(resolved, 'left')
  const right = child(resolved, 'right')
  for (const [clock, constant] of [
    [left, right],
    [right, left],
  ]) {
    const value = constNumber(index, constant)
    if (value !== undefined && constant !== undefined && clockUnit(index, clock) !== undefined) return { value, node: constant }
  }
  return undefined
}

/** `'15m'`, `'1h'`, `900` (seconds) as jsonwebtoken's `expiresIn` reads them, in seconds. */
export function durationSeconds(value: string | number): number | undefined {
  if (typeof value === 'number') return value
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|sec|secs|seconds?|m|min|mins|minutes?|h|hrs?|hours?|d|days?)?\s*$/i.exec(value)
  if (match === null) return undefined
  const amount = Number(match[1])
  const unit = (match[2] ?? 's').toLowerCase()
  if (unit === 'ms') return amount / 1000
  if (unit.startsWith('s')) return amount
  if (unit.startsWith('m')) return amount * 60
  if (unit.startsWith('h')) return amount * 3600
  return amount * 86400
}
