import { sniffInput, type InputInfo } from './har-input.js'
import { JwtStreamScanner } from './jwt-stream.js'

/** A JWT-looking string found by {@link scanTokens}. */
export interface TokenHit {
  /** The token as written: `header.payload.signature` (base64url; the signature may be empty). */
  token: string
  /** Byte offset of its first character from the start of the input (a BOM counts). */
  offset: number
}

/**
 * Raw scan mode: finds every JWT-looking token (`eyJ…​.eyJ…​.…`) in the bytes without parsing JSON,
 * so it also works on files that are truncated or not valid JSON. Tokens spanning chunk boundaries
 * are found; every occurrence is reported (no deduplication). JWTs need no JSON escaping, so the
 * raw bytes hold them verbatim.
 *
 * Throws {@link HarInputError} for empty input, archives (zip, gzip, …) and UTF-16/32, which would
 * otherwise silently yield nothing.
 *
 * @example
 * ```ts
 * for await (const { token, offset } of scanTokens(createReadStream(file))) console.log(offset, token)
 * ```
 */
export async function* scanTokens(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<TokenHit, void, undefined> {
  const info: InputInfo = { bom: false, bytes: 0 }
  let found: TokenHit[] = []
  const scanner = new JwtStreamScanner((token, offset) => found.push({ token, offset }))
  let offset = -1
  for await (const buf of sniffInput(chunks, info)) {
    if (offset < 0) offset = info.bom ? 3 : 0
    scanner.push(buf, offset)
    offset += buf.length
    if (found.length > 0) {
      const batch = found
      found = []
      yield* batch
    }
  }
  scanner.end()
  yield* found
}
