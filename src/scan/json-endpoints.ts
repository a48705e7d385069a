import type { SourceFile } from './types.js'

/**
 * Paths of endpoints a server file answers with JSON: Express/Koa/Hono-style `app.get('/p', …
 * res.json(…))`, Next.js route handlers (`app/**\/route.ts` with `Response.json`) and API routes
 * (`pages/api/**` with `res.json`), Flask/FastAPI decorators with `jsonify`/a dict, Laravel routes
 * pointing at `response()->json`. Used to tell that `res.text()` of such an endpoint is not a bare token.
 */
export function jsonEndpoints(file: SourceFile): string[] {
  if (file.side === 'browser') return []
  const text = file.text
  const out: string[] = []
  for (const match of text.matchAll(/\.(?:get|post|all|route)\(\s*["'`](\/[^"'`]*)["'`]([\s\S]{0,800}?)(?:\n\}\)|\n\s*\}\s*\)\s*;?\s*\n|$)/g)) {
    if (/\.json\(|Response\.json|c\.json\(|ctx\.body\s*=\s*\{/.test(match[2] ?? '')) out.push(match[1] ?? '')
  }
  const next = /(?:^|\/)app\/(.*?)\/route\.[cm]?[jt]sx?$/.exec(file.path)
  if (next !== null && /(?:Next)?Response\.json\(/.test(text)) out.push(`/${(next[1] ?? '').replace(/\([^)]*\)\//g, '')}`)
  const pagesApi = /(?:^|\/)pages\/(api\/.*?)(?:\/index)?\.[cm]?[jt]sx?$/.exec(file.path)
  if (pagesApi !== null && /res(?:\.status\([^)]*\))?\.json\(/.test(text)) out.push(`/${pagesApi[1] ?? ''}`)
  for (const match of text.matchAll(/@\w+\.(?:route|get|post)\(\s*["'](\/[^"']*)["'][^\n]*\n(?:[^\n]*\n){0,20}?[^\n]*(?:jsonify\(|return\s*\{)/g))
    out.push(match[1] ?? '')
  return [...new Set(out.filter((path) => path !== ''))]
}

/** `https://app.example.com/asap/jwt?x=1` and `/asap/jwt/` both become `/asap/jwt`. */
export function endpointPath(url: string): string {
  const path = url.replace(/^https?:\/\/[^/]+/, '').replace(/[?#].*$/, '')
  return path.length > 1 ? path.replace(/\/$/, '') : path
}
