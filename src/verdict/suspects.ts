import type { Suspect } from '../core/report.js'
import type { CheckResult } from '../core/types.js'

interface Candidate extends Suspect {
  /** The check whose pass or fail settles this suspect; a skipped check leaves it open. */
  readonly settledBy?: string
}

/**
 * What a recording cannot prove, most frequent cause first, minus what the checks settled. Ranked
 * only when Zoho refused a login and no check failed: a proven cause is never diluted by guesses.
 */
export function rankSuspects(checks: readonly CheckResult[], pageHost: string | undefined): Suspect[] {
  const status = (id: string) => checks.find((check) => check.id === id)?.status
  const candidates: readonly Candidate[] = [
    {
      id: 'help-center-user',
      title: 'The user is not an active Help Center end user of this org (no contact, not "Add as End User", deactivated, or another org)',
      confirm: 'Run again with --users <contacts export> or --online; or in Zoho Desk search the contact and check it is an active end user.',
      settledBy: 'help-center-user',
    },
    {
      id: 'signature',
      title: 'The token is signed with another secret (Help Center secret, another add-on, or an old one)',
      confirm: 'Run again with --secret-file <the ASAP JWT secret>.',
      settledBy: 'signature',
    },
    {
      id: 'allowed-domain',
      title: `The page host${pageHost === undefined ? '' : ` ${pageHost}`} is not in the ASAP JWT allowed domains`,
      confirm: 'Run again with --allowed-domain for each host in the ASAP JWT settings (exact host names).',
      settledBy: 'allowed-domain',
    },
    {
      id: 'email-normalization',
      title: "The address in the token differs from the end user's address in Zoho (case, whitespace or an alias)",
      confirm: 'Run again with --expect-email <the address Zoho has>, or compare the two character by character.',
    },
    {
      id: 'jwt-setup',
      title: "JWT is not the widget's authentication method, or SSO is not enabled on the default help center",
      confirm:
        'In Zoho Desk: ASAP → your web add-on → "Secure your help widget" must be JWT; Help Center → SSO must be on for the default (not a multi-brand) help center.',
    },
  ]
  return candidates
    .filter((candidate) => candidate.settledBy === undefined || (status(candidate.settledBy) !== 'pass' && status(candidate.settledBy) !== 'fail'))
    .map(({ id, title, confirm }) => ({ id, title, confirm }))
}
