import { calleeName, child, children, dottedName, isFunction, type ProgramIndex, str } from '../scan/js/ast.js'
import type { AstNode } from '../scan/js/parse.js'
import { defineRule, JS_LANGUAGES } from './define-rule.js'
import { loginCalls, within } from './support/js-flow.js'

/**
 * `invoke('login')` must run inside a `ZohoDeskAsapReady(…)` callback: before the widget has
 * loaded, `ZohoDeskAsap` does not exist yet (or ignores the call), and the user stays a guest.
 * A call inside a named function counts as inside when that function is handed to, or called
 * from, a ZohoDeskAsapReady callback in the same file.
 */
export default defineRule({
  id: 'login-outside-ready',
  title: "invoke('login') runs inside ZohoDeskAsapReady",
  severity: 'error',
  description:
    "ZohoDeskAsap.invoke('login', getJwtTokenCallback) called outside a ZohoDeskAsapReady(…) callback. The snippet defines ZohoDeskAsapReady to queue work until the widget has loaded; a login call made earlier (at page load, in a script onload, in a framework effect) runs before ZohoDeskAsap exists or before it can take a login, and the widget stays in guest mode.",
  languages: JS_LANGUAGES,
  trigger: /ZohoDeskAsap/,
  messages: {
    'outside-ready': {
      text: "ZohoDeskAsap.invoke('login', …) is called outside a ZohoDeskAsapReady(…) callback, so it can run before the widget is ready.",
      hints: ["Wrap it: window.ZohoDeskAsapReady(() => { window.ZohoDeskAsap.invoke('login', getJwtTokenCallback) })"],
    },
  },
  check(context) {
    for (const { index } of context.scripts) {
      const readyCallbacks = index.nodes
        .filter((node) => node.type === 'CallExpression' && /(^|\.)ZohoDeskAsapReady$/.test(calleeName(node) ?? ''))
        .flatMap((call) => children(call, 'arguments'))
      const readyNames = new Set<string>()
      for (const argument of readyCallbacks) {
        if (argument.type === 'Identifier') readyNames.add(str(argument, 'name') ?? '')
        // Names called inside a ready callback: `ZohoDeskAsapReady(() => { login() })`.
        for (const node of index.nodes) {
          if (node.type === 'CallExpression' && within(node, argument)) {
            const name = dottedName(child(node, 'callee'))
            if (name !== undefined) readyNames.add(name.replace(/^(window|this)\./, ''))
          }
        }
      }
      for (const call of loginCalls(index)) {
        if (readyCallbacks.some((callback) => within(call, callback))) continue
        const enclosing = index.ancestors(call).filter(isFunction)
        const named = enclosing.some((fn) => {
          const name = functionName(index, fn)
          return name !== undefined && readyNames.has(name)
        })
        if (named) continue
        context.report('outside-ready', {}, { start: call.start, end: call.end })
      }
    }
  },
})

function functionName(index: ProgramIndex, fn: AstNode): string | undefined {
  const id = str(child(fn, 'id'), 'name')
  if (id !== undefined) return id
  const parent = index.parents.get(fn)
  if (parent?.type === 'VariableDeclarator') return str(child(parent, 'id'), 'name')
  if (parent?.type === 'Property' || parent?.type === 'MethodDefinition') return str(child(parent, 'key'), 'name')
  if (parent?.type === 'AssignmentExpression') return dottedName(child(parent, 'left'))?.replace(/^(window|this)\./, '')
  return undefined
}
