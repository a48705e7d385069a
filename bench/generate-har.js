// Generates a large synthetic HAR (Playwright-style, one line of JSON) for the HAR benchmarks.
// Mostly ordinary traffic (JSON APIs, scripts, styles, HTML, base64 images), a few ASAP JWT logins
// (`/api/get-jwt-token` + `POST …/oauth/v2/remote/auth?jwt_token=…`) and some base64 bodies of
// several MB. Deterministic for a given size.
//
//   node bench/generate-har.js SIZE_MB [OUT_FILE]

import { createHmac } from 'node:crypto'
import { once } from 'node:events'
import { createWriteStream } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

const MB = 1024 * 1024

/** Small deterministic PRNG (mulberry32). */
function rng(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const WORDS = (
  'alpha beta gamma delta rollout release billing invoice portal audit search onboarding webhook ' +
  'migration mobile api project status report customer ticket agent priority queue widget launcher ' +
  'session render module export import function return const await async promise handler'
).split(' ')

function pools(random) {
  const bytes = Buffer.alloc(24 * MB)
  for (let i = 0; i < bytes.length; i += 4) bytes.writeUInt32LE((random() * 4294967296) >>> 0, i)
  const base64 = bytes.toString('base64')
  let text = ''
  while (text.length < 8 * MB) text += `${WORDS[Math.floor(random() * WORDS.length)]} `
  return { base64, text }
}

function b64url(obj) {
  return Buffer.from(JSON.stringify(obj)).toString('base64url')
}

function jwt(claims) {
  const head = b64url({ alg: 'HS256', typ: 'JWT' })
  const body = b64url(claims)
  const sig = createHmac('sha256', 'bench-secret').update(`${head}.${body}`).digest('base64url')
  return `${head}.${body}.${sig}`
}

function headers(list) {
  return list.map(([name, value]) => ({ name, value }))
}

const COMMON_REQ = [
  ['accept-encoding', 'gzip, deflate, br, zstd'],
  ['accept-language', 'en-US'],
  ['sec-ch-ua', '"Not:A-Brand";v="8", "Chromium";v="156"'],
  ['sec-ch-ua-mobile', '?0'],
  ['sec-ch-ua-platform', '"Linux"'],
  ['sec-fetch-dest', 'empty'],
  ['sec-fetch-mode', 'cors'],
  ['sec-fetch-site', 'same-origin'],
  ['user-agent', 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36'],
]

function entry({ t, method, url, status, mimeType, text, encoding, reqHeaders = [], resHeaders = [], postData, cookies = [] }) {
  const u = new URL(url)
  const req = {
    method,
    url,
    httpVersion: 'HTTP/2.0',
    cookies,
    headers: headers([[':authority', u.host], [':method', method], [':path', u.pathname + u.search], [':scheme', 'https'], ...COMMON_REQ, ...reqHeaders]),
    queryString: [...u.searchParams].map(([name, value]) => ({ name, value })),
    headersSize: -1,
    bodySize: postData ? postData.text.length : 0,
  }
  if (postData) req.postData = postData
  const content = { size: text ? text.length : 0, mimeType }
  if (text !== undefined) content.text = text
  if (encoding) content.encoding = encoding
  return {
    pageref: 'page@1',
    startedDateTime: new Date(t).toISOString(),
    time: 12.5,
    request: req,
    response: {
      status,
      statusText: '',
      httpVersion: 'HTTP/2.0',
      cookies: [],
      headers: headers([['content-type', mimeType], ['server', 'nginx'], ['date', new Date(t).toUTCString()], ...resHeaders]),
      content,
      headersSize: -1,
      bodySize: content.size,
      redirectURL: '',
      _transferSize: content.size,
    },
    cache: {},
    timings: { dns: -1, connect: -1, ssl: -1, send: 0, wait: 9.1, receive: 3.4 },
    _resourceType: 'fetch',
    serverIPAddress: '127.0.0.1',
    _serverPort: 443,
  }
}

/**
 * Writes a HAR of about `targetBytes` to `file`.
 * @returns {Promise<{ file: string, bytes: number, entries: number, logins: number, bigBodies: number }>}
 */
export async function generateHar(targetBytes, file) {
  const random = rng(targetBytes % 2147483647)
  const pick = (n) => Math.floor(random() * n)
  const { base64, text } = pools(random)
  const slice = (pool, n) => {
    const start = pick(pool.length - n)
    return pool.slice(start, start + n)
  }
  const out = createWriteStream(file, { highWaterMark: 4 * MB })
  let bytes = 0
  const write = async (s) => {
    bytes += Buffer.byteLength(s)
    if (!out.write(s)) await once(out, 'drain')
  }
  const head = {
    version: '1.2',
    creator: { name: 'Playwright', version: '1.65.1' },
    browser: { name: 'chromium', version: '156.0.8078.79' },
    pages: [{ startedDateTime: new Date(1795240410000).toISOString(), id: 'page@1', title: 'Bench', pageTimings: { onContentLoad: 300, onLoad: 400 } }],
  }
  await write(`{"log":${JSON.stringify(head).slice(0, -1)},"entries":[`)
  const session = 'app_session=77488080f70baf1f37c1354b8d8460d311fb873f3dc88484; csrftoken=09ad601f5cb84a9d52014695da0159bc'
  const loginEvery = 37 * MB
  let nextLogin = 5 * MB
  const bigEvery = 41 * MB
  let nextBig = 20 * MB
  let entries = 0
  let logins = 0
  let bigBodies = 0
  let t = 1795240410000
  const add = async (e) => {
    await write(`${entries > 0 ? ',' : ''}${JSON.stringify(e)}`)
    entries++
    t += 37
  }
  while (bytes < targetBytes - 64 * 1024) {
    if (bytes >= nextBig) {
      nextBig += bigEvery
      bigBodies++
      const size = (2 + pick(7)) * MB
      await add(
        entry({
          t,
          method: 'GET',
          url: `https://app.example.com/api/exports/${entries}?format=zip`,
          status: 200,
          mimeType: 'application/zip',
          text: slice(base64, Math.floor(size / 4) * 4),
          encoding: 'base64',
        }),
      )
      continue
    }
    if (bytes >= nextLogin) {
      nextLogin += loginEvery
      logins++
      const now = t
      const token = jwt({ email: 'jane.doe@example.com', email_verified: true, not_before: now, not_after: now + 300000 })
      await add(
        entry({
          t,
          method: 'GET',
          url: 'https://app.example.com/api/get-jwt-token',
          status: 200,
          mimeType: 'application/json; charset=utf-8',
          text: JSON.stringify({ token }),
          reqHeaders: [['cookie', session]],
        }),
      )
      const url = `https://accounts.zohoportal.com/accounts/op/712340056/oauth/v2/remote/auth?jwt_token=${token}&client_id=1000.FAKE&response_type=remote_token`
      await add(
        entry({
          t,
          method: 'POST',
          url,
          status: 200,
          mimeType: 'application/json;charset=UTF-8',
          text: '{"access_token":"1000.dadbd180f0a2fc5b93e19d12e6417391.0265bdadba079d347a25133e737b6347","expires_in_sec":3600}',
          reqHeaders: [
            ['origin', 'https://app.example.com'],
            ['referer', 'https://app.example.com/'],
          ],
          resHeaders: [['set-cookie', 'iamcsr=c3908dd2cb762d6c0fcc58845e3d51d6103b; Path=/; Secure; SameSite=None']],
        }),
      )
      continue
    }
    const kind = random()
    const auth = [
      ['authorization', `Bearer ${jwt({ sub: 'u_1001', email: 'jane.doe@example.com', iat: 1795240410, exp: 1795244010 })}`],
      ['cookie', session],
    ]
    if (kind < 0.35) {
      const body = JSON.stringify({
        page: entries,
        items: Array.from({ length: 5 + pick(120) }, (_, i) => ({
          id: `p_${i}`,
          name: slice(text, 20),
          status: 'active',
          description: slice(text, 200 + pick(400)),
        })),
      })
      await add(
        entry({
          t,
          method: 'GET',
          url: `https://app.example.com/api/projects?page=${entries}&per_page=50`,
          status: 200,
          mimeType: 'application/json; charset=utf-8',
          text: body,
          reqHeaders: auth,
        }),
      )
    } else if (kind < 0.55) {
      const body = `(function(){\n${slice(text, 20 * 1024 + pick(250 * 1024)).replace(/ (\w+) /g, ' "$1";\n')}})()`
      await add(
        entry({ t, method: 'GET', url: `https://app.example.com/static/chunk-${entries}.js`, status: 200, mimeType: 'application/javascript', text: body }),
      )
    } else if (kind < 0.85) {
      const n = Math.floor((20 * 1024 + pick(180 * 1024)) / 4) * 4
      await add(
        entry({
          t,
          method: 'GET',
          url: `https://app.example.com/img/chart-${entries}.png?v=3`,
          status: 200,
          mimeType: 'image/png',
          text: slice(base64, n),
          encoding: 'base64',
        }),
      )
    } else if (kind < 0.95) {
      await add(
        entry({
          t,
          method: 'POST',
          url: 'https://app.example.com/api/client-events',
          status: 204,
          mimeType: 'text/plain',
          text: '',
          reqHeaders: auth,
          postData: { mimeType: 'application/json', text: JSON.stringify({ events: [slice(text, 300)] }) },
        }),
      )
    } else {
      await add(
        entry({
          t,
          method: 'GET',
          url: `https://app.example.com/dashboard-${entries}.html`,
          status: 200,
          mimeType: 'text/html',
          text: `<!doctype html><html><body><p>${slice(text, 8 * 1024 + pick(40 * 1024))}</p></body></html>`,
        }),
      )
    }
  }
  await write(']}}\n')
  out.end()
  await once(out, 'finish')
  return { file, bytes, entries, logins, bigBodies }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const sizeMb = Number(process.argv[2] ?? 200)
  const file = process.argv[3] ?? join(tmpdir(), `asap-doctor-bench-${sizeMb}mb.har`)
  const info = await generateHar(sizeMb * 1e6, file)
  console.log(JSON.stringify(info))
}
