import type { Check } from '../core/define-check.js'
import allowedDomain from './allowed-domain.js'
import dataCenter from './data-center.js'
import endpointResponse from './endpoint-response.js'
import helpCenterUser from './help-center-user.js'
import loginOutcome from './login-outcome.js'
import loginTiming from './login-timing.js'
import orgId from './org-id.js'
import pageRuntime from './page-runtime.js'
import { tokenChecks } from './token-checks.js'

export { tokenChecks, type TokenCheckId } from './token-checks.js'

/** Org, data centre and domain: what the page and the configuration say about the integration. */
export const integrationChecks = [orgId, dataCenter, allowedDomain] as const

/** Read from a recorded session only. */
export const sessionChecks = [loginTiming, loginOutcome] as const

/** What a real browser saw while the page ran: only `asap-doctor record` has these facts. */
export const runtimeChecks = [pageRuntime] as const

/** Needs a user directory (a contacts export or the Desk API). */
export const userChecks = [helpCenterUser] as const

/** Needs the customer's token endpoint to have been called. */
export const endpointChecks = [endpointResponse] as const

/** Every check the tool has, in listing order. Ids are a public contract: CI users pin them. */
export const allChecks: readonly Check[] = [...tokenChecks, ...endpointChecks, ...integrationChecks, ...sessionChecks, ...runtimeChecks, ...userChecks]

export function findCheck(id: string): Check | undefined {
  return allChecks.find((check) => check.id === id)
}
