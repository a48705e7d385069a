import { Buffer } from 'node:buffer'
import { HarInputError } from './har-errors.js'

/** What the first bytes of the input said; filled in by {@link sniffInput} as it goes. */
export interface InputInfo {
  /** A UTF-8 byte order mark was found and skipped. */
  bom: boolean
  /** Bytes read from the source so far, BOM included. */
  bytes: number
}

const HEAD_BYTES = 64

/** Views any `Uint8Array` as a `Buffer` without copying. */
export function asBuffer(chunk: Uint8Array): Buffer {
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)
}

function startsWith(head: Buffer, bytes: readonly number[]): boolean {
  if (head.length < bytes.length) return false
  for (let i = 0; i < bytes.length; i++) if (head[i] !== bytes[i]) return false
  return true
}

/** Throws the right {@link HarInputError} for a head that is an archive or not UTF-8. */
function checkHead(head: Buffer): void {
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04]) || startsWith(head, [0x50, 0x4b, 0x05, 0x06])) {
    throw new HarInputError('ERR_HAR_ZIP', 'this is a zip archive; unzip it and pass the .har inside')
  }
  if (startsWith(head, [0x1f, 0x8b])) {
    throw new HarInputError('ERR_HAR_NOT_JSON', 'this is a gzip-compressed file, not JSON; decompress it first (gunzip FILE) and pass the .har')
  }
  const compressed: [readonly number[], string][] = [
    [[0x42, 0x5a, 0x68], 'bzip2'],
    [[0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], 'xz'],
    [[0x28, 0xb5, 0x2f, 0xfd], 'zstd'],
    [[0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], '7-Zip'],
  ]
  for (const [magic, name] of compressed) {
    if (startsWith(head, magic)) {
      throw new HarInputError('ERR_HAR_NOT_JSON', `this is a ${name}-compressed file, not JSON; decompress it first and pass the .har`)
    }
  }
  if (startsWith(head, [0x00, 0x00, 0xfe, 0xff]) || startsWith(head, [0xff, 0xfe, 0x00, 0x00])) {
    throw new HarInputError('ERR_HAR_ENCODING', 'the file is UTF-32 text; save it as UTF-8 and retry')
  }
  if (startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff])) {
    throw new HarInputError('ERR_HAR_ENCODING', 'the file is UTF-16 text; save it as UTF-8 and retry')
  }
  let nul = 0
  for (const b of head) if (b === 0) nul++
  // UTF-16 without a BOM has a NUL in every other byte of ASCII text.
  if (head.length >= 4 && nul * 4 >= head.length) {
    throw new HarInputError('ERR_HAR_ENCODING', 'the file starts with many NUL bytes: it looks like UTF-16/UTF-32 text or a binary file, not UTF-8 JSON')
  }
}

/**
 * Checks the head of the input, skips a UTF-8 BOM and passes the bytes on as `Buffer`s.
 * Throws {@link HarInputError} for zip, gzip and other archives, UTF-16/32 and empty input.
 */
export async function* sniffInput(chunks: AsyncIterable<Uint8Array>, info: InputInfo): AsyncGenerator<Buffer, void, undefined> {
  const head: Buffer[] = []
  let headLen = 0
  let checked = false
  for await (const raw of chunks) {
    const chunk = asBuffer(raw)
    info.bytes += chunk.length
    if (checked) {
      if (chunk.length > 0) yield chunk
      continue
    }
    head.push(chunk)
    headLen += chunk.length
    if (headLen < HEAD_BYTES) continue
    checked = true
    const first = prepareHead(Buffer.concat(head, headLen), info)
    if (first.length > 0) yield first
  }
  if (!checked) {
    if (headLen === 0) throw new HarInputError('ERR_HAR_EMPTY', 'the file is empty (0 bytes)')
    const first = prepareHead(Buffer.concat(head, headLen), info)
    if (first.length > 0) yield first
  }
}

function prepareHead(head: Buffer, info: InputInfo): Buffer {
  if (startsWith(head, [0xef, 0xbb, 0xbf])) {
    info.bom = true
    const rest = head.subarray(3)
    checkHead(rest)
    return rest
  }
  checkHead(head)
  return head
}

/** A short printable excerpt of the bytes at `pos`, for error messages. */
export function excerpt(buf: Uint8Array, pos: number, max = 40): string {
  const text = Buffer.from(buf.subarray(pos, pos + max)).toString('utf8')
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f\ufffd]/g, ' ').trim()
  return clean.length > 0 ? clean : `byte 0x${(buf[pos] ?? 0).toString(16).padStart(2, '0')}`
}
