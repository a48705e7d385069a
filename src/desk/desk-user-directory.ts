import { InputError } from '../core/errors.js'
import type { UserDirectory, UserLookupResult } from '../core/types.js'
import { requestWithRetry } from '../net/retry.js'
import { assertCredentialTarget, parseBaseUrl, redact } from './endpoints.js'
import type { BaseUrl } from './endpoints.js'
import { isDeeperThan, isRecord, parseJsonObject, readBoolean } from './json.js'
import { createAccessTokenSource } from './oauth.js'
import type { DeskAuth, ZohoCallOptions } from './oauth.js'
import { findContact, judgeContact, normalizeEmail } from './verdict.js'
import type { ContactRecord } from './verdict.js'

/** Scopes for `contacts/search` (third-party docs, facts §4.1). */
export const CONTACT_SEARCH_SCOPES: readonly string[] = ['Desk.basic.READ', 'Desk.contacts.READ', 'Desk.search.READ']

/**
 * Scope assumed for the Help Center `users` search. Inferred: no source documents it (facts §4.1
 * suggests `Desk.settings.READ` "if the HC users API needs it").
 */
export const HELP_CENTER_USERS_SCOPES: readonly string[] = ['Desk.settings.READ']

/** The read-only scope set to ask for when Desk answers `SCOPE_MISMATCH`. */
export const DESK_LOOKUP_SCOPES: readonly string[] = [...CONTACT_SEARCH_SCOPES, ...HELP_CENTER_USERS_SCOPES]

/** Options of {@link createDeskUserDirectory}. */
export interface DeskUserDirectoryOptions extends ZohoCallOptions {
  /** `https://desk.zoho.<tld>` (or `https://desk.zohocloud.ca`). */
  readonly deskBaseUrl: string
  /** The Desk organisation id, sent as the `orgId` header. */
  readonly orgId: string
  readonly auth: DeskAuth
}

/** One Desk GET: parsed JSON (absent for 204 or an empty body), or the lookup result explaining the failure. */
type DeskAnswer =
  | { readonly ok: true; readonly json: Readonly<Record<string, unknown>> | undefined }
  | { readonly ok: false; readonly result: UserLookupResult }

/**
 * The online {@link UserDirectory}: looks the email up with Desk's contacts search, then (when the
 * contact is an end user) the Help Center users search for a deactivated or pending state.
 * The access token is sent only to `deskBaseUrl`, never appears in a result or message, and the
 * refresh credentials (when given) go only to the accounts host.
 *
 * `lookup` throws `NetworkError` when Desk cannot be reached at all (after one retry; a timeout is not
 * retried), and `InputError` for an empty email.
 *
 * @throws InputError `ERR_INPUT` for unusable URLs, org id or credentials.
 * @example
 * const users = createDeskUserDirectory({
 *   http: createUndiciHttpClient(),
 *   deskBaseUrl: 'https://desk.zoho.eu',
 *   orgId: '20111269432',
 *   auth: { kind: 'access-token', accessToken },
 * })
 * await users.lookup('jane@example.com') // { kind: 'active-end-user', email: 'jane@example.com', source: 'Zoho Desk API desk.zoho.eu (org 20111269432)' }
 */
export function createDeskUserDirectory(options: DeskUserDirectoryOptions): UserDirectory {
  const desk = parseBaseUrl(options.deskBaseUrl, 'Desk URL')
  const orgId = options.orgId.trim()
  if (!/^\d{1,30}$/.test(orgId)) throw new InputError('ERR_INPUT', `the Desk org id must be digits (got ${JSON.stringify(options.orgId)})`)
  const tokens = createAccessTokenSource(options.auth, options)
  const source = `Zoho Desk API ${desk.host} (org ${orgId})`

  return {
    description: source,
    async lookup(email: string): Promise<UserLookupResult> {
      const wanted = email.trim()
      if (wanted === '') throw new InputError('ERR_INPUT', 'no email to look up')
      const result = await lookupOnce(email, wanted)
      return scrub(result, tokens.secrets)
    },
  }

  async function lookupOnce(email: string, wanted: string): Promise<UserLookupResult> {
    const token = await tokens.get()
    if (!token.ok) {
      return {
        kind: 'api-error',
        errorCode: token.errorCode,
        message: token.message,
        source: token.source,
        ...(token.httpStatus === undefined ? {} : { httpStatus: token.httpStatus }),
      }
    }
    const get = (path: string): Promise<DeskAnswer> => deskGet(desk, path, orgId, token.token.value, source, options)

    const contacts = await get(`/api/v1/contacts/search?email=${encodeURIComponent(wanted)}`)
    if (!contacts.ok) return contacts.result
    const records = contactRecords(contacts.json)
    // An answer the tool cannot read says nothing about the user: an error, never "no contact".
    if (records === undefined) return unreadable('contacts search', source)
    const match = findContact(email, records)
    if (match === undefined) return { kind: 'no-contact', source }
    const first = judgeContact(match, source)
    if (first.kind === 'spam' || first.kind === 'anonymous' || first.kind === 'not-end-user') return first

    // The searchBy syntax is as public code writes it; only the value is encoded ('+' would become a space).
    const stored = match.record.email.trim()
    const users = await get(`/api/v1/users?searchBy=(email:equals:${encodeURIComponent(stored)})`)
    if (!users.ok) return judgeContact(match, `${source}; Help Center user status not checked: ${describeFailure(users.result)}`)
    const user = helpCenterUser(users.json, stored)
    if (user === null) return judgeContact(match, `${source}; Help Center user status not checked: ${describeFailure(unreadable('users search', source))}`)
    if (user === undefined) return judgeContact(match, `${source}; no Help Center user record found`)
    return judgeContact({ exact: match.exact, record: { ...match.record, ...user } }, source)
  }
}

async function deskGet(desk: BaseUrl, path: string, orgId: string, token: string, source: string, options: ZohoCallOptions): Promise<DeskAnswer> {
  const url = `${desk.base}${path}`
  assertCredentialTarget(url, desk, 'access token')
  const outcome = await requestWithRetry(
    options.http,
    { method: 'GET', url, headers: { orgId, Authorization: `Zoho-oauthtoken ${token}`, accept: 'application/json' }, timeoutMs: options.timeoutMs },
    options,
  )
  const res = outcome.response
  assertCredentialTarget(res.url, desk, 'access token')
  if (outcome.kind === 'rate-limited') {
    const wait = outcome.retryAfterMs === undefined ? '' : ` (Retry-After ${Math.ceil(outcome.retryAfterMs / 1000)} s)`
    const why = outcome.overCeiling ? `; not waiting longer than ${Math.round((options.maxRetryAfterMs ?? 30_000) / 1000)} s` : ' again after waiting once'
    return apiError('RATE_LIMITED', `Desk API rate limit reached${wait}${why}: try again later`, res.status, source)
  }
  if (res.status === 204) return { ok: true, json: undefined }
  if (res.status >= 300 && res.status < 400) {
    return apiError(
      'REDIRECT',
      `Desk answered ${res.status} (redirect); not followed so the access token goes nowhere else: check the Desk URL`,
      res.status,
      source,
    )
  }
  const json = parseJsonObject(res.body)
  if (res.status >= 200 && res.status < 300) {
    if (res.body.trim() !== '' && json === undefined)
      return apiError('INVALID_RESPONSE', `Desk answered ${res.status} with a body that is not a JSON object`, res.status, source)
    return { ok: true, json }
  }

  const errorCode = json !== undefined && typeof json['errorCode'] === 'string' ? json['errorCode'] : undefined
  const message = json !== undefined && typeof json['message'] === 'string' ? json['message'] : undefined
  if (errorCode === 'OAUTH_ORG_MISMATCH') {
    return { ok: false, result: { kind: 'org-mismatch', message: message ?? 'The OAuthToken is not valid for specified organization', source } }
  }
  if (errorCode === 'SCOPE_MISMATCH') {
    return {
      ok: false,
      result: {
        kind: 'api-error',
        errorCode,
        message: message ?? 'the access token lacks a required scope',
        httpStatus: res.status,
        requiredScopes: DESK_LOOKUP_SCOPES,
        source,
      },
    }
  }
  const retried = outcome.attempts > 1 ? ' (after one retry)' : ''
  if (errorCode !== undefined) return apiError(errorCode, `${message ?? `Desk answered HTTP ${res.status}`}${retried}`, res.status, source)
  return apiError(`HTTP_${res.status}`, `Desk answered HTTP ${res.status} without a Zoho error body${retried}`, res.status, source)
}

function apiError(errorCode: string, message: string, httpStatus: number, source: string): DeskAnswer {
  return { ok: false, result: { kind: 'api-error', errorCode, message, httpStatus, source } }
}

/**
 * Contacts from a search answer: `{ data: [...] }`, each with `email` and the three flags. No body
 * (204) is no match; any other shape (no `data` array, an item that is not a contact object, a
 * body nested too deep to be Desk's) is `undefined`: unreadable, not "no contact".
 */
function contactRecords(json: Readonly<Record<string, unknown>> | undefined): ContactRecord[] | undefined {
  if (json === undefined) return []
  const data = json['data']
  if (!Array.isArray(data) || isDeeperThan(json, MAX_ANSWER_DEPTH)) return undefined
  const records: ContactRecord[] = []
  for (const item of data) {
    if (!isRecord(item)) return undefined
    if (typeof item['email'] !== 'string') continue
    records.push({ email: item['email'], isEndUser: bool(item['isEndUser']), isSpam: bool(item['isSpam']), isAnonymous: bool(item['isAnonymous']) })
  }
  return records
}

/**
 * The Help Center user with this email from a `users` search answer. The field names are inferred:
 * public code reads `emailAddress`; the state may be in `status`, `userStatus` or `isActive`.
 */
function helpCenterUser(json: Readonly<Record<string, unknown>> | undefined, email: string): Pick<ContactRecord, 'status' | 'isActive'> | undefined | null {
  if (json === undefined) return undefined
  const data = json['data']
  // null: the answer is unreadable (see contactRecords); undefined: readable, no such user.
  if (!Array.isArray(data) || isDeeperThan(json, MAX_ANSWER_DEPTH)) return null
  const wanted = normalizeEmail(email)
  for (const item of data) {
    if (!isRecord(item)) return null
    const address = typeof item['emailAddress'] === 'string' ? item['emailAddress'] : item['email']
    if (typeof address !== 'string' || normalizeEmail(address) !== wanted) continue
    const status = [item['status'], item['userStatus']].find((value) => typeof value === 'string')
    return { status: typeof status === 'string' ? status : undefined, isActive: bool(item['isActive']) }
  }
  return undefined
}

/** Desk's list answers are three levels deep; far deeper is not an answer the tool can read. */
const MAX_ANSWER_DEPTH = 64

function unreadable(what: string, source: string): UserLookupResult {
  return {
    kind: 'api-error',
    errorCode: 'INVALID_RESPONSE',
    message: `Desk's ${what} answer has a shape the tool cannot read (expected {"data":[…]} of objects); no conclusion about the user`,
    source,
  }
}

function bool(value: unknown): boolean | undefined {
  const parsed = readBoolean(value)
  return typeof parsed === 'boolean' ? parsed : undefined
}

function describeFailure(result: UserLookupResult): string {
  if (result.kind === 'api-error') {
    return result.errorCode === 'SCOPE_MISMATCH' ? `SCOPE_MISMATCH (the token may need ${HELP_CENTER_USERS_SCOPES.join(', ')})` : result.errorCode
  }
  return result.kind === 'org-mismatch' ? 'OAUTH_ORG_MISMATCH' : result.kind
}

/** Scrubs every known secret from the free-text fields, in case Desk ever echoes one. */
function scrub(result: UserLookupResult, secrets: readonly string[]): UserLookupResult {
  const source = redact(result.source, secrets)
  switch (result.kind) {
    case 'api-error':
    case 'org-mismatch':
      return { ...result, message: redact(result.message, secrets), source }
    default:
      return { ...result, source }
  }
}
