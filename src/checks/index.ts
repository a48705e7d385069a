import type { Check } from '../core/define-check.js'
import algorithm from './algorithm.js'
import allowedDomain from './allowed-domain.js'
import dataCenter from './data-center.js'
import emailFormat from './email-format.js'
import emailNormalization from './email-normalization.js'
import emailVerified from './email-verified.js'
import endpointResponse from './endpoint-response.js'
import helpCenterUser from './help-center-user.js'
import loginTiming from './login-timing.js'
import nameClaims from './name-claims.js'
import orgId from './org-id.js'
import requiredClaims from './required-claims.js'
import signature from './signature.js'
import timeUnits from './time-units.js'
import timeValidity from './time-validity.js'
import tokenFormat from './token-format.js'
import validityWindow from './validity-window.js'

/**
 * Every check, in the order they run and are listed. Order matters: later checks may read earlier
 * results (validity-window mentions time-units), and the report reads top-down like a diagnosis.
 */
export const tokenChecks = [
  tokenFormat,
  algorithm,
  signature,
  requiredClaims,
  emailVerified,
  timeUnits,
  validityWindow,
  timeValidity,
  emailFormat,
  emailNormalization,
  nameClaims,
] as const

export type TokenCheckId = (typeof tokenChecks)[number]['id']

/** Org, data centre and domain: what the page and the configuration say about the integration. */
export const integrationChecks = [orgId, dataCenter, allowedDomain] as const

/** Read from a recorded session only. */
export const sessionChecks = [loginTiming] as const

/** Needs a user directory (a contacts export or the Desk API). */
export const userChecks = [helpCenterUser] as const

/** Needs the customer's token endpoint to have been called. */
export const endpointChecks = [endpointResponse] as const

/** Every check the tool has, in listing order. Ids are a public contract: CI users pin them. */
export const allChecks: readonly Check[] = [...tokenChecks, ...endpointChecks, ...integrationChecks, ...sessionChecks, ...userChecks]

export function findCheck(id: string): Check | undefined {
  return allChecks.find((check) => check.id === id)
}
