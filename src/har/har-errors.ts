/**
 * Stable codes for input that the HAR layer cannot read. Branch on these, never on `message`.
 *
 * - `ERR_HAR_NOT_JSON`: not JSON at all (HTML, gzip, garbage, a syntax error).
 * - `ERR_HAR_NOT_HAR`: valid JSON, but not a HAR (no `log.entries` array).
 * - `ERR_HAR_ZIP`: a zip archive.
 * - `ERR_HAR_ENCODING`: not UTF-8 (UTF-16/32, or invalid UTF-8 inside an entry).
 * - `ERR_HAR_EMPTY`: no bytes, or only whitespace.
 */
export type HarInputErrorCode = 'ERR_HAR_NOT_JSON' | 'ERR_HAR_NOT_HAR' | 'ERR_HAR_ZIP' | 'ERR_HAR_ENCODING' | 'ERR_HAR_EMPTY'

/**
 * The input is not a readable HAR. `message` is one line meant for the user (the CLI prints it and
 * exits with code 2); `code` is the stable machine-readable reason.
 *
 * @example
 * ```ts
 * try {
 *   for await (const ev of readHar(chunks).events) use(ev)
 * } catch (err) {
 *   if (err instanceof HarInputError && err.code === 'ERR_HAR_ZIP') suggestUnzip()
 *   else throw err
 * }
 * ```
 */
export class HarInputError extends Error {
  readonly code: HarInputErrorCode

  constructor(code: HarInputErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.code = code
    this.name = new.target.name
  }
}
