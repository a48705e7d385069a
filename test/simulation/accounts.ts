import { decodeCompact, hs256Matches } from './jwt.js'
import { ALLOWED_DOMAINS, ASAP_SECRET, CLIENT_ID, END_USERS, ORG_ID } from './facts.js'

/**
 * The simulated portal accounts host's decision on one `remote/auth` call. It follows the rules in
 * test/simulation/README.md ("What the accounts host accepts"); like Zoho, the caller only ever
 * sees `general_error`, the reason stays in the simulation's log for tests.
 */
export interface AuthRequest {
  /** `jwt_token` after URL decoding, exactly what the page handed to successCallback (String()-ed). */
  jwtToken: string | null
  orgIdInPath: string
  clientId: string | null
  /** The request's Origin header. */
  origin: string | undefined
  /** The simulation clock at the request, ms since the epoch. */
  now: number
  /** Tokens accepted before (the replay rule). */
  accepted: ReadonlySet<string>
}

export type AuthDecision = { ok: true } | { ok: false; reason: string }

const MAX_WINDOW_MS = 600_000

export function decideRemoteAuth(req: AuthRequest): AuthDecision {
  const fail = (reason: string): AuthDecision => ({ ok: false, reason })
  if (req.orgIdInPath !== ORG_ID) return fail(`unknown org ${req.orgIdInPath}`)
  if (req.clientId !== CLIENT_ID) return fail(`unknown client_id ${String(req.clientId)}`)
  const token = req.jwtToken
  if (token === null || token === '') return fail('no jwt_token')
  const decoded = decodeCompact(token)
  if (decoded === undefined) return fail('jwt_token is not a bare a.b.c JWT (base64url parts)')
  if (decoded.header.alg !== 'HS256') return fail(`alg ${String(decoded.header.alg)} is not HS256`)
  if (!hs256Matches(decoded, ASAP_SECRET)) return fail('signature does not verify with the ASAP secret (raw UTF-8 bytes)')
  const claims = decoded.payload
  if (typeof claims.email !== 'string') return fail('email claim missing or not a string')
  if (claims.email_verified !== true) return fail('email_verified is not the boolean true')

  const window = timeWindow(claims)
  if (typeof window === 'string') return fail(window)
  const { start, end } = window
  if (!(end - start > 0 && end - start <= MAX_WINDOW_MS)) return fail(`window ${end - start} ms is not in (0, ${MAX_WINDOW_MS}]`)
  if (req.now < start || req.now > end) return fail(`request time ${req.now} outside [${start}, ${end}]`)

  const host = originHost(req.origin)
  if (host === undefined || !ALLOWED_DOMAINS.includes(host)) return fail(`origin host ${String(host)} not allowed`)
  if (!END_USERS.includes(claims.email)) return fail(`${claims.email} is not an active end user (exact match)`)
  if (req.accepted.has(token)) return fail('token already used once (replay)')
  return { ok: true }
}

/**
 * Zoho's JWT page: the start is `not_before` (ms), `nbf` or `iat` (s); the end `not_after` or `exp`
 * (ms). Every present claim is read in its documented unit and must hold, so a library `exp` in
 * seconds next to a good `not_after` still ends the window in 1970 (an assumption: Zoho does not
 * say which claim wins; it is the strict reading).
 */
function timeWindow(claims: Record<string, unknown>): { start: number; end: number } | string {
  const starts: number[] = []
  const ends: number[] = []
  for (const [name, scale, list] of [
    ['not_before', 1, starts],
    ['nbf', 1000, starts],
    ['iat', 1000, starts],
    ['not_after', 1, ends],
    ['exp', 1, ends],
  ] as const) {
    const value = claims[name]
    if (value === undefined) continue
    if (typeof value !== 'number' || !Number.isFinite(value)) return `${name} is not a number`
    list.push(value * scale)
  }
  if (starts.length === 0) return 'no start claim (not_before, nbf or iat)'
  if (ends.length === 0) return 'no end claim (not_after or exp)'
  return { start: Math.max(...starts), end: Math.min(...ends) }
}

function originHost(origin: string | undefined): string | undefined {
  if (origin === undefined) return undefined
  try {
    return new URL(origin).hostname
  } catch {
    return undefined
  }
}
