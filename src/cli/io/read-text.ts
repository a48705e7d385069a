import { readFileSync, statSync } from 'node:fs'
import { isAbsolute, resolve } from 'node:path'
import { InputError } from '../../core/errors.js'
import { activeGuard } from '../output-guard.js'

/** Largest token or secret input read; a JWT of megabytes is already absurd. */
export const MAX_TEXT_INPUT_BYTES = 16 * 1024 * 1024

/** Reads a small text file, turning every failure into one clear line (exit 2). */
export async function readTextFile(path: string, cwd: string, what: string): Promise<string> {
  const full = isAbsolute(path) ? path : resolve(cwd, path)
  let bytes: Buffer
  try {
    // Checked before reading: a 100 MB file must be refused without holding it in memory.
    const stat = statSync(full)
    if (stat.isFile() && stat.size > MAX_TEXT_INPUT_BYTES)
      throw new InputError('ERR_FILE', `${what} ${path} is larger than 16 MiB; that is not a token or a secret`)
    // Sync on purpose: these files are tiny, and fs/promises' FileHandle path costs start-up time.
    bytes = readFileSync(full)
  } catch (error) {
    if (error instanceof InputError) throw error
    const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : ''
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : code || 'unreadable'
    throw new InputError('ERR_FILE', `cannot read ${what} ${path}: ${why}`, { cause: error })
  }
  if (bytes.length > MAX_TEXT_INPUT_BYTES) throw new InputError('ERR_FILE', `${what} ${path} is larger than 16 MiB; that is not a token or a secret`)
  const text = bytes.toString('utf8')
  // A token file's signature (and any JWT in a users file) must not come back out in clear.
  activeGuard()?.registerTokensIn(text)
  return text
}

/** Removes exactly one trailing line break, reporting whether it did. */
export function stripOneNewline(text: string): { text: string; stripped: boolean } {
  if (text.endsWith('\r\n')) return { text: text.slice(0, -2), stripped: true }
  if (text.endsWith('\n')) return { text: text.slice(0, -1), stripped: true }
  return { text, stripped: false }
}
