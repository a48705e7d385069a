import { maskSignaturesIn } from '../core/token/mask-token.js'
import type { PageRuntimeFacts } from '../core/types.js'

/**
 * What the recorder saw, as it arrived: events from the init script (untrusted: any script on the
 * page can call the binding), page and console errors, and cookies the browser refused to store.
 * `runtimeFactsFrom` validates and condenses them into `PageRuntimeFacts`.
 */
export type Observation =
  | { readonly kind: 'script'; readonly at: number; readonly frameUrl: string; readonly event: unknown }
  | { readonly kind: 'page-error'; readonly at: number; readonly message: string }
  | { readonly kind: 'console-error'; readonly at: number; readonly message: string }
  | { readonly kind: 'blocked-cookie'; readonly at: number; readonly url: string; readonly name: string; readonly reasons: readonly string[] }

/** Caps, so a page that loops on errors cannot grow the report without bound. */
const MAX_ITEMS = 50
const MAX_TEXT = 300
const JWT_IN_TEXT = /[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g
const ZOHO_HOST = /(^|\.)(zoho|zohoportal|zohocloud|zohopublic|zohostatic|zohocdn)\.[a-z.]+$/i

/**
 * Condenses observations into the runtime facts checks read. Pure. Text from the page is cut to
 * a few hundred characters and any JWT in it is masked: a console message may echo a token.
 */
export function runtimeFactsFrom(observations: readonly Observation[]): PageRuntimeFacts {
  let readyDefinedAt: number | undefined
  let asapDefinedAt: number | undefined
  let readySignalledAt: number | undefined
  let jwtCallbackCalls = 0
  let errorCallbackCalls = 0
  const invokes: Array<PageRuntimeFacts['invokes'][number]> = []
  const callbackValues: Array<PageRuntimeFacts['callbackValues'][number]> = []
  const pageErrors: Array<PageRuntimeFacts['pageErrors'][number]> = []
  const consoleErrors: Array<PageRuntimeFacts['consoleErrors'][number]> = []
  const cspViolations: Array<PageRuntimeFacts['cspViolations'][number]> = []
  const blockedCookies: Array<PageRuntimeFacts['blockedCookies'][number]> = []
  const push = <T>(list: T[], item: T) => {
    if (list.length < MAX_ITEMS) list.push(item)
  }

  for (const observation of [...observations].sort((a, b) => a.at - b.at)) {
    switch (observation.kind) {
      case 'page-error':
        push(pageErrors, { at: observation.at, message: clean(observation.message) })
        break
      case 'console-error':
        push(consoleErrors, { at: observation.at, message: clean(observation.message) })
        break
      case 'blocked-cookie':
        push(blockedCookies, {
          at: observation.at,
          url: clean(stripQuery(observation.url)),
          name: clean(observation.name),
          reason: clean(observation.reasons.join(', ')),
        })
        break
      case 'script': {
        const event = record(observation.event)
        if (event === undefined) break
        const at = typeof event.at === 'number' && Number.isFinite(event.at) ? event.at : observation.at
        switch (event.type) {
          case 'ready-defined':
            readyDefinedAt ??= at
            break
          case 'asap-defined':
            asapDefinedAt ??= at
            break
          case 'ready-signalled':
            readySignalledAt ??= at
            break
          case 'jwt-callback-called':
            jwtCallbackCalls++
            break
          case 'error-callback':
            errorCallbackCalls++
            break
          case 'invoke':
            if (typeof event.name === 'string') push(invokes, { at, name: clean(event.name), beforeReady: event.beforeReady === true })
            break
          case 'callback-value': {
            const type = typeof event.valueType === 'string' ? clean(event.valueType) : 'unknown'
            const keys = Array.isArray(event.keys)
              ? event.keys
                  .filter((key): key is string => typeof key === 'string')
                  .slice(0, 8)
                  .map(clean)
              : undefined
            push(callbackValues, {
              at,
              type,
              ...(typeof event.length === 'number' ? { length: event.length } : {}),
              bareJwt: event.bareJwt === true && type === 'string',
              shape: typeof event.shape === 'string' ? clean(event.shape) : type,
              ...(keys === undefined ? {} : { keys }),
              ...(typeof event.jwtField === 'string' ? { jwtField: clean(event.jwtField) } : {}),
            })
            break
          }
          case 'csp':
            // Report-only policies log but block nothing: not a cause. A frame Zoho serves (the
            // widget's own iframe) enforces Zoho's policy, which the customer cannot change.
            if (event.disposition === 'report' || ZOHO_HOST.test(hostOf(observation.frameUrl))) break
            if (typeof event.blockedUri === 'string' && typeof event.directive === 'string') {
              push(cspViolations, { at, blockedUri: clean(stripQuery(event.blockedUri)), directive: clean(event.directive) })
            }
            break
        }
        break
      }
    }
  }
  return {
    ...(readyDefinedAt === undefined ? {} : { readyDefinedAt }),
    ...(asapDefinedAt === undefined ? {} : { asapDefinedAt }),
    ...(readySignalledAt === undefined ? {} : { readySignalledAt }),
    jwtCallbackCalls,
    errorCallbackCalls,
    invokes,
    callbackValues,
    pageErrors,
    consoleErrors,
    cspViolations,
    blockedCookies,
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname
  } catch {
    return ''
  }
}

function record(value: unknown): Record<string, unknown> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined
  return Object.fromEntries(Object.entries(value))
}

function clean(text: string): string {
  const short = text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text
  return maskSignaturesIn(short, short.match(JWT_IN_TEXT) ?? [])
}

/** Query strings of blocked URLs can carry a jwt_token; the host and path are what matter. */
function stripQuery(url: string): string {
  const cut = url.search(/[?#]/)
  return cut === -1 ? url : `${url.slice(0, cut)}?…`
}
