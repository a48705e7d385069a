import { InputError, NetworkError } from '../../core/errors.js'
import { parseDuration } from '../../core/time.js'
import { HttpNetworkError, type HttpClient, type HttpResponse } from '../../net/http-client.js'
import type { Rule } from '../../rules/define-rule.js'
import { scanReport } from '../../scan/build-report.js'
import { type FileScan, scanFile } from '../../scan/scan-file.js'
import type { ScanConfig, SourceFile } from '../../scan/types.js'
import {
  cspNonces,
  displayUrl,
  headerSource,
  MAX_RESPONSE_BYTES,
  MAX_SCRIPTS,
  pageScripts,
  pageSource,
  passesServedNonce,
  sameOrigin,
  scriptImports,
  scriptSource,
  splitByOrigin,
} from '../../scan/url-sources.js'
import type { CliIO } from '../cli-io.js'
import { optFlag, optString, type ParsedOptions } from '../common-options.js'
import { toolVersion } from '../package-root.js'
import { withSpinner } from '../spinner.js'
import { printScanReport } from './scan-output.js'

/** Redirects followed per request (`http://` → `https://`, a trailing slash, a locale prefix). */
const MAX_REDIRECTS = 5

/** Levels of `import` followed from the page's scripts (entry → chunk → chunk …). */
const MAX_IMPORT_DEPTH = 3

/** Scripts fetched at the same time: a page's own origin, so a few, not a burst. */
const CONCURRENCY = 4

/** What `scan --url` fetched: the files to scan, in page order, and what the user should know about the fetch. */
export interface FetchedSite {
  readonly pageUrl: string
  readonly sources: readonly SourceFile[]
  /** The page hands the widget the nonce its CSP header carries (a rendered page shows it as a literal). */
  readonly passesNonce: boolean
  /** One line each for stderr: scripts left out (other origins, over the cap) or not fetched (errors). */
  readonly messages: readonly string[]
}

/**
 * `asap-doctor scan --url URL`: the page and its same-origin scripts, fetched and scanned as the
 * browser receives them, plus the page's CSP header. Only this function and {@link fetchSite} touch
 * the network, and only through the HttpClient.
 */
export async function scanUrlCommand(url: string, rules: readonly Rule[], config: ScanConfig, options: ParsedOptions, io: CliIO): Promise<number> {
  const timeoutText = optString(options, 'timeout')
  const timeoutMs = timeoutText === undefined ? undefined : parseDuration(timeoutText)
  if (timeoutText !== undefined && timeoutMs === undefined)
    throw new InputError('ERR_USAGE', `--timeout ${JSON.stringify(timeoutText)}: give a duration such as 5s, 500ms or 10000`)
  const { createUndiciHttpClient } = await import('../../net/undici-client.js')
  const http = createUndiciHttpClient(timeoutMs === undefined ? {} : { timeoutMs })
  let site: FetchedSite
  try {
    site = await withSpinner(io, `Fetching ${displayUrl(url)}…`, () => fetchSite(http, url, timeoutMs === undefined ? {} : { timeoutMs }))
  } finally {
    await http.close()
  }
  for (const message of site.messages) io.stderr(`asap-doctor: ${message}\n`)
  const scans: FileScan[] = site.sources.map((source) => scanFile(source, rules, config))
  const report = scanReport(scans, rules, {
    toolVersion: toolVersion(),
    now: io.now(),
    strict: optFlag(options, 'strict'),
    scannedFiles: site.sources.length,
    passesNonce: site.passesNonce || scans.some((scan) => scan.passesNonce),
  })
  return printScanReport(report, site.sources.length, options, io)
}

/**
 * Fetches the page (redirects followed, to any http(s) origin, as a browser would), then the
 * scripts it loads from the origin it ended on. An unreachable page or a non-2xx answer is a
 * NetworkError (exit 2); a script that cannot be fetched is left out with a message.
 */
export async function fetchSite(http: HttpClient, url: string, options: { timeoutMs?: number } = {}): Promise<FetchedSite> {
  if (!/^https?:\/\//i.test(url) || !URL.canParse(url))
    throw new InputError('ERR_USAGE', `--url ${JSON.stringify(displayUrl(url))}: give an http:// or https:// URL`)
  const page = await get(http, new URL(url).href, options, false)
  if (page.status < 200 || page.status > 299)
    throw new NetworkError('ERR_NETWORK', `${displayUrl(page.url)} answered HTTP ${page.status}, not the page (expected 2xx)`)
  const origin = new URL(page.url).origin
  const first = pageScripts(page.body, page.url)
  const seen = new Set([...first.fetch, ...first.crossOrigin, ...first.overCap])
  const crossOrigin = [...first.crossOrigin]
  let overCap = first.overCap.length
  let planned = first.fetch.length
  const messages: string[] = []
  const fetched: SourceFile[] = []
  // The page's scripts, then the modules they import (a split bundle's chunks), level by level.
  let wave = first.fetch
  for (let depth = 0; wave.length > 0 && depth <= MAX_IMPORT_DEPTH; depth += 1) {
    const results = await mapLimited(wave, CONCURRENCY, async (script) => {
      try {
        const response = await get(http, script, options, true)
        if (response.status >= 200 && response.status <= 299) return response
        messages.push(`warning: skipped ${displayUrl(script)} (HTTP ${response.status})`)
      } catch (error) {
        if (!(error instanceof HttpNetworkError)) throw error
        messages.push(`warning: skipped ${displayUrl(script)} (${error.message})`)
      }
      return undefined
    })
    const imported: string[] = []
    for (const response of results) {
      if (response === undefined) continue
      fetched.push(scriptSource(response.url, response.body))
      for (const url of scriptImports(response.body, response.url)) if (!seen.has(url)) imported.push(url)
    }
    const next = splitByOrigin(depth < MAX_IMPORT_DEPTH ? imported : [], origin, MAX_SCRIPTS - planned)
    for (const url of imported) seen.add(url)
    crossOrigin.push(...next.crossOrigin)
    overCap += next.overCap.length
    planned += next.fetch.length
    wave = next.fetch
  }
  if (crossOrigin.length > 0)
    messages.push(
      `note: not fetched, other origin${crossOrigin.length === 1 ? '' : 's'}: ${crossOrigin
        .map((script) => new URL(script).host)
        .filter(unique)
        .join(', ')} (${crossOrigin.length} script${crossOrigin.length === 1 ? '' : 's'})`,
    )
  if (overCap > 0) messages.push(`warning: the page loads ${overCap} more same-origin scripts than the ${planned} scanned (at most ${MAX_SCRIPTS})`)
  const headers = headerSource(page.url, page.headers, await reloadNonces(http, page, options))
  const sources = [pageSource(page.url, page.body), ...(headers === undefined ? [] : [headers]), ...fetched]
  return { pageUrl: page.url, sources, passesNonce: passesServedNonce(page.body, page.headers), messages }
}

/**
 * When the page's CSP header carries a nonce, the page is loaded once more: a nonce that comes back
 * the same is not per response (csp-nonce `static-nonce`). Undefined when there is nothing to
 * compare, or the second load got no answer.
 */
async function reloadNonces(http: HttpClient, page: HttpResponse, options: { timeoutMs?: number }): Promise<string[] | undefined> {
  if (cspNonces(page.headers['content-security-policy'] ?? '').length === 0) return undefined
  try {
    const again = await get(http, page.url, options, true)
    return again.status >= 200 && again.status <= 299 ? cspNonces(again.headers['content-security-policy'] ?? '') : undefined
  } catch (error) {
    if (error instanceof HttpNetworkError) return undefined
    throw error
  }
}

/**
 * A GET that follows redirects itself (the HttpClient never does). With `sameOriginOnly`, a
 * redirect to another origin ends the walk: the scan reads only what the page's origin serves.
 */
async function get(http: HttpClient, url: string, options: { timeoutMs?: number }, sameOriginOnly: boolean): Promise<HttpResponse> {
  let current = url
  for (let hop = 0; ; hop += 1) {
    const response = await http.request({
      method: 'GET',
      url: current,
      headers: { accept: sameOriginOnly ? '*/*' : 'text/html,application/xhtml+xml,*/*;q=0.8', 'user-agent': `asap-doctor/${toolVersion()} (scan --url)` },
      maxBytes: MAX_RESPONSE_BYTES,
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    })
    const location = response.headers.location
    if (response.status < 300 || response.status > 399 || location === undefined || hop >= MAX_REDIRECTS) return response
    const next = URL.canParse(location, current) ? new URL(location, current) : undefined
    if (next === undefined || (next.protocol !== 'http:' && next.protocol !== 'https:')) return response
    if (sameOriginOnly && !sameOrigin(next.href, url)) return response
    current = next.href
  }
}

/** Like Promise.all over `items`, with at most `limit` calls running; results keep the input order. */
async function mapLimited<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length)
  // One iterator shared by the runners: each takes the next item when it is free.
  const queue = items.entries()
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    for (const [index, item] of queue) results[index] = await work(item)
  })
  await Promise.all(runners)
  return results
}

function unique(value: string, index: number, all: readonly string[]): boolean {
  return all.indexOf(value) === index
}
