import { ConfigError } from '../core/errors.js'
import { isDataCenterId, type DataCenterId } from '../desk/data-centers.js'

/**
 * `asap-doctor.config.json`: the facts of one ASAP integration. Secrets never live here, only the
 * names of the environment variables that hold them (validated: a literal secret is refused).
 */
export interface AsapDoctorConfig {
  readonly orgId?: string
  readonly dataCenter?: DataCenterId
  readonly allowedDomains?: readonly string[]
  readonly appId?: string
  /** A page URL where the widget runs, to test against allowedDomains. */
  readonly pageUrl?: string
  readonly expectEmail?: string
  readonly secret?: { readonly file?: string; readonly env?: string }
  readonly tokenEndpoint?: TokenEndpointConfig
  readonly users?: string
  readonly desk?: DeskConfig
  readonly leewayMs?: number
  readonly strict?: boolean
  /** What `asap-doctor record` (and `check`) opens in a browser. */
  readonly record?: RecordConfig
}

/** `record`: the page to open and how to sign in first. Credentials only as environment variable names. */
export interface RecordConfig {
  readonly url?: string
  /** The app's login form: opened first, filled from `userEnv`/`passwordEnv`, submitted. */
  readonly loginUrl?: string
  readonly selectors?: { readonly user?: string; readonly password?: string; readonly submit?: string }
  readonly userEnv?: string
  readonly passwordEnv?: string
  /** Cookie name → the environment variable holding its value. */
  readonly cookies?: Readonly<Record<string, string>>
  /** A Playwright storage-state file, relative to the config file. */
  readonly storageState?: string
  readonly browser?: string
  readonly browserArgs?: readonly string[]
  /** `30s`, `500ms`, `2m`. */
  readonly timeout?: string
  readonly repeat?: number
  readonly waitForLogin?: boolean
}

export interface TokenEndpointConfig {
  readonly url: string
  readonly method?: 'GET' | 'POST'
  /** Header name → a literal (non-secret) value, or `{ "env": "NAME" }` to read it from the environment. */
  readonly headers?: Readonly<Record<string, string | { readonly env: string }>>
  readonly body?: string
}

export interface DeskConfig {
  /** Run the online user lookup by default (same as --online). */
  readonly online?: boolean
  readonly baseUrl?: string
  readonly accountsBaseUrl?: string
  readonly accessTokenEnv?: string
  readonly clientIdEnv?: string
  readonly clientSecretEnv?: string
  readonly refreshTokenEnv?: string
}

export const CONFIG_FILE_NAME = 'asap-doctor.config.json'

const TOP_KEYS = [
  '$schema',
  'orgId',
  'dataCenter',
  'allowedDomains',
  'appId',
  'pageUrl',
  'expectEmail',
  'secret',
  'tokenEndpoint',
  'users',
  'desk',
  'leewayMs',
  'strict',
  'record',
] as const
const DESK_KEYS = ['online', 'baseUrl', 'accountsBaseUrl', 'accessTokenEnv', 'clientIdEnv', 'clientSecretEnv', 'refreshTokenEnv'] as const
const ENDPOINT_KEYS = ['url', 'method', 'headers', 'body'] as const
const SECRET_KEYS = ['file', 'env'] as const
const RECORD_KEYS = [
  'url',
  'loginUrl',
  'selectors',
  'userEnv',
  'passwordEnv',
  'cookies',
  'storageState',
  'browser',
  'browserArgs',
  'timeout',
  'repeat',
  'waitForLogin',
] as const
const SELECTOR_KEYS = ['user', 'password', 'submit'] as const
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/
/** Values that are credentials, wherever they appear in the file. */
const LOOKS_SECRET = [/^eyJ[\w-]+\.eyJ[\w-]+\.[\w-]*$/, /^1000\.[0-9a-f]{20,}\.[0-9a-f]{20,}$/i, /^Bearer\s+\S{16,}/i, /^Zoho-oauthtoken\s+/i]
const CREDENTIAL_HEADERS = /^(authorization|cookie|proxy-authorization|x-api-key|x-auth-token)$/i

/**
 * Validates parsed JSON as a config. Errors name the JSON path of the bad value
 * (`allowedDomains[5]`, `desk.baseUrl`) and the CLI turns them into exit 2.
 *
 * @throws ConfigError
 */
export function parseConfig(value: unknown): AsapDoctorConfig {
  rejectDeepNesting(value)
  const root = object(value, '')
  unknownKeys(root, TOP_KEYS, '')
  rejectLiteralSecrets(root, '')
  const config: Record<string, unknown> = {}
  if ('orgId' in root) config.orgId = digits(root.orgId, 'orgId')
  if ('appId' in root) config.appId = digits(root.appId, 'appId')
  if ('dataCenter' in root) {
    const dc = string(root.dataCenter, 'dataCenter')
    if (!isDataCenterId(dc)) throw new ConfigError('dataCenter', `${shown(dc)} is not a data centre (us, eu, in, au, jp, ca, cn, sa, sg, ae, uk)`)
    config.dataCenter = dc
  }
  if ('allowedDomains' in root) {
    const list = array(root.allowedDomains, 'allowedDomains').map((item, index) => string(item, `allowedDomains[${index}]`))
    if (list.length > 5) throw new ConfigError(`allowedDomains[${5}]`, `${list.length} domains; Zoho allows at most five`)
    list.forEach((host, index) => {
      if (!/^[a-z0-9.-]+$/i.test(host)) throw new ConfigError(`allowedDomains[${index}]`, `${shown(host)} is not a plain host name (no scheme, port or path)`)
    })
    config.allowedDomains = list
  }
  if ('pageUrl' in root) config.pageUrl = url(root.pageUrl, 'pageUrl')
  if ('expectEmail' in root) config.expectEmail = string(root.expectEmail, 'expectEmail')
  if ('users' in root) config.users = string(root.users, 'users')
  if ('leewayMs' in root) {
    const leeway = root.leewayMs
    if (typeof leeway !== 'number' || !Number.isInteger(leeway) || leeway < 0) throw new ConfigError('leewayMs', 'must be a whole number of milliseconds ≥ 0')
    config.leewayMs = leeway
  }
  if ('strict' in root) config.strict = boolean(root.strict, 'strict')
  if ('secret' in root) {
    const secret = object(root.secret, 'secret')
    unknownKeys(secret, SECRET_KEYS, 'secret')
    config.secret = {
      ...('file' in secret ? { file: string(secret.file, 'secret.file') } : {}),
      ...('env' in secret ? { env: envName(secret.env, 'secret.env') } : {}),
    }
  }
  if ('tokenEndpoint' in root) config.tokenEndpoint = tokenEndpoint(root.tokenEndpoint)
  if ('desk' in root) {
    const desk = object(root.desk, 'desk')
    unknownKeys(desk, DESK_KEYS, 'desk')
    const parsed: Record<string, unknown> = {}
    if ('online' in desk) parsed.online = boolean(desk.online, 'desk.online')
    if ('baseUrl' in desk) parsed.baseUrl = url(desk.baseUrl, 'desk.baseUrl')
    if ('accountsBaseUrl' in desk) parsed.accountsBaseUrl = url(desk.accountsBaseUrl, 'desk.accountsBaseUrl')
    for (const key of ['accessTokenEnv', 'clientIdEnv', 'clientSecretEnv', 'refreshTokenEnv'] as const) {
      if (key in desk) parsed[key] = envName(desk[key], `desk.${key}`)
    }
    config.desk = parsed
  }
  if ('record' in root) config.record = recordConfig(root.record)
  // The shape was checked field by field above; this is the typed view of the same object.
  return config as AsapDoctorConfig
}

function tokenEndpoint(value: unknown): TokenEndpointConfig {
  const endpoint = object(value, 'tokenEndpoint')
  unknownKeys(endpoint, ENDPOINT_KEYS, 'tokenEndpoint')
  if (!('url' in endpoint)) throw new ConfigError('tokenEndpoint.url', 'is required')
  const result: { url: string; method?: 'GET' | 'POST'; headers?: Record<string, string | { env: string }>; body?: string } = {
    url: url(endpoint.url, 'tokenEndpoint.url'),
  }
  if ('method' in endpoint) {
    const method = string(endpoint.method, 'tokenEndpoint.method').toUpperCase()
    if (method !== 'GET' && method !== 'POST') throw new ConfigError('tokenEndpoint.method', `${shown(method)} must be GET or POST`)
    result.method = method
  }
  if ('body' in endpoint) result.body = string(endpoint.body, 'tokenEndpoint.body')
  if ('headers' in endpoint) {
    const headers = object(endpoint.headers, 'tokenEndpoint.headers')
    result.headers = {}
    for (const [name, headerValue] of Object.entries(headers)) {
      const path = `tokenEndpoint.headers.${name}`
      if (typeof headerValue === 'object' && headerValue !== null && !Array.isArray(headerValue)) {
        const ref = object(headerValue, path)
        unknownKeys(ref, ['env'], path)
        result.headers[name] = { env: envName(ref.env, `${path}.env`) }
      } else {
        const literal = string(headerValue, path)
        if (CREDENTIAL_HEADERS.test(name)) {
          throw new ConfigError(path, `a ${name} value is a credential; write { "env": "VARIABLE_NAME" } and put the value in that environment variable`)
        }
        result.headers[name] = literal
      }
    }
  }
  return result
}

function recordConfig(value: unknown): RecordConfig {
  const record = object(value, 'record')
  unknownKeys(record, RECORD_KEYS, 'record')
  const parsed: Record<string, unknown> = {}
  for (const key of ['url', 'loginUrl'] as const) if (key in record) parsed[key] = url(record[key], `record.${key}`)
  for (const key of ['storageState', 'browser', 'timeout'] as const) if (key in record) parsed[key] = string(record[key], `record.${key}`)
  for (const key of ['userEnv', 'passwordEnv'] as const) if (key in record) parsed[key] = envName(record[key], `record.${key}`)
  if ('waitForLogin' in record) parsed.waitForLogin = boolean(record.waitForLogin, 'record.waitForLogin')
  if ('repeat' in record) {
    const repeat = record.repeat
    if (typeof repeat !== 'number' || !Number.isInteger(repeat) || repeat < 1 || repeat > 20)
      throw new ConfigError('record.repeat', 'must be a whole number from 1 to 20')
    parsed.repeat = repeat
  }
  if ('browserArgs' in record)
    parsed.browserArgs = array(record.browserArgs, 'record.browserArgs').map((item, index) => string(item, `record.browserArgs[${index}]`))
  if ('cookies' in record) {
    const cookies = object(record.cookies, 'record.cookies')
    parsed.cookies = Object.fromEntries(Object.entries(cookies).map(([name, env]) => [name, envName(env, `record.cookies.${name}`)]))
  }
  if ('selectors' in record) {
    const selectors = object(record.selectors, 'record.selectors')
    unknownKeys(selectors, SELECTOR_KEYS, 'record.selectors')
    parsed.selectors = Object.fromEntries(Object.entries(selectors).map(([key, selector]) => [key, string(selector, `record.selectors.${key}`)]))
  }
  if ('loginUrl' in parsed) {
    for (const key of ['userEnv', 'passwordEnv'] as const)
      if (!(key in parsed)) throw new ConfigError(`record.${key}`, 'is required with record.loginUrl (the name of the environment variable that holds it)')
  }
  // The shape was checked field by field above.
  return parsed as RecordConfig
}

function rejectLiteralSecrets(value: unknown, path: string): void {
  if (typeof value === 'string') {
    if (LOOKS_SECRET.some((pattern) => pattern.test(value.trim()))) {
      throw new ConfigError(path, 'looks like a token or credential; the config holds only names of environment variables, never their values')
    }
    return
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) rejectLiteralSecrets(item, `${path}[${index}]`)
    return
  }
  if (typeof value !== 'object' || value === null) return
  for (const [key, child] of Object.entries(value)) {
    const childPath = path === '' ? key : `${path}.${key}`
    // CSS selectors of a login form (record.selectors.password is "#password") and cookie names
    // mapped to environment variable names (validated as such), not credentials.
    if (path === 'record.selectors' || path === 'record.cookies') continue
    if (/secret|password|passwd|token|apikey|api_key/i.test(key) && !/env$|file$|^tokenEndpoint$/i.test(key) && typeof child === 'string' && path !== '') {
      throw new ConfigError(
        childPath,
        'a secret written into the config file; use the name of an environment variable instead (for example "clientSecretEnv": "ZOHO_CLIENT_SECRET")',
      )
    }
    if (/^(secret|clientSecret|refreshToken|accessToken|password)$/i.test(key) && typeof child === 'string') {
      throw new ConfigError(childPath, 'a secret written into the config file; use the name of an environment variable instead')
    }
    rejectLiteralSecrets(child, childPath)
  }
}

function unknownKeys(value: Record<string, unknown>, known: readonly string[], path: string): void {
  for (const key of Object.keys(value)) {
    // A pasted secret can land as a key too: name it by its kind, not by its text.
    const shownKey = looksLikeCredential(key) ? '<a key that looks like a credential>' : key
    if (!known.includes(key))
      throw new ConfigError(path === '' ? shownKey : `${path}.${shownKey}`, `unknown key (expected one of: ${known.filter((k) => k !== '$schema').join(', ')})`)
  }
}

function object(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ConfigError(path, `must be an object, not ${describe(value)}`)
  return Object.fromEntries(Object.entries(value))
}

function array(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw new ConfigError(path, `must be an array, not ${describe(value)}`)
  return value
}

function string(value: unknown, path: string): string {
  if (typeof value !== 'string') throw new ConfigError(path, `must be a string, not ${describe(value)}`)
  return value
}

function boolean(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') throw new ConfigError(path, `must be true or false, not ${describe(value)}`)
  return value
}

function digits(value: unknown, path: string): string {
  const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : string(value, path)
  if (!/^\d{3,24}$/.test(text)) throw new ConfigError(path, `${shown(text)} is not a numeric id`)
  return text
}

function envName(value: unknown, path: string): string {
  // Never echo the value: what sits where a variable name belongs is often the secret itself.
  if (typeof value !== 'string')
    throw new ConfigError(path, `must be the name of an environment variable (a string such as "ZOHO_DESK_ACCESS_TOKEN"), not ${describeKind(value)}`)
  // A mixed-case run of 20+ letters and digits without "_" is a pasted secret, not a variable name.
  const pasted = value.length >= 20 && !value.includes('_') && /[a-z]/.test(value) && /[A-Z]/.test(value) && /[0-9]/.test(value)
  if (!ENV_NAME.test(value) || pasted) {
    const kind = looksLikeCredential(value) ? 'looks like a credential (a token or secret value)' : 'is not an environment variable name'
    throw new ConfigError(
      path,
      `the value ${kind}; expected the NAME of an environment variable (letters, digits and _, such as "ZOHO_DESK_ACCESS_TOKEN") that holds it`,
    )
  }
  return value
}

/** Credential-shaped: a known token format, or a run of 16+ word characters mixing letters and digits. */
function looksLikeCredential(text: string): boolean {
  const trimmed = text.trim()
  if (LOOKS_SECRET.some((pattern) => pattern.test(trimmed))) return true
  return (trimmed.match(/[A-Za-z0-9_-]{16,}/g) ?? []).some((run) => /[0-9]/.test(run) && /[A-Za-z]/.test(run))
}

/** A value for an error message: itself when harmless, only its kind when it may be a credential. */
function shown(text: string): string {
  return looksLikeCredential(text) ? 'a value that looks like a credential (not shown)' : `"${text.length > 80 ? `${text.slice(0, 80)}…` : text}"`
}

/** Deeper than this is not a config anyone wrote; checked iteratively so no walk below can overflow. */
const MAX_CONFIG_DEPTH = 32

function rejectDeepNesting(value: unknown): void {
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value, path: '', depth: 0 }]
  while (stack.length > 0) {
    const item = stack.pop()
    if (item === undefined || typeof item.value !== 'object' || item.value === null) continue
    if (item.depth >= MAX_CONFIG_DEPTH) {
      throw new ConfigError(item.path, `nested more than ${MAX_CONFIG_DEPTH} levels deep; a config is a few levels of objects`)
    }
    if (Array.isArray(item.value)) {
      for (const [index, child] of item.value.entries()) stack.push({ value: child, path: `${item.path}[${index}]`, depth: item.depth + 1 })
    } else {
      for (const [key, child] of Object.entries(item.value))
        stack.push({ value: child, path: item.path === '' ? key : `${item.path}.${key}`, depth: item.depth + 1 })
    }
  }
}

function url(value: unknown, path: string): string {
  const text = string(value, path)
  try {
    const parsed = new URL(text)
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new Error('not http(s)')
    if (parsed.username !== '' || parsed.password !== '') throw new ConfigError(path, 'credentials inside the URL; pass them through an environment variable')
    return text
  } catch (error) {
    if (error instanceof ConfigError) throw error
    throw new ConfigError(path, `${shown(text)} is not an http(s) URL`)
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'string') return `string ${shown(value)}`
  return typeof value === 'object' ? 'an object' : `${typeof value} ${JSON.stringify(value)}`
}

function describeKind(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`
}
