import { defineRule, JS_LANGUAGES } from './define-rule.js'

/** ASAP 1.0: token in `ZohoHCAsapSettings.userInfo.jwtToken`, or the `inapp/` loader. */
export default defineRule({
  id: 'legacy-asap-settings',
  title: 'The page uses the ASAP 2.0 login flow',
  severity: 'error',
  description:
    "The page uses ASAP 1.0: window.ZohoHCAsapSettings = { userInfo: { jwtToken } } or the /portal/api/web/inapp/ loader. Zoho deprecated the old JWT mechanism on 25 December 2023; the 2.0 widget (asapApp/ loader) logs users in only through ZohoDeskAsap.invoke('login', getJwtTokenCallback).",
  languages: JS_LANGUAGES,
  trigger: /ZohoHCAsap|\/portal\/api\/web\/inapp\//,
  messages: {
    'settings-token': {
      text: 'ZohoHCAsapSettings.userInfo.jwtToken is the ASAP 1.0 login; the 2.0 widget ignores it.',
      hints: ["Use the 2.0 snippet and log in with window.ZohoDeskAsapReady(() => window.ZohoDeskAsap.invoke('login', getJwtTokenCallback))."],
    },
    'inapp-loader': {
      text: 'The widget is loaded from the ASAP 1.0 inapp/ loader ({{path}}).',
      hints: ['Copy the ASAP 2.0 snippet (…/portal/api/web/asapApp/<appId>?orgId=<orgId>) from Setup → Channels → ASAP.'],
    },
  },
  check(context) {
    const text = context.code
    // An assignment of the settings with a token (`ZohoHCAsapSettings = { userInfo: { jwtToken … } }`
    // or `ZohoHCAsapSettings.userInfo = …`), not a mention of the name in prose.
    for (const match of text.matchAll(/ZohoHCAsapSettings\s*(?:=\s*\{|\.userInfo\s*=|\[\s*["']userInfo)/g)) {
      const start = match.index ?? 0
      const window = text.slice(start, start + 400)
      if (/jwtToken/.test(window)) context.report('settings-token', {}, { start, end: start + 'ZohoHCAsapSettings'.length })
    }
    // The loader as a URL (with its numeric id), as a script src or in the snippet.
    for (const match of text.matchAll(/\/portal\/api\/web\/inapp\/\d+/g)) {
      const start = match.index ?? 0
      context.report('inapp-loader', { path: match[0] }, { start, end: start + match[0].length })
    }
  },
})
