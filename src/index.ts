/**
 * asap-doctor as a library: the checks the CLI runs, for your own scripts and test suites.
 * Documented in docs/api.md. Everything here is pure apart from the ports you pass (a user
 * directory); nothing touches the network or the process.
 *
 * @example
 * import { assertAsapToken } from 'asap-doctor'
 * await assertAsapToken(await mintToken('jane@example.com'), { secret: process.env.ASAP_JWT_SECRET ?? '' })
 */
import { allChecks } from './checks/index.js'
import type { Check } from './core/define-check.js'
import type { UserDirectory } from './core/types.js'
import { createFileUserDirectory } from './desk/users-file.js'

export { type AssertAsapTokenOptions, type AsapTokenErrorCode, type AsapTokenFailure, AsapTokenError, assertAsapToken } from './api/assert-token.js'
export { diagnoseHar, type DiagnoseHarOptions, type HarInput } from './api/diagnose-har.js'
export { type CommonDiagnoseOptions, diagnoseToken, type DiagnoseTokenOptions } from './api/diagnose-token.js'
export type { InstantInput, SecretInput } from './api/options.js'
export { type FormatName, renderReport, type RenderReportOptions } from './api/render-report.js'
export type { Check, CheckScope } from './core/define-check.js'
export { AsapDoctorError, type AsapDoctorErrorCode, ConfigError, InputError, isAsapDoctorError, NetworkError } from './core/errors.js'
export {
  type Diagnosis,
  type Report,
  SCHEMA_VERSION,
  type SourceKind,
  type SubjectReport,
  type SubjectSource,
  type Summary,
  type Suspect,
  type TimelineEvent,
  type TokenView,
} from './core/report.js'
export type { CheckResult, CheckStatus, DataValue, FindingData, Severity, UserDirectory, UserLookupResult } from './core/types.js'
export type { DataCenterId } from './desk/data-centers.js'
export { HarInputError, type HarInputErrorCode } from './har/har-errors.js'

/**
 * Every check asap-doctor has, in listing order (the same as `asap-doctor checks`). Ids and message
 * ids are a public contract; `docs` is the path of the check's page inside the package.
 */
export const checks: readonly Check[] = allChecks

/**
 * A user directory for `help-center-user` from a Zoho Desk contacts export (CSV or JSON) or a list of
 * addresses, one a line: the offline equivalent of the CLI's `--users FILE`.
 *
 * @throws InputError `ERR_INPUT` when the text is none of those formats.
 */
export function usersFromContactsExport(text: string, fileName = 'contacts'): UserDirectory {
  return createFileUserDirectory(text, fileName)
}
