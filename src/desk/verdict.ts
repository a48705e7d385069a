import type { UserLookupResult } from '../core/types.js'

/** A contact as either source knows it: the Desk API (contact plus Help Center user) or an export file. */
export interface ContactRecord {
  readonly email: string
  readonly isEndUser?: boolean
  readonly isSpam?: boolean
  readonly isAnonymous?: boolean
  /** Help Center user state as stored (`status`, `userStatus`), when known. */
  readonly status?: string
  readonly isActive?: boolean
  /** Where the record sits, appended to `source` (e.g. `row 14`). */
  readonly where?: string
}

/** A Help Center user state, reduced to what decides a login. */
export type UserState =
  | { readonly kind: 'active' }
  | { readonly kind: 'not-invited'; readonly state: string }
  | { readonly kind: 'deactivated'; readonly state: string }
  | { readonly kind: 'pending'; readonly state: string }
  | { readonly kind: 'unknown'; readonly state?: string }

/*
 * Zoho documents no status field or values for Help Center users (facts §4.3). These names are
 * inferred from the admin UI's actions (invite, approve, reject, reactivate, deactivate) and common
 * API spellings; values are compared upper-cased with spaces and hyphens as underscores.
 */
const ACTIVE_STATES = new Set(['ACTIVE', 'CONFIRMED', 'VERIFIED', 'APPROVED', 'ENABLED', 'REACTIVATED'])
const DEACTIVATED_STATES = new Set(['DEACTIVATED', 'INACTIVE', 'BLOCKED', 'DISABLED', 'SUSPENDED', 'DELETED', 'REJECTED', 'LOCKED'])
const PENDING_STATES = new Set([
  'INVITED',
  'REINVITED',
  'INVITATION_SENT',
  'PENDING',
  'PENDING_APPROVAL',
  'AWAITING_APPROVAL',
  'PENDING_CONFIRMATION',
  'AWAITING_CONFIRMATION',
  'UNCONFIRMED',
  'NOT_CONFIRMED',
  'UNVERIFIED',
  'NOT_VERIFIED',
])
const NOT_INVITED_STATES = new Set(['NOT_INVITED', 'UNINVITED', 'NONE', 'NOT_A_USER'])

/**
 * Reduces a Help Center user's `status`/`isActive` to a {@link UserState}. `isActive: false` means
 * deactivated. An unrecognised status is `unknown` (callers treat it as not blocking and say so).
 *
 * @example
 * classifyUserState('Pending Approval', undefined) // { kind: 'pending', state: 'Pending Approval' }
 */
export function classifyUserState(status: string | undefined, isActive: boolean | undefined): UserState {
  const state = status?.trim()
  if (state !== undefined && state !== '') {
    const key = state.toUpperCase().replace(/[\s-]+/g, '_')
    if (DEACTIVATED_STATES.has(key)) return { kind: 'deactivated', state }
    if (PENDING_STATES.has(key)) return { kind: 'pending', state }
    if (NOT_INVITED_STATES.has(key)) return { kind: 'not-invited', state }
    if (ACTIVE_STATES.has(key)) return isActive === false ? { kind: 'deactivated', state } : { kind: 'active' }
    if (isActive === false) return { kind: 'deactivated', state }
    return { kind: 'unknown', state }
  }
  if (isActive === false) return { kind: 'deactivated', state: 'isActive: false' }
  return isActive === true ? { kind: 'active' } : { kind: 'unknown' }
}

/** Emails compare trimmed, Unicode-normalised and case-insensitively (facts §4.2). */
export function normalizeEmail(email: string): string {
  return email.trim().normalize('NFC').toLowerCase()
}

/** The record for `email`: an exact spelling first, else the first case-insensitive match. */
export function findContact(email: string, records: readonly ContactRecord[]): { readonly record: ContactRecord; readonly exact: boolean } | undefined {
  const exact = records.find((record) => record.email === email)
  if (exact !== undefined) return { record: exact, exact: true }
  const wanted = normalizeEmail(email)
  const loose = records.find((record) => normalizeEmail(record.email) === wanted)
  return loose === undefined ? undefined : { record: loose, exact: false }
}

/**
 * The verdict for a matched contact. Definite blockers come first (spam, anonymous, not an end user,
 * deactivated, pending); a spelling that differs only in case or whitespace comes after them, because
 * whether ASAP matches emails case-sensitively is not documented.
 */
export function judgeContact(match: { readonly record: ContactRecord; readonly exact: boolean }, source: string): UserLookupResult {
  const { record } = match
  const at = record.where === undefined ? source : `${source}, ${record.where}`
  const email = record.email
  if (record.isSpam === true) return { kind: 'spam', email, source: at }
  if (record.isAnonymous === true) return { kind: 'anonymous', email, source: at }
  const state = classifyUserState(record.status, record.isActive)
  if (record.isEndUser === false || state.kind === 'not-invited') return { kind: 'not-end-user', email, source: at }
  if (state.kind === 'deactivated') return { kind: 'deactivated', email, source: at }
  if (state.kind === 'pending') return { kind: 'pending', email, state: state.state, source: at }
  const note = state.kind === 'unknown' && state.state !== undefined ? ` (unrecognised user status ${JSON.stringify(state.state)}, assumed active)` : ''
  if (!match.exact) return { kind: 'case-mismatch', storedEmail: email, source: `${at}${note}` }
  return { kind: 'active-end-user', email, source: `${at}${note}` }
}
