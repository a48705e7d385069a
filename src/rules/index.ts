import callbackNotBareToken from './callback-not-bare-token.js'
import cspNonce from './csp-nonce.js'
import type { Rule } from './define-rule.js'
import legacyAsapSettings from './legacy-asap-settings.js'
import loginOutsideReady from './login-outside-ready.js'
import secretInBrowser from './secret-in-browser.js'
import signerAlgorithm from './signer-algorithm.js'
import signerEmailNormalization from './signer-email-normalization.js'
import signerEmailVerified from './signer-email-verified.js'
import signerExpiresIn from './signer-expires-in.js'
import signerSecretDecoded from './signer-secret-decoded.js'
import signerSecretLiteral from './signer-secret-literal.js'
import signerSeconds from './signer-seconds.js'
import signerWindow from './signer-window.js'
import tokenNotFresh from './token-not-fresh.js'
import widgetSnippet from './widget-snippet.js'

/** Every scan rule, page side first, then signer side. Ids are a public contract. */
export const allRules: readonly Rule[] = [
  widgetSnippet,
  loginOutsideReady,
  callbackNotBareToken,
  tokenNotFresh,
  legacyAsapSettings,
  secretInBrowser,
  cspNonce,
  signerSeconds,
  signerExpiresIn,
  signerWindow,
  signerSecretDecoded,
  signerAlgorithm,
  signerEmailVerified,
  signerEmailNormalization,
  signerSecretLiteral,
]

export function findRule(id: string): Rule | undefined {
  return allRules.find((rule) => rule.id === id)
}
