import type { Language, Side } from './types.js'

/** Template extensions first: `.blade.php` is a template, not PHP source. */
const BY_SUFFIX: ReadonlyArray<readonly [string, Language]> = [
  ['.blade.php', 'template'],
  ['.html.erb', 'template'],
  ['.erb', 'template'],
  ['.ejs', 'template'],
  ['.hbs', 'template'],
  ['.handlebars', 'template'],
  ['.cshtml', 'template'],
  ['.razor', 'template'],
  ['.jinja', 'template'],
  ['.jinja2', 'template'],
  ['.j2', 'template'],
  ['.njk', 'template'],
  ['.twig', 'template'],
  ['.liquid', 'template'],
  ['.html', 'html'],
  ['.htm', 'html'],
  ['.vue', 'vue'],
  ['.svelte', 'svelte'],
  ['.js', 'javascript'],
  ['.mjs', 'javascript'],
  ['.cjs', 'javascript'],
  ['.jsx', 'javascript'],
  ['.ts', 'typescript'],
  ['.mts', 'typescript'],
  ['.cts', 'typescript'],
  ['.tsx', 'typescript'],
  ['.py', 'python'],
  ['.php', 'php'],
  ['.java', 'java'],
  ['.kt', 'kotlin'],
  ['.kts', 'kotlin'],
  ['.cs', 'csharp'],
  ['.go', 'go'],
  ['.rb', 'ruby'],
]

// One lookup by the last extension. The few two-part suffixes (`.blade.php`, `.html.erb`) are
// tried only when the last extension is theirs: this runs on every file of a tree, during the walk.
const BY_EXTENSION = new Map(BY_SUFFIX.filter(([suffix]) => suffix.lastIndexOf('.') === 0))
const TWO_PART = BY_SUFFIX.filter(([suffix]) => suffix.lastIndexOf('.') > 0)
const TWO_PART_LAST = new Set(TWO_PART.map(([suffix]) => suffix.slice(suffix.lastIndexOf('.'))))

/** The language of a file from its name, or undefined for files the scanner does not read. */
export function languageOf(path: string): Language | undefined {
  const dot = path.lastIndexOf('.')
  if (dot < 0) return undefined
  const extension = path.slice(dot).toLowerCase()
  if (TWO_PART_LAST.has(extension)) {
    const lower = path.toLowerCase()
    for (const [suffix, language] of TWO_PART) if (lower.endsWith(suffix)) return language
  }
  const language = BY_EXTENSION.get(extension)
  // Type declarations hold no code that runs.
  if (extension === '.ts' && path.slice(-5).toLowerCase() === '.d.ts') return undefined
  return language
}

/** Directories whose files are served to browsers as they are (bundles that ship). */
export const SHIPPED_DIRS = new Set(['public', 'static', 'dist', 'build', 'assets', 'wwwroot', 'www'])

// Server-only locations of the common frameworks: Next.js route handlers and API routes,
// SvelteKit `$lib/server` and `*.server.*`, middleware, and conventional server folders.
const SERVER_PATH = [
  /(^|\/)app\/(.*\/)?api\/(.*\/)?route\.[cm]?[jt]sx?$/,
  /(^|\/)pages\/api\//,
  /(^|\/)lib\/server\//,
  /\.server\.[cm]?[jt]sx?$/,
  /(^|\/)\+server\.[jt]s$/,
  /(^|\/)\+page\.server\.[jt]s$/,
  /(^|\/)middleware\.[cm]?[jt]s$/,
  /(^|\/)(server|backend|functions|lambda|netlify\/functions|api|routes|controllers)\//,
  /(^|\/)(server|app|index|main)\.[cm]?[jt]s$/,
]

const SERVER_IMPORT =
  /\b(?:require\(\s*|from\s+)['"](?:express|fastify|koa|hono|@hapi\/hapi|next\/server|node:[\w/]+|fs|http|https|jsonwebtoken|crypto|dotenv(?:\/config)?)['"]|['"]use server['"]/
const BROWSER_HINT = /\b(?:document\.|window\.|localStorage|sessionStorage|navigator\.)|['"]use client['"]/

/**
 * Whether code ships to the browser. Paths decide first (a bundle in `public/` ships whatever it
 * contains; `app/api/**\/route.ts` never does), then the code itself (server imports, `use client`,
 * DOM access).
 */
export function sideOf(path: string, language: Language, text: string): Side {
  if (
    language === 'python' ||
    language === 'php' ||
    language === 'java' ||
    language === 'kotlin' ||
    language === 'csharp' ||
    language === 'go' ||
    language === 'ruby'
  )
    return 'server'
  if (language === 'html' || language === 'template') return 'browser'
  const segments = path.split('/')
  if (segments.slice(0, -1).some((segment) => SHIPPED_DIRS.has(segment))) return 'browser'
  if (/(^|\/)\.next\/static\//.test(path)) return 'browser'
  if (SERVER_PATH.some((pattern) => pattern.test(path))) return 'server'
  const head = text.slice(0, 4000)
  if (/^\s*(['"])use client\1/.test(head)) return 'browser'
  // A component file (JSX, Vue, Svelte) renders in the browser even when it imports server modules.
  if (language === 'vue' || language === 'svelte' || /\.[jt]sx$/.test(path)) return 'browser'
  if (SERVER_IMPORT.test(head)) return 'server'
  if (BROWSER_HINT.test(text)) return 'browser'
  return 'unknown'
}

/** A minified bundle: very long lines. Its code lines are not worth printing. */
export function isMinified(path: string, text: string): boolean {
  if (/\.min\.[cm]?js$/.test(path)) return true
  if (text.length < 2000) return false
  const lines = text.length / (countNewlines(text) + 1)
  return lines > 300
}

function countNewlines(text: string): number {
  let count = 0
  let i = text.indexOf('\n')
  while (i !== -1) {
    count += 1
    i = text.indexOf('\n', i + 1)
  }
  return count
}
