import algorithm from './algorithm.js'
import emailFormat from './email-format.js'
import emailNormalization from './email-normalization.js'
import emailVerified from './email-verified.js'
import nameClaims from './name-claims.js'
import requiredClaims from './required-claims.js'
import signature from './signature.js'
import timeUnits from './time-units.js'
import timeValidity from './time-validity.js'
import tokenFormat from './token-format.js'
import validityWindow from './validity-window.js'

/**
 * The checks that look only at the token, in the order they run. Order matters: later checks may
 * read earlier results (validity-window mentions time-units), and the report reads top-down like a
 * diagnosis. A module of its own so that `verify` loads only these (start-up time).
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
