/**
 * The simulated Zoho side: one US org with one ASAP app. The same facts as
 * /work/shared/har-samples/README.md, so recordings made here diagnose the same way. Every value
 * belongs to the simulation only (the secret is a test secret).
 */
export const ORG_ID = '712340056'
export const APP_ID = '4213000000108007'
export const CLIENT_ID = '1000.FAKE'
/** The ASAP JWT secret; Zoho uses it as its raw UTF-8 bytes (no base64 decoding). */
export const ASAP_SECRET = 'k3Xq9ZtR2vLm8WbN5cYp1HsD7fGj4Ua6'
/** The allowed domains of the ASAP JWT settings: exact host names. */
export const ALLOWED_DOMAINS: readonly string[] = ['app.example.com', 'support.example.com']
/** The simulation's configuration as asap-doctor flags: what a correct diagnosis of its recordings is given. */
export const CLI_ARGS: readonly string[] = [
  '--org-id',
  ORG_ID,
  '--data-center',
  'us',
  '--app-id',
  APP_ID,
  ...ALLOWED_DOMAINS.flatMap((domain) => ['--allowed-domain', domain]),
]
/** Active Help Center end users of the org: exact, case-sensitive. */
export const END_USERS: readonly string[] = ['jane.doe@example.com', 'sam.lee@example.com', 'priya.patel@example.com']

/** The customer's app signs its own bearer tokens with this unrelated secret. */
export const APP_SECRET = 'acme-projects-session-signing-key-7f3e'
/** Test password of every app user. */
export const APP_PASSWORD = 'correct-horse-battery-staple'

/** Every host the simulation answers for; the browser resolves them all to the simulation. */
export const APP_HOSTS: readonly string[] = ['app.example.com', 'www.example.com', 'support.example.com']
export const WIDGET_HOSTS: Readonly<Record<string, string>> = {
  // widget script host → the accounts host its widget logs in at (one data centre each)
  'desk.zoho.com': 'accounts.zohoportal.com',
  'desk.zoho.eu': 'accounts.zohoportal.eu',
  'desk.zoho.in': 'accounts.zohoportal.in',
  'desk.zoho.com.au': 'accounts.zohoportal.com.au',
  'desk.zoho.jp': 'accounts.zohoportal.jp',
}
/** The org lives in the US data centre: other accounts hosts do not know it. */
export const HOME_ACCOUNTS_HOST = 'accounts.zohoportal.com'
export const CDN_HOST = 'static.zohocdn.com'
export const ALL_HOSTS: readonly string[] = [...APP_HOSTS, ...Object.keys(WIDGET_HOSTS), ...Object.values(WIDGET_HOSTS), CDN_HOST]
