import { readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { allRules } from '../../src/rules/index.js'
import { scanReport } from '../../src/scan/build-report.js'
import { scanFile, sourceFile } from '../../src/scan/scan-file.js'
import { displayUrl, headerSource, MAX_SCRIPTS, pageScripts, pageSource, passesServedNonce, scriptImports } from '../../src/scan/url-sources.js'
import { runCliInProcess } from '../helpers/run-cli.js'

/**
 * `scan --url` against real HTTP servers on 127.0.0.1 (never the internet): the site under test
 * and a second origin whose script must never be fetched.
 */
interface Site {
  readonly origin: string
  /** Paths requested, in order. */
  readonly requests: string[]
  /** Per path: status, extra headers and body of the answer (a function: a new answer per request). */
  readonly routes: Map<string, Route | (() => Route)>
  root: string
  close(): Promise<void>
}

interface Route {
  readonly status?: number
  readonly headers?: Record<string, string>
  readonly body?: string
}

async function serve(root: string, replace: () => Record<string, string>): Promise<Site> {
  const requests: string[] = []
  const routes: Site['routes'] = new Map()
  const site: { root: string } = { root }
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0] ?? '/'
    requests.push(request.url ?? '/')
    const entry = routes.get(path)
    const route = typeof entry === 'function' ? entry() : entry
    let body = route?.body
    if (body === undefined) {
      try {
        body = readFileSync(join(site.root, path === '/' ? 'index.html' : path), 'utf8')
      } catch {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('not found')
        return
      }
    }
    for (const [from, to] of Object.entries(replace())) body = body.split(from).join(to)
    const type = path.endsWith('.js') ? 'text/javascript' : 'text/html; charset=utf-8'
    response.writeHead(route?.status ?? 200, { 'content-type': type, ...route?.headers }).end(body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('no port')
  const { port } = address
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    routes,
    get root() {
      return site.root
    },
    set root(value) {
      site.root = value
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

interface JsonReport {
  subjects: Array<{ source: { ref: string }; checks: Array<{ id: string; status: string; messageId: string; data: { line?: number } }> }>
}

function problemIds(report: JsonReport): string[] {
  return [...new Set(report.subjects.flatMap((subject) => subject.checks.filter((check) => check.status !== 'pass').map((check) => check.id)))].sort()
}

const BLOCKING_CSP = "default-src 'self'; script-src 'self'"
const WIDGET_CSP = "default-src 'self'; script-src 'self' 'unsafe-inline' https://desk.zoho.eu https://static.zohocdn.com"
const SECRET = 'Vq7Lr2Xn9TbW4kPz8HcJ3mYs6DfG1aQe'

describe('scan --url', () => {
  let site: Site
  let other: Site
  beforeAll(async () => {
    other = await serve('fixtures/scan-url/other-origin', () => ({}))
    site = await serve('fixtures/scan-url/broken', () => ({ '{{ORIGIN}}': site.origin, '{{OTHER}}': other.origin }))
  })
  afterAll(async () => {
    await site?.close()
    await other?.close()
  })
  const reset = (root: string, csp: string | undefined) => {
    site.root = root
    site.requests.length = 0
    other.requests.length = 0
    site.routes.clear()
    if (csp !== undefined) site.routes.set('/', { headers: { 'content-security-policy': csp } })
  }

  it('broken page: the page, its same-origin scripts and its CSP header yield exactly their rule ids; the other origin is never asked', async () => {
    reset('fixtures/scan-url/broken', BLOCKING_CSP)
    const run = await runCliInProcess(['scan', '--url', `${site.origin}/`, '--format', 'json'])
    expect(run.exitCode).toBe(1)
    const report: JsonReport = JSON.parse(run.stdout)
    expect(problemIds(report)).toEqual(['callback-not-bare-token', 'csp-nonce', 'login-outside-ready', 'secret-in-browser'])
    // The same script, root-relative and absolute, is one fetch; comments and JSON blocks are not loaded.
    expect(site.requests.sort()).toEqual(['/', '/js/analytics.js?v=3', '/js/help.js'])
    expect(other.requests).toEqual([])
    const refs = report.subjects.map((subject) => subject.source.ref)
    expect(refs).toEqual([`${site.origin}/`, `${site.origin}/ (response headers)`, `${site.origin}/js/help.js`])
    const header = report.subjects[1]?.checks ?? []
    expect(header.map((check) => `${check.id}/${check.messageId}@${check.data.line}`)).toEqual(['csp-nonce/blocks-widget@1'])
    expect(run.stdout).not.toContain(SECRET)
    expect(run.stderr).toBe(`asap-doctor: note: not fetched, other origin: ${new URL(other.origin).host} (1 script)\n`)
  })

  it('human output names the URLs and the header line, and never the secret', async () => {
    reset('fixtures/scan-url/broken', BLOCKING_CSP)
    const run = await runCliInProcess(['scan', '--url', `${site.origin}/`])
    expect(run.stdout).toContain(`${site.origin}/ (response headers):1:26  csp-nonce`)
    expect(run.stdout).toContain(`| content-security-policy: ${BLOCKING_CSP}`)
    expect(run.stdout).toContain(`${site.origin}/js/help.js:4:86  callback-not-bare-token`)
    expect(run.stdout).toContain('Scanned 4 files: 4 errors, 0 warnings.')
    expect(run.stdout).not.toContain(SECRET)
  })

  it('fixed page with a CSP header that allows the widget host: zero findings, exit 0', async () => {
    reset('fixtures/scan-url/fixed', WIDGET_CSP)
    const run = await runCliInProcess(['scan', '--url', `${site.origin}/`, '--format', 'json'])
    expect(run.exitCode).toBe(0)
    expect(problemIds(JSON.parse(run.stdout))).toEqual([])
    expect(site.requests.sort()).toEqual(['/', '/js/help.js'])
    expect(other.requests).toEqual([])
  })

  it('a per-response header nonce the page hands to the widget is fine; one it does not, or one that never changes, is a finding', async () => {
    const page = readFileSync('fixtures/scan-url/fixed/index.html', 'utf8')
    let count = 0
    const fresh = () => {
      count += 1
      return `bm9uY2Utb2YtcmVzcG9uc2Ut${count}A==`
    }
    const answer = (nonce: string, passOn: boolean): Route => ({
      headers: { 'content-security-policy': `script-src 'nonce-${nonce}' 'strict-dynamic'` },
      body: passOn ? page.replace('s.defer=!0,', `s.defer=!0,s.nonce="${nonce}",`) : page,
    })
    const messages = async () => {
      const run = await runCliInProcess(['scan', '--url', `${site.origin}/`, '--format', 'json'])
      const report: JsonReport = JSON.parse(run.stdout)
      return report.subjects.flatMap((subject) => subject.checks.filter((check) => check.status !== 'pass').map((check) => `${check.id}/${check.messageId}`))
    }
    reset('fixtures/scan-url/fixed', undefined)
    site.routes.set('/', () => answer(fresh(), true))
    expect(await messages()).toEqual([])
    // The page was loaded twice: the second load shows whether the nonce changes.
    expect(site.requests.filter((path) => path === '/')).toHaveLength(2)
    site.routes.set('/', () => answer(fresh(), false))
    expect(await messages()).toEqual(['csp-nonce/blocks-widget'])
    site.routes.set('/', () => answer('c2FtZSBub25jZSBldmVyeSB0aW1l', true))
    expect(await messages()).toEqual(['csp-nonce/static-nonce'])
  })

  it('a served page with a meta CSP nonce is not a "fixed value written in the code"', async () => {
    const page = readFileSync('fixtures/scan-url/fixed/index.html', 'utf8')
    reset('fixtures/scan-url/fixed', undefined)
    const nonce = 'bWV0YSBub25jZSBvZiB0aGlzIHBhZ2U='
    const body = page
      .replace('<title>', `<meta http-equiv="Content-Security-Policy" content="script-src 'nonce-${nonce}' 'strict-dynamic'">\n  <title>`)
      .replace('s.defer=!0,', `s.defer=!0,s.nonce="${nonce}",`)
    site.routes.set('/', { body })
    const run = await runCliInProcess(['scan', '--url', `${site.origin}/`, '--format', 'json'])
    expect(problemIds(JSON.parse(run.stdout))).toEqual([])
    // The same text read from a source tree is a nonce written in the code: the tree scan keeps saying so.
    const onDisk = sourceFile('public/index.html', body)
    expect(onDisk === undefined ? [] : scanFile(onDisk, allRules, {}).findings.map((finding) => finding.messageId)).toContain('static-nonce')
  })

  it('a split bundle: the entry module, its modulepreload and the chunk it imports are scanned; the other origin is not asked', async () => {
    reset('fixtures/scan-url/vite', undefined)
    const run = await runCliInProcess(['scan', '--url', `${site.origin}/`, '--format', 'json'])
    expect(run.exitCode).toBe(1)
    const report: JsonReport = JSON.parse(run.stdout)
    expect(problemIds(report)).toEqual(['callback-not-bare-token'])
    expect(report.subjects.map((subject) => subject.source.ref)).toEqual([`${site.origin}/assets/HelpWidget-77aa01.js`])
    // Level by level: the page, its two scripts (fetched side by side, in any order), then the chunk.
    expect([site.requests[0], ...site.requests.slice(1, 3).sort(), site.requests[3], site.requests.length]).toEqual([
      '/',
      '/assets/index-4f2a9c.js',
      '/assets/vendor-9c1b3e.js',
      '/assets/HelpWidget-77aa01.js',
      4,
    ])
    expect(other.requests).toEqual([])
    expect(run.stderr).toContain('(1 script)')
  })

  it('follows a redirect to the page, and fetches the scripts of the origin it ends on', async () => {
    reset('fixtures/scan-url/fixed', WIDGET_CSP)
    site.routes.set('/help', { status: 301, headers: { location: '/' }, body: '' })
    const run = await runCliInProcess(['scan', '--url', `${site.origin}/help`, '--format', 'json'])
    expect(run.exitCode).toBe(0)
    expect(site.requests).toEqual(['/help', '/', '/js/help.js'])
  })

  it('a script that cannot be fetched is left out with one warning; the rest is scanned', async () => {
    reset('fixtures/scan-url/broken', BLOCKING_CSP)
    site.routes.set('/js/analytics.js', { status: 500, body: 'oops' })
    const run = await runCliInProcess(['scan', '--url', `${site.origin}/`, '--format', 'json'])
    expect(run.exitCode).toBe(1)
    expect(run.stderr).toContain(`asap-doctor: warning: skipped ${site.origin}/js/analytics.js?v=3 (HTTP 500)\n`)
  })

  it('a page that answers 404: one line on stderr, exit 2', async () => {
    reset('fixtures/scan-url/broken', undefined)
    const run = await runCliInProcess(['scan', '--url', `${site.origin}/missing.html`])
    expect(run.exitCode).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr.trim().split('\n')).toHaveLength(1)
    expect(run.stderr).toContain(`${site.origin}/missing.html answered HTTP 404`)
  })

  it('an unreachable port: one line on stderr, exit 2', async () => {
    const closed = await serve('fixtures/scan-url/fixed', () => ({}))
    const origin = closed.origin
    await closed.close()
    const run = await runCliInProcess(['scan', '--url', `${origin}/`])
    expect(run.exitCode).toBe(2)
    expect(run.stdout).toBe('')
    expect(run.stderr.trim().split('\n')).toHaveLength(1)
    expect(run.stderr).toMatch(/connection refused/)
  })

  it('masks a token in the page URL wherever the URL is shown', async () => {
    reset('fixtures/scan-url/broken', BLOCKING_CSP)
    const run = await runCliInProcess(['scan', '--url', `${site.origin}/?access_token=s3cr3tvalue123&lang=en`])
    expect(run.stdout).toContain(`${site.origin}/?access_token=***&lang=en`)
    expect(run.stdout).not.toContain('s3cr3tvalue123')
  })

  it('usage errors: paths with --url, a non-http URL, a bad --timeout (exit 2, one line)', async () => {
    for (const argv of [
      ['scan', 'src', '--url', 'http://127.0.0.1:9/'],
      ['scan', '--url', 'ftp://127.0.0.1/'],
      ['scan', '--url', 'http://127.0.0.1:9/', '--timeout', 'soon'],
    ]) {
      const run = await runCliInProcess(argv)
      expect(run.exitCode, argv.join(' ')).toBe(2)
      expect(run.stderr.trim().split('\n'), argv.join(' ')).toHaveLength(1)
    }
  })
})

describe('url-sources (pure)', () => {
  const page = 'https://shop.example.com/help/index.html'

  it('resolves script src like a browser and splits by origin', () => {
    const html = [
      '<script src="/a.js"></script>',
      '<script src="b.js"></script>',
      "<script src='../c.js?x=1&amp;y=2'></script>",
      '<script src=https://shop.example.com/d.js></script>',
      '<script src="//cdn.example.net/e.js"></script>',
      '<script src="https://shop.example.com:8443/f.js"></script>',
      '<script src="http://shop.example.com/g.js"></script>',
      '<script type="module" src="/h.mjs"></script>',
      '<script type="text/template" src="/tpl.html"></script>',
      '<script src="data:text/javascript,alert(1)"></script>',
      '<!-- <script src="/old.js"></script> -->',
      '<script src="/a.js"></script>',
    ].join('\n')
    expect(pageScripts(html, page)).toEqual({
      fetch: [
        'https://shop.example.com/a.js',
        'https://shop.example.com/help/b.js',
        'https://shop.example.com/c.js?x=1&y=2',
        'https://shop.example.com/d.js',
        'https://shop.example.com/h.mjs',
      ],
      crossOrigin: ['https://cdn.example.net/e.js', 'https://shop.example.com:8443/f.js', 'http://shop.example.com/g.js'],
      overCap: [],
    })
  })

  it('preloaded modules count as scripts; stylesheets and other preloads do not', () => {
    const html =
      '<link rel="modulepreload" href="/m.js"><link rel="preload" as="script" href="/p.js"><link rel="preload" as="style" href="/s.css"><link rel="stylesheet" href="/x.js">'
    expect(pageScripts(html, page).fetch).toEqual(['https://shop.example.com/m.js', 'https://shop.example.com/p.js'])
  })

  it('follows the imports a browser can resolve without an import map', () => {
    const js =
      'import{a}from"./vendor.js";import "../side.mjs";export*from"/re.js";const l=()=>import("./chunk-1.js?v=2");import("react");import(x);const s="from ./not-code.txt";import("https://cdn.example.net/y.js")'
    expect(scriptImports(js, 'https://shop.example.com/assets/index.js')).toEqual([
      'https://shop.example.com/assets/vendor.js',
      'https://shop.example.com/side.mjs',
      'https://shop.example.com/re.js',
      'https://shop.example.com/assets/chunk-1.js?v=2',
      'https://cdn.example.net/y.js',
    ])
  })

  it('display URLs hide user info, credential-like query values and the fragment', () => {
    expect(displayUrl('https://ann:pa55w0rd@shop.example.com/help?token=abc123def456&lang=en#top')).toBe('https://***@shop.example.com/help?token=***&lang=en')
  })

  it('honours <base href>', () => {
    expect(pageScripts('<base href="https://shop.example.com/static/"><script src="app.js"></script>', page).fetch).toEqual([
      'https://shop.example.com/static/app.js',
    ])
  })

  it(`fetches at most ${MAX_SCRIPTS} scripts and names the rest`, () => {
    const html = Array.from({ length: MAX_SCRIPTS + 3 }, (_, index) => `<script src="/s${index}.js"></script>`).join('')
    const scripts = pageScripts(html, page)
    expect(scripts.fetch).toHaveLength(MAX_SCRIPTS)
    expect(scripts.overCap).toHaveLength(3)
  })

  it('the header file holds only the policies, one a line, and never other headers', () => {
    const file = headerSource(page, { 'content-security-policy': "script-src 'self', default-src 'none'", 'set-cookie': 'session=abc' })
    expect(file?.text).toBe("content-security-policy: script-src 'self'\ncontent-security-policy: default-src 'none'\n")
    expect(file?.language).toBe('http-headers')
    expect(headerSource(page, { 'content-security-policy-report-only': "script-src 'self'" })).toBeUndefined()
  })

  it('csp-nonce on a header: each policy judged, report-only ignored, a rendered nonce is not "static"', () => {
    const ids = (headers: Record<string, string>, html = '<script>s.src="https://desk.zoho.eu/portal/api/web/asapApp/1?orgId=2"</script>') => {
      const sources = [pageSource(page, html), headerSource(page, headers)].filter((file) => file !== undefined)
      const scans = sources.map((file) => scanFile(file, allRules, {}))
      const report = scanReport(scans, allRules, {
        toolVersion: 'test',
        now: 0,
        strict: false,
        scannedFiles: scans.length,
        passesNonce: passesServedNonce(html, headers),
      })
      return report.subjects.flatMap((subject) =>
        subject.checks.filter((check) => check.id === 'csp-nonce').map((check) => `${subject.source.ref}:${check.messageId}`),
      )
    }
    const headers = `${page} (response headers)`
    expect(ids({ 'content-security-policy': "script-src 'self'" })).toEqual([`${headers}:blocks-widget`])
    expect(ids({ 'content-security-policy': "default-src 'self' https://desk.zoho.eu" })).toEqual([])
    // Two policies: both must allow the widget.
    expect(ids({ 'content-security-policy': "script-src https://desk.zoho.eu, script-src 'self'" })).toEqual([`${headers}:blocks-widget`])
    expect(ids({ 'content-security-policy-report-only': "script-src 'self'" })).toEqual([])
    expect(ids({ 'content-security-policy': "script-src 'nonce-abc123XYZ'" })).toEqual([`${headers}:blocks-widget`])
    expect(
      ids(
        { 'content-security-policy': "script-src 'nonce-abc123XYZ'" },
        '<script>s.nonce="abc123XYZ";s.src="https://desk.zoho.eu/portal/api/web/asapApp/1"</script>',
      ),
    ).toEqual([])
    expect(
      ids(
        { 'content-security-policy': "script-src 'nonce-abc123XYZ'" },
        '<script nonce="abc123XYZ" src="https://desk.zoho.eu/portal/api/web/asapApp/1?orgId=2"></script>',
      ),
    ).toEqual([])
  })
})
