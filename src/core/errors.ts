/**
 * Errors the tool knows how to explain. Each has a stable `code` so the CLI (and tests) branch on the
 * code, never on the message text. All of them mean "the tool could not run" (exit 2); a check that
 * merely fails is data in the report, not an error.
 */
export type AsapDoctorErrorCode =
  | 'ERR_INPUT'
  | 'ERR_NO_TOKEN'
  | 'ERR_SECRET'
  | 'ERR_FILE'
  | 'ERR_USAGE'
  | 'ERR_CONFIG'
  | 'ERR_NETWORK'
  | 'ERR_HAR'
  | 'ERR_BROWSER'

export class AsapDoctorError extends Error {
  readonly code: AsapDoctorErrorCode
  /** A second line the CLI may print as `Reason: …`. */
  readonly reason: string | undefined

  constructor(code: AsapDoctorErrorCode, message: string, options?: { cause?: unknown; reason?: string }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause })
    this.name = new.target.name
    this.code = code
    this.reason = options?.reason
  }
}

/** Bad flags, unreadable input, no token in the input: exit 2. */
export class InputError extends AsapDoctorError {}

/** A config file that is not what the schema says, with the JSON path of the bad value. */
export class ConfigError extends AsapDoctorError {
  readonly path: string
  /** What is wrong with the value, without the path or file. */
  readonly detail: string

  constructor(path: string, detail: string, options?: { cause?: unknown; file?: string }) {
    const where = [options?.file === undefined ? '' : `config ${options.file}: `, path === '' ? '' : `${path}: `].join('')
    super('ERR_CONFIG', `${where}${detail}`, options)
    this.path = path
    this.detail = detail
  }
}

/** An HTTP request the user asked for could not be completed at all. */
export class NetworkError extends AsapDoctorError {}

export function isAsapDoctorError(error: unknown): error is AsapDoctorError {
  return error instanceof AsapDoctorError
}
