import { createRequire } from 'node:module'
import type { Ignore } from 'ignore'
import type picomatchType from 'picomatch'
import { languageOf, SHIPPED_DIRS } from './classify.js'

// Loaded when first needed (a .gitignore, --include/--exclude): each costs about 15 ms of start-up,
// which a scan without them need not pay. Both are CommonJS, so a synchronous require works.
const load = createRequire(import.meta.url)
const ignore = (): Ignore => (load('ignore') as () => Ignore)()
const picomatch = (patterns: string[], options: { dot: boolean }) => (load('picomatch') as typeof picomatchType)(patterns, options)

/** The file system as the walker needs it; the CLI implements it with node:fs, tests with a map. */
export interface TreeReader {
  /** Entries of a directory (relative to the scan root, `''` for the root). */
  list(dir: string): Promise<ReadonlyArray<{ readonly name: string; readonly kind: 'file' | 'dir' | 'other' }>>
  /** A text file, or undefined when it cannot be read (the walker skips it). */
  readText(path: string): Promise<string | undefined>
}

export interface WalkOptions {
  readonly include?: readonly string[]
  readonly exclude?: readonly string[]
}

/**
 * Never entered: dependencies, VCS data and tool caches. `vendor` is PHP/Go/Ruby dependencies.
 * `.next` is skipped only for its cache and server output; `.next/static` holds the shipped bundles.
 */
const SKIP_DIRS = new Set([
  'node_modules',
  '.git',
  '.hg',
  '.svn',
  'vendor',
  'bower_components',
  '.cache',
  '.parcel-cache',
  '.turbo',
  '.nuxt',
  '.vercel',
  '.output',
  'coverage',
  '__pycache__',
  '.venv',
  'venv',
  '.tox',
  '.gradle',
  '.idea',
  '.vscode',
  'target',
  'obj',
  'bin',
  '.mypy_cache',
  '.pytest_cache',
])
const SKIP_PATHS = [/(^|\/)\.next\/(cache|server|types)(\/|$)/, /(^|\/)\.svelte-kit\/generated(\/|$)/]

/**
 * Lists the files to scan under the root, in a stable order: known languages only, `.gitignore`
 * honoured (each directory's own file, as git does), except inside shipped-bundle directories
 * (`public/`, `dist/`, …), which are usually git-ignored build output yet are what browsers get.
 */
export async function listFiles(reader: TreeReader, options: WalkOptions = {}): Promise<string[]> {
  const include = options.include?.length ? picomatch([...options.include], { dot: true }) : undefined
  const exclude = options.exclude?.length ? picomatch([...options.exclude], { dot: true }) : undefined
  const files: string[] = []
  const visit = async (dir: string, ignores: ReadonlyArray<{ base: string; rules: Ignore }>) => {
    const entries = [...(await reader.list(dir))].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    let scoped = ignores
    if (entries.some((entry) => entry.name === '.gitignore' && entry.kind === 'file')) {
      const text = await reader.readText(join(dir, '.gitignore'))
      if (text !== undefined) scoped = [...ignores, { base: dir, rules: ignore().add(text) }]
    }
    for (const entry of entries) {
      const path = join(dir, entry.name)
      if (entry.kind === 'dir') {
        if (SKIP_DIRS.has(entry.name) || SKIP_PATHS.some((pattern) => pattern.test(path))) continue
        if (isIgnored(scoped, `${path}/`) && !SHIPPED_DIRS.has(entry.name) && !inShipped(path)) continue
        if (exclude?.(path) === true || exclude?.(`${path}/`) === true) continue
        await visit(path, scoped)
      } else if (entry.kind === 'file') {
        if (languageOf(path) === undefined) continue
        if (isIgnored(scoped, path) && !inShipped(path)) continue
        if (exclude?.(path) === true) continue
        if (include !== undefined && !include(path)) continue
        files.push(path)
      }
    }
  }
  await visit('', [])
  return files
}

function inShipped(path: string): boolean {
  return (
    path
      .split('/')
      .slice(0, -1)
      .some((segment) => SHIPPED_DIRS.has(segment)) || SHIPPED_DIRS.has(path.split('/').at(-1) ?? '')
  )
}

function isIgnored(ignores: ReadonlyArray<{ base: string; rules: Ignore }>, path: string): boolean {
  return ignores.some(({ base, rules }) => {
    const relative = base === '' ? path : path.startsWith(`${base}/`) ? path.slice(base.length + 1) : undefined
    return relative !== undefined && relative !== '' && relative !== '/' && rules.ignores(relative)
  })
}

function join(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${name}`
}
