import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** The installed package's root: dist/cli/ → ../../ (docs/ and package.json live there). */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url))

let version: string | undefined

export function toolVersion(): string {
  if (version === undefined) {
    const parsed: unknown = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'))
    version = typeof parsed === 'object' && parsed !== null && 'version' in parsed && typeof parsed.version === 'string' ? parsed.version : '0.0.0'
  }
  return version
}
