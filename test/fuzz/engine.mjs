// The hardening fuzzer (issue 12). Plain ESM so that `npm run fuzz` runs it on the built CLI
// (scripts/fuzz.mjs) and the quick seeded slice in `npm test` runs it on the sources (vitest),
// with the same generators and the same oracles. Types: engine.d.mts.
//
// Every generated input is one CLI run, in-process with fake streams. For every run it asserts:
// exit code 0/1/2, no stack trace and no internal error, no byte sequence of the secret and no
// input signature in any output (stdout and stderr, all formats; `::add-mask::` lines are exempt,
// they exist to carry the value), time within a generous budget per MB, and for `har --redact`:
// no planted credential in the copy, the copy is a HAR 1.2 (or was not written at all), and the
// login attempt (the remote/auth JWT's header and payload) is still in it.

import { createHmac } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

const NOW = Date.parse('2026-11-21T06:00:00.000Z')
const FORMATS = ['human', 'json', 'github', 'junit', 'html', 'markdown']
/** Generous: a run may take 3 s plus 1.5 s per MB of input before it counts as a hang. */
const BUDGET_BASE_MS = 3000
const BUDGET_PER_MB_MS = 1500

// ---------------------------------------------------------------- seeded randomness

/** mulberry32: small, fast, seedable; the same seed gives the same campaign. */
export function rng(seed) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1))
  const pick = (list) => list[Math.floor(next() * list.length)]
  const chance = (p) => next() < p
  const chars = (alphabet, n) => {
    let out = ''
    for (let i = 0; i < n; i++) out += alphabet[Math.floor(next() * alphabet.length)]
    return out
  }
  return { next, int, pick, chance, chars }
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
const B64URL = `${ALNUM}-_`
const HEX = '0123456789abcdef'

// ---------------------------------------------------------------- tokens and secrets

const b64url = (value) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url')

export function signToken(header, payload, secret) {
  const input = `${typeof header === 'string' ? header : b64url(header)}.${typeof payload === 'string' ? payload : b64url(payload)}`
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`
}

function deep(depth, leaf = 1) {
  return `${'['.repeat(depth)}${JSON.stringify(leaf)}${']'.repeat(depth)}`
}

function randomSecret(r) {
  const kind = r.int(0, 5)
  if (kind === 0) return r.chars(ALNUM, r.int(8, 48))
  if (kind === 1) return Buffer.from(r.chars(ALNUM, 24)).toString('base64') // looks base64
  if (kind === 2) return `${r.chars(ALNUM, 12)}-é€😀-${r.chars(ALNUM, 6)}` // unicode
  if (kind === 3) return `${r.chars(ALNUM, 10)} "q\\${r.chars(ALNUM, 6)}` // JSON-escaped differently
  if (kind === 4) return r.chars(HEX, 64)
  return `s3cr3t-${r.chars(ALNUM, r.int(8, 32))}`
}

function randomPayload(r) {
  const email = r.pick(['jane.doe@example.com', ' Jane.Doe@Example.com ', 'üser@exämple.com', 'x@y', ''])
  const nb = NOW - r.int(0, 60_000)
  const payload = {
    email,
    email_verified: r.pick([true, 'true', 1, false]),
    not_before: r.pick([nb, Math.floor(nb / 1000), String(nb)]),
    not_after: r.pick([nb + 300_000, nb + 3_600_000, Math.floor(nb / 1000) + 300]),
  }
  if (r.chance(0.5)) payload.first_name = r.pick(['Jane', '名前', '<script>alert(1)</script>', 'a'.repeat(r.int(1, 3000))])
  if (r.chance(0.2)) payload.nested = { a: [1, { b: 'eyJfake.eyJfake.notasig' }] }
  return payload
}

/**
 * One token input: a signed token, then (usually) mutated or wrapped. Returns the text, the
 * signature the input carries (what no output may show), and whether the text is huge.
 */
export function tokenInput(r, secret) {
  const header = r.chance(0.9) ? { alg: 'HS256', typ: 'JWT' } : r.pick([{ alg: 'none' }, { alg: 'RS256' }, { alg: 'HS256', kid: 'ey'.repeat(10) }])
  let payload = randomPayload(r)
  let payloadText
  const shape = r.int(0, 9)
  if (shape === 0) payloadText = b64url(`{"email":"a@b.c","deep":${deep(r.int(5000, 20000))}}`)
  else if (shape === 1) payloadText = b64url(`{"email":"a@b.c","o":${'{"k":'.repeat(r.int(5000, 12000))}1${'}'.repeat(0)}`)
  else if (shape === 2) payload = { ...payload, big: r.chars(ALNUM, r.int(100_000, 400_000)) }
  const token = signToken(header, payloadText ?? payload, secret)
  const [h = '', p = '', sig = ''] = token.split('.')
  let text = token
  const forbidden = [sig]
  const m = r.int(0, 27)
  switch (m) {
    case 0:
      text = `${h}=.${p}.${sig}`
      break // padding after the header
    case 1:
      text = `${h}.${p}==.${sig}`
      break // padding after the payload
    case 2:
      text = `${h}==.${p}=.${sig}`
      break
    case 3: {
      // standard base64 everywhere
      const std = (s) => Buffer.from(s, 'base64url').toString('base64')
      const stdSig = std(sig)
      text = `${std(h)}.${std(p)}.${stdSig}`
      forbidden.push(stdSig, stdSig.replace(/=+$/, ''))
      break
    }
    case 4:
      text = `Bearer ${token}`
      break
    case 5:
      text = `"${token}"`
      break
    case 6:
      text = JSON.stringify({ token, other: 'x' })
      break
    case 7:
      text = `https://accounts.zohoportal.com/accounts/op/1/oauth/v2/remote/auth?jwt_token=${encodeURIComponent(token)}&x=1`
      break
    case 8:
      text = `jwt_token=Bearer%20${token}`
      break
    case 9:
      text = `2026-11-21 05:53:33 INFO user=jane token=${token} took 12ms ${r.chars(B64URL, r.int(0, 40))}.${r.chars(B64URL, 8)}`
      break
    case 10:
      text = `“${token}”`
      break
    case 11:
      text = `${token}\n`
      break
    case 12:
      text = `  ${h}.${p}.${sig} \r\n${r.chars(B64URL, r.int(1, 60))}`
      break
    case 13:
      text = `${token}.${r.chars(B64URL, 20)}.${r.chars(B64URL, 20)}`
      break // five parts
    case 14:
      text = `${h}.${p}`
      break // signature dropped: nothing forbidden is in the input
    case 15:
      text = `x=${h}=.${p}=.${sig}=`
      break
    case 16:
      text = `${r.chars(B64URL, r.int(10_000, 120_000))}`
      break // long base64url run, no dots
    case 17:
      text = `${'eyJ'.repeat(r.int(5_000, 40_000))}.${sig}`
      break
    case 18:
      text = `${h}.${p}.${sig}`.replace(/./g, (c) => (r.chance(0.002) ? r.pick(['.', '=', ' ', '%', '\u0000']) : c))
      break // byte flips
    case 19:
      text = token.slice(0, r.int(1, token.length))
      break // truncated
    case 20:
      text = `[object Object]`
      break
    case 21:
      text = `${h}.${p}.${sig}`.replaceAll('.', r.pick(['..', '%2E', '. ']))
      break
    case 22:
      text = `{"jwt":"${token}","sig":"${sig}"}`
      break
    case 23:
      text = Array.from({ length: r.int(1, 400) }, () =>
        String.fromCodePoint(r.pick([r.int(0, 0x7f), r.int(0x80, 0x7ff), r.int(0x800, 0xd7ff), r.int(0x10000, 0x10ffff)])),
      ).join('')
      break // random unicode junk
    case 24:
      text = `${token} ${token.split('').reverse().join('')} ${h}.${sig}.${p}`
      break // parts in the wrong order
    default:
      break // as is
  }
  // Only what the input really carries can leak: a mutation may have cut or changed the signature.
  return { text, forbidden: forbidden.filter((s) => s.length >= 8 && text.includes(s)), token }
}

/** Every byte sequence of a secret a message could show. */
export function secretForms(secret) {
  const bytes = Buffer.from(secret, 'utf8')
  const forms = [
    secret,
    bytes.toString('base64'),
    bytes.toString('base64').replace(/=+$/, ''),
    bytes.toString('base64url'),
    bytes.toString('hex'),
    JSON.stringify(secret).slice(1, -1),
  ]
  return [...new Set(forms.filter((f) => f.length >= 8))]
}

// ---------------------------------------------------------------- HAR files

function shuffled(r, list) {
  const out = [...list]
  for (let i = out.length - 1; i > 0; i--) {
    const j = r.int(0, i)
    ;[out[i], out[j]] = [out[j], out[i]]
  }
  return out
}

/** JSON.stringify with object keys in random order (JSON does not order keys; HARs do not either). */
function stringifyShuffled(r, value) {
  if (Array.isArray(value)) return `[${value.map((v) => stringifyShuffled(r, v)).join(',')}]`
  if (value !== null && typeof value === 'object') {
    return `{${shuffled(r, Object.keys(value))
      .map((k) => `${JSON.stringify(k)}:${stringifyShuffled(r, value[k])}`)
      .join(',')}}`
  }
  return JSON.stringify(value)
}

function entry(started, request, response) {
  return {
    startedDateTime: new Date(started).toISOString(),
    time: 12,
    request: { method: 'GET', httpVersion: 'HTTP/1.1', headers: [], cookies: [], queryString: [], headersSize: -1, bodySize: 0, ...request },
    response: {
      status: 200,
      statusText: 'OK',
      httpVersion: 'HTTP/1.1',
      headers: [],
      cookies: [],
      content: { size: 0, mimeType: 'text/plain' },
      redirectURL: '',
      headersSize: -1,
      bodySize: 0,
      ...response,
    },
    cache: {},
    timings: { send: 0, wait: 10, receive: 2 },
  }
}

/**
 * A HAR of one ASAP login (page, widget script, token endpoint, remote/auth → general_error) with
 * credentials planted where browsers put them, then damaged. Returns the bytes, the credentials
 * no output and no redacted copy may carry, and the login JWT whose header.payload the copy keeps.
 */
export function harInput(r, secret) {
  const t0 = NOW - 120_000
  const login = signToken({ alg: 'HS256', typ: 'JWT' }, randomPayload(r), secret)
  const other = signToken({ alg: 'HS256', typ: 'JWT' }, { sub: 'app-session', n: r.int(1, 1e6) }, `other-${secret}`)
  const idToken = signToken({ alg: 'HS256', typ: 'JWT' }, { sub: 'id', aud: 'x' }, `id-${secret}`)
  const cookie = `ck_${r.chars(ALNUM, 24)}`
  const auth = `op_${r.chars(ALNUM, 28)}`
  const access = `1000.${r.chars(HEX, 32)}.${r.chars(HEX, 32)}`
  const refresh = `rt_${r.chars(ALNUM, 30)}`
  const huge = r.chance(0.12) ? r.chars(ALNUM, r.int(1_100_000, 1_500_000)) : undefined
  const wire = r.pick([login, login, `Bearer%20${login}`, '%5Bobject%20Object%5D', encodeURIComponent(JSON.stringify({ token: login }))])
  const header = (name, value) => (r.chance(0.5) ? { name, value } : { value, name })
  const entries = [
    entry(
      t0,
      { url: `https://app.example.com/dashboard.html?access_token=${access}&refresh_token=${refresh}` },
      { content: { size: 10, mimeType: 'text/html', text: '<html>ok</html>' } },
    ),
    entry(
      t0 + 30,
      { url: 'https://desk.zoho.com/portal/api/web/inapp/4213000000108007?orgId=712340056' },
      { content: { size: 10, mimeType: 'application/javascript', text: 'window.ZohoDeskAsap={}' } },
    ),
    entry(
      t0 + 60,
      {
        url: `https://app.example.com/api/get-jwt-token?id_token=${idToken}`,
        headers: [
          header('Cookie', `sid=${cookie}${huge === undefined ? '' : huge}; theme=dark`),
          header('Authorization', r.chance(0.5) ? `Bearer ${other}` : `Basic ${auth}`),
        ],
        cookies: [header('sid', cookie)],
      },
      {
        content: { size: 400, mimeType: 'application/json', text: JSON.stringify({ token: login }) },
        headers: [header('Set-Cookie', `sid=${cookie}; Path=/; HttpOnly`)],
      },
    ),
    entry(
      t0 + 90,
      {
        method: 'POST',
        url: `https://accounts.zohoportal.com/accounts/op/712340056/oauth/v2/remote/auth?jwt_token=${wire}`,
        headers: [header('Origin', 'https://app.example.com'), header('Authorization', `Zoho-oauthtoken ${access}`)],
        queryString: [header('jwt_token', decodeURIComponent(wire))],
      },
      { status: 400, statusText: 'Bad Request', content: { size: 27, mimeType: 'application/json', text: '{"error":"general_error"}' } },
    ),
  ]
  const doc = {
    log: {
      version: '1.2',
      creator: { name: 'fuzz', version: '1' },
      pages: [{ startedDateTime: new Date(t0).toISOString(), id: 'page_1', title: 'Dashboard', pageTimings: {} }],
      entries,
    },
  }
  let text = r.chance(0.5) ? stringifyShuffled(r, doc) : JSON.stringify(doc, null, r.chance(0.5) ? 2 : 0)
  let damage = 'none'
  let bytes
  const flips = []
  const d = r.int(0, 15)
  if (d === 0) {
    damage = 'truncated'
    text = text.slice(0, r.int(1, text.length - 1))
  } else if (d === 1) {
    damage = 'byte-flips'
    text = text.replace(/./gs, (c, at) => {
      if (!r.chance(0.001)) return c
      flips.push(at)
      return r.pick(['"', '{', ']', ',', '\\', 'x', '\u00ff'])
    })
  } else if (d === 2) {
    damage = 'deep'
    text = text.replace('"cache":{}', `"cache":{"deep":${deep(r.int(5000, 12000))}}`)
  } else if (d === 3) {
    damage = 'two-logs'
    text = text.replace(/}\s*$/, `,"log":${JSON.stringify(doc.log)}}`)
  } else if (d === 4) {
    damage = 'version-types'
    text = text
      .replace('"version":"1.2"', `"version":${r.pick(['12', 'null', '{"v":1}', '[1]'])}`)
      .replace(/"creator":\{[^}]*\}/, `"creator":${r.pick(['"me"', '7', 'null', '[]'])}`)
  } else if (d === 5) {
    damage = 'bom'
    text = `\uFEFF${text}`
  } else if (d === 6) {
    damage = 'utf16'
    bytes = Buffer.from(`\uFEFF${text}`, 'utf16le')
  } else if (d === 7) {
    damage = 'gzip'
    bytes = gzipSync(Buffer.from(text))
  } else if (d === 8) {
    damage = 'bad-utf8'
    bytes = Buffer.concat([Buffer.from(text.slice(0, text.length >> 1)), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from(text.slice(text.length >> 1))])
  } else if (d === 9) {
    damage = 'dup-entries'
    text = text.replace('"entries":[', '"entries":[],"entries":[')
  } else if (d === 10) {
    damage = 'entry-not-object'
    text = text.replace('"entries":[', '"entries":[42,"x",')
  } else if (d === 11) {
    damage = 'huge-body'
    text = text.replace('<html>ok</html>', `<html>${r.chars(ALNUM, r.int(1_100_000, 2_000_000))} access_token=${access}</html>`)
  }
  bytes ??= Buffer.from(text, 'utf8')
  // A flip near a credential may have renamed its key (`refresh_,oken=`): then nothing marks it as
  // one any more, and it is not required to go. Every other planted credential must.
  const damaged = (value) => {
    for (let at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + 1)) {
      // Keys come before or after the value (`{"value":…,"name":"A\thorization"}`): look both ways.
      if (flips.some((f) => f >= at - 96 && f < at + value.length + 96)) return true
    }
    return false
  }
  const credentials = [cookie, auth, access, refresh, login.split('.')[2], other.split('.')[2], idToken.split('.')[2]].filter((value) => !damaged(value))
  // The login attempt the copy must still show: header.payload of the JWT on the wire.
  const [lh, lp] = login.split('.')
  const attempt = wire.includes('object') ? '%5Bobject%20Object%5D' : wire.startsWith('%7B') ? undefined : `${lh}.${lp}.`
  return { bytes, damage, credentials, attempt, intact: ['none', 'bom', 'version-types'].includes(damage) && huge === undefined }
}

// ---------------------------------------------------------------- configs

export function configInput(r, secret) {
  const access = `1000.${r.chars(HEX, 32)}.${r.chars(HEX, 32)}`
  const planted = r.pick([access, secret, `eyJ${r.chars(B64URL, 20)}.eyJ${r.chars(B64URL, 20)}.${r.chars(B64URL, 43)}`])
  const base = { orgId: '712340056', dataCenter: 'us', allowedDomains: ['app.example.com'], tokenEndpoint: { url: 'http://127.0.0.1:9/token' } }
  const k = r.int(0, 9)
  let text
  if (k === 0) text = JSON.stringify({ ...base, desk: { accessTokenEnv: planted } })
  else if (k === 1) text = JSON.stringify({ ...base, tokenEndpoint: { url: 'http://127.0.0.1:9/t', headers: { Authorization: { env: planted } } } })
  else if (k === 2) text = JSON.stringify({ ...base, secret: { env: planted } })
  else if (k === 3) text = `{"orgId":"1","x":${deep(r.int(10_000, 30_000))}}`
  else if (k === 4) text = `{"allowedDomains":${deep(r.int(5_000, 12_000), 'a')}}`
  else if (k === 5) text = JSON.stringify({ ...base, orgId: planted })
  else if (k === 6) text = JSON.stringify({ ...base, [planted]: 1 })
  else if (k === 7) text = JSON.stringify(base).slice(0, r.int(1, 60))
  else if (k === 8) text = JSON.stringify({ ...base, desk: { clientSecretEnv: planted, baseUrl: `https://desk.zoho.com/${planted}` } })
  else text = JSON.stringify({ ...base, pageUrl: `https://app.example.com/?access_token=${planted}` })
  return { text, forbidden: [planted, ...(planted === secret ? secretForms(secret) : [])] }
}

// ---------------------------------------------------------------- running one input

/** Fake process streams for one in-process run. */
function fakeIO(cwd, { stdin, env }) {
  let stdout = ''
  let stderr = ''
  const io = {
    stdout: (text) => {
      stdout += text
    },
    stderr: (text) => {
      stderr += text
    },
    readStdin: async () => (stdin === undefined ? '' : Buffer.isBuffer(stdin) ? stdin.toString('utf8') : stdin),
    stdinChunks: async function* () {
      if (stdin !== undefined) yield Buffer.isBuffer(stdin) ? stdin : Buffer.from(stdin)
    },
    stdinIsTTY: stdin === undefined,
    stdoutIsTTY: false,
    stderrIsTTY: false,
    env: { NO_COLOR: '1', ...env },
    cwd,
    now: () => NOW,
  }
  return { io, out: () => ({ stdout, stderr }) }
}

const STACK = /^\s+at .+(?:\(.*:\d+:\d+\)|:\d+:\d+)$/m

/** Output a credential may legitimately sit in: github's ::add-mask:: lines (they hide it in CI logs). */
function withoutAddMask(text) {
  return text
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n')
}

/** The HAR 1.2 shape a redacted copy must have; returns what is wrong, or undefined. */
export function harProblem(bytes) {
  let doc
  try {
    doc = JSON.parse(bytes.toString('utf8'))
  } catch (error) {
    return `not JSON: ${error instanceof Error ? error.message : String(error)}`
  }
  const log = doc?.log
  if (typeof log !== 'object' || log === null || Array.isArray(log)) return 'no log object'
  if (typeof log.version !== 'string') return 'log.version is not a string'
  if (typeof log.creator !== 'object' || log.creator === null || typeof log.creator.name !== 'string' || typeof log.creator.version !== 'string')
    return 'log.creator is not {name, version}'
  if (!Array.isArray(log.entries)) return 'log.entries is not an array'
  if (log.entries.some((e) => typeof e !== 'object' || e === null || Array.isArray(e))) return 'an entry is not an object'
  if (log.pages !== undefined && !Array.isArray(log.pages)) return 'log.pages is not an array'
  const raw = bytes.toString('utf8')
  if ((raw.match(/"log":/g) ?? []).length > 1 && !raw.includes('"log":{"log"')) {
    // A second "log" key anywhere at the top would be ambiguous; JSON.parse keeps the last silently.
    const top = Object.keys(doc)
    if (top.filter((k) => k === 'log').length > 1) return 'two log members'
  }
  return undefined
}

/**
 * Runs one case and checks every oracle. `record(kind, detail)` collects failures. Returns the
 * elapsed milliseconds.
 */
async function runCase(runCli, dir, c, record, budgetScale) {
  const { io, out } = fakeIO(dir, c)
  const started = performance.now()
  let exitCode
  try {
    exitCode = await runCli(c.argv, io)
  } catch (error) {
    record('crashes', `runCli threw: ${error instanceof Error ? error.message : String(error)}`)
    return performance.now() - started
  }
  const elapsed = performance.now() - started
  const { stdout, stderr } = out()
  const all = `${stdout}\n${stderr}`
  if (![0, 1, 2].includes(exitCode)) record('crashes', `exit code ${exitCode}`)
  if (/unexpected error|Maximum call stack|RangeError|TypeError|ReferenceError/.test(stderr))
    record('crashes', `internal error: ${firstLine(stderr, /unexpected error|Maximum call stack|Error/)}`)
  if (STACK.test(all)) record('stackTraces', `stack trace: ${firstLine(all, STACK)}`)
  const budget = budgetScale * (BUDGET_BASE_MS + BUDGET_PER_MB_MS * (c.inputBytes / 1048576))
  if (elapsed > budget) record('hangs', `${Math.round(elapsed)} ms for ${(c.inputBytes / 1048576).toFixed(2)} MB (budget ${Math.round(budget)} ms)`)
  const visible = withoutAddMask(all)
  for (const value of c.forbidden) {
    if (value.length >= 8 && visible.includes(value))
      record('leaks', `output contains ${describeSecret(value)} (${where(stdout, stderr, value)}): ${excerptAround(visible, value)}`)
  }
  if (c.redactTo !== undefined) {
    const present = existsSync(c.redactTo)
    const leftovers = readdirSync(dir).filter((name) => name.includes('.partial-'))
    if (leftovers.length > 0) record('invalidCopies', `partial file left behind: ${leftovers.join(', ')}`)
    if (exitCode !== 0 && present) record('invalidCopies', `exit ${exitCode} but the copy was written`)
    if (exitCode === 0 && !present) record('invalidCopies', 'exit 0 but no copy')
    if (exitCode === 0 && present) {
      const copy = readFileSync(c.redactTo)
      const problem = harProblem(copy)
      if (problem !== undefined) record('invalidCopies', `copy is not a HAR 1.2: ${problem}`)
      const text = copy.toString('utf8')
      for (const value of c.credentials ?? [])
        if (value.length >= 8 && text.includes(value)) record('credentialsLeft', `copy contains ${describeSecret(value)}: ${excerptAround(text, value)}`)
      if (c.attempt !== undefined && !text.includes(c.attempt))
        record('credentialsLeft', `copy lost the login attempt (${c.attempt.slice(0, 40)}…): over-redacted`)
      rmSync(c.redactTo, { force: true })
    }
  }
  return elapsed
}

function firstLine(text, pattern) {
  const line = text.split('\n').find((l) => pattern.test(l)) ?? ''
  return line.slice(0, 200)
}

function describeSecret(value) {
  return `a credential (${value.length} chars, starts ${JSON.stringify(value.slice(0, 6))})`
}

function where(stdout, stderr, value) {
  return [stdout.includes(value) ? 'stdout' : '', stderr.includes(value) ? 'stderr' : ''].filter(Boolean).join('+')
}

function excerptAround(text, value) {
  const at = text.indexOf(value)
  return JSON.stringify(text.slice(Math.max(0, at - 60), at + Math.min(value.length, 20) + 20))
}

// ---------------------------------------------------------------- the families of cases

function secretArgs(r, dir, secret, stdinFree) {
  const how = r.int(0, stdinFree ? 4 : 3)
  if (how === 0) return { argv: [] }
  if (how === 1) {
    const file = join(dir, `secret-${r.int(0, 1e9)}.txt`)
    writeFileSync(file, r.chance(0.5) ? `${secret}\n` : secret)
    return { argv: ['--secret-file', file] }
  }
  if (how === 2) return { argv: r.chance(0.5) ? [`--secret=${secret}`] : ['--secret', secret] }
  if (how === 3) return { argv: [], env: { ASAP_JWT_SECRET: secret } }
  return { argv: ['--secret-stdin'], stdin: `${secret}\n` }
}

function formatArgs(r) {
  return ['--format', r.pick(FORMATS)]
}

function tokenCase(r, dir, command) {
  const secret = randomSecret(r)
  const input = tokenInput(r, secret)
  const via = r.int(0, command === 'verify' ? 4 : 3)
  let argv
  let stdin
  if (via === 4) {
    // verify --batch: the same input among other lines (plain or JSON Lines).
    const file = join(dir, `batch-${r.int(0, 1e9)}.txt`)
    const jsonl = r.chance(0.5)
    const lines = [input.text, tokenInput(r, secret).text, 'not a token'].map((line) =>
      jsonl ? JSON.stringify({ req: { jwt: line } }) : line.replaceAll('\n', ' '),
    )
    writeFileSync(file, lines.join('\n'))
    argv = [command, '--batch', file, ...(jsonl ? ['--field', 'req.jwt'] : [])]
  } else if (via === 0) argv = [command, input.text]
  else if (via === 1) {
    const file = join(dir, `token-${r.int(0, 1e9)}.txt`)
    // Sometimes not UTF-8 at all: a token file saved in Latin-1 or with stray bytes.
    writeFileSync(file, r.chance(0.15) ? Buffer.concat([Buffer.from(input.text, 'latin1'), Buffer.from([0xff, 0xc3])]) : input.text)
    argv = [command, '--token-file', file]
  } else {
    argv = [command, '-']
    stdin = input.text
  }
  const secrets = command === 'verify' ? secretArgs(r, dir, secret, stdin === undefined) : { argv: [] }
  const reveal = r.chance(0.05)
  const forbidden = [
    ...(secrets.argv.length > 0 || secrets.env !== undefined || secrets.stdin !== undefined ? secretForms(secret) : []),
    ...(reveal ? [] : input.forbidden),
  ]
  return {
    family: `${command}`,
    argv: [
      ...argv,
      ...secrets.argv,
      ...(via === 4
        ? ['--format', r.pick(['human', 'json', 'jsonl'])]
        : command === 'verify'
          ? formatArgs(r)
          : ['--format', r.pick(['human', 'json', 'html', 'markdown'])]),
      '--now',
      '2026-11-21T06:00:00Z',
      ...(reveal ? ['--reveal'] : []),
    ],
    stdin: stdin ?? secrets.stdin,
    env: secrets.env,
    forbidden,
    inputBytes: Buffer.byteLength(input.text),
  }
}

function harCase(r, dir) {
  const secret = randomSecret(r)
  const har = harInput(r, secret)
  const file = join(dir, `in-${r.int(0, 1e9)}.har`)
  writeFileSync(file, har.bytes)
  const mode = r.int(0, 5)
  const base = { inputBytes: har.bytes.length, credentials: har.credentials }
  if (mode <= 1) {
    const redactTo = join(dir, `copy-${r.int(0, 1e9)}.har`)
    // Only an undamaged recording must keep its attempt; a damaged one may be refused or cut.
    return {
      ...base,
      family: `har-redact/${har.damage}`,
      argv: ['har', file, '--redact', redactTo],
      redactTo,
      forbidden: [],
      attempt: har.intact ? har.attempt : undefined,
    }
  }
  if (mode === 2)
    return {
      ...base,
      family: `har-tokens-only/${har.damage}`,
      argv: ['har', file, '--tokens-only', ...(r.chance(0.5) ? ['--format', 'json'] : [])],
      forbidden: har.credentials.slice(4),
    }
  const secrets = secretArgs(r, dir, secret, true)
  return {
    ...base,
    family: `har/${har.damage}`,
    argv: ['har', file, ...secrets.argv, ...formatArgs(r)],
    env: secrets.env,
    stdin: secrets.stdin,
    forbidden: [...har.credentials, ...(secrets.argv.length > 0 || secrets.env !== undefined || secrets.stdin !== undefined ? secretForms(secret) : [])],
  }
}

function configCase(r, dir) {
  const secret = randomSecret(r)
  const config = configInput(r, secret)
  const file = join(dir, `config-${r.int(0, 1e9)}.json`)
  writeFileSync(file, config.text)
  const token = signToken({ alg: 'HS256', typ: 'JWT' }, randomPayload(r), secret)
  const command = r.pick(['check', 'check', 'har'])
  const tokenFile = join(dir, 'token.txt')
  writeFileSync(tokenFile, token)
  const argv = command === 'check' ? ['check', '--config', file, '--token-file', tokenFile, ...formatArgs(r)] : ['har', join(dir, 'none.har'), '--config', file]
  return {
    family: 'config',
    argv,
    env: { ASAP_JWT_SECRET: secret },
    forbidden: [...config.forbidden, ...secretForms(secret), token.split('.')[2]],
    inputBytes: config.text.length,
  }
}

function argvCase(r, dir) {
  const secret = randomSecret(r)
  const token = signToken({ alg: 'HS256', typ: 'JWT' }, randomPayload(r), secret)
  const command = r.pick(['verify', 'decode', 'har', 'check', 'endpoint', 'checks', 'explain', 'nonsense'])
  const junk = [
    `--token=${token}`,
    `--secert=${secret}`,
    `--secrte`,
    secret,
    `--secret=${secret}`,
    `--jwt=${token}`,
    '--format=xml',
    `--format=${secret}`,
    '--now',
    secret,
    `--only=${token}`,
    `--expect-email=${secret}`,
    '--',
    token,
    `-${secret}`,
    `--header=Authorization: Bearer ${secret}`,
    `--cookie=sid=${secret}`,
    '--reveal=yes',
    '--leeway',
    secret,
    '--color',
    token,
    join(dir, 'missing.har'),
  ]
  const argv = [command, ...Array.from({ length: r.int(1, 4) }, () => r.pick(junk))]
  if (r.chance(0.5)) argv.push(token)
  // The tool can know a value is the secret only where the user marked it so (a secret-like
  // option, --header, --cookie); a secret typed as a file name or a --format value is not.
  const secretGiven = argv.some((a, i) =>
    /^--(?:secret|secert)=|^--(?:header|cookie)=/.test(a) ? a.includes(secret) : a === '--secret' && argv[i + 1] === secret,
  )
  return {
    family: 'argv',
    argv,
    forbidden: [...(argv.includes('--reveal') ? [] : [token.split('.')[2]]), ...(secretGiven ? secretForms(secret) : [])],
    inputBytes: argv.join(' ').length,
  }
}

const FAMILIES = [
  { name: 'verify', weight: 40, make: (r, dir) => tokenCase(r, dir, 'verify') },
  { name: 'decode', weight: 12, make: (r, dir) => tokenCase(r, dir, 'decode') },
  { name: 'har', weight: 24, make: harCase },
  { name: 'config', weight: 8, make: configCase },
  { name: 'argv', weight: 16, make: argvCase },
]

function makeCase(caseSeed, dir, pool = FAMILIES, total = pool.reduce((sum, f) => sum + f.weight, 0)) {
  const r = rng(caseSeed)
  let pick = r.next() * total
  let family = pool[0]
  for (const candidate of pool) {
    pick -= candidate.weight
    family = candidate
    if (pick < 0) break
  }
  return family.make(r, dir)
}

/**
 * Re-runs the one input of a failure report (`seed=…` in the output) and returns what it printed,
 * for a minimal reproduction. `families` must be what the campaign used (all by default).
 */
export async function replayCase({ runCli, caseSeed, families }) {
  const dir = mkdtempSync(join(tmpdir(), 'asap-fuzz-replay-'))
  try {
    const pool = FAMILIES.filter((f) => families === undefined || families.includes(f.name))
    const c = makeCase(caseSeed, dir, pool)
    const { io, out } = fakeIO(dir, c)
    const exitCode = await runCli(c.argv, io)
    return { argv: c.argv, exitCode, ...out(), forbidden: c.forbidden, family: c.family }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/**
 * Runs `runs` generated inputs through `runCli` and returns the counts. Failures keep the family,
 * the seed of the input (re-run one with `--seed S --runs 1`) and a detail line.
 */
export async function runCampaign({ runCli, runs, seed = 1, families, onProgress, onFailure, maxExamples = 40, budgetScale = 1 }) {
  const dir = mkdtempSync(join(tmpdir(), 'asap-fuzz-'))
  const counts = { inputs: 0, crashes: 0, hangs: 0, stackTraces: 0, leaks: 0, credentialsLeft: 0, invalidCopies: 0 }
  const examples = []
  const byFamily = {}
  const pool = FAMILIES.filter((f) => families === undefined || families.includes(f.name))
  const total = pool.reduce((sum, f) => sum + f.weight, 0)
  const started = performance.now()
  let bytes = 0
  let slowest = { ms: 0, family: '', seed: 0 }
  try {
    for (let i = 0; i < runs; i++) {
      const caseSeed = (seed * 1_000_003 + i) >>> 0
      const caseDir = join(dir, String(i % 64))
      rmSync(caseDir, { recursive: true, force: true })
      mkdirSync(caseDir, { recursive: true })
      const c = makeCase(caseSeed, caseDir, pool, total)
      const seen = new Set()
      const record = (kind, detail) => {
        if (seen.has(kind)) return
        seen.add(kind)
        counts[kind]++
        const example = { kind, family: c.family, seed: caseSeed, argv: c.argv.map((a) => (a.length > 80 ? `${a.slice(0, 77)}…` : a)), detail }
        if (examples.length < maxExamples) examples.push(example)
        onFailure?.(example)
      }
      const ms = await runCase(runCli, caseDir, c, record, budgetScale)
      counts.inputs++
      bytes += c.inputBytes
      const name = c.family.split('/')[0]
      byFamily[name] ??= { inputs: 0, failures: 0, ms: 0 }
      const f = byFamily[name]
      f.inputs++
      f.ms += ms
      if (seen.size > 0) f.failures++
      if (ms > slowest.ms) slowest = { ms, family: c.family, seed: caseSeed }
      if (onProgress !== undefined && (i + 1) % 500 === 0) onProgress(i + 1, counts)
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  return { counts, examples, byFamily, seconds: (performance.now() - started) / 1000, megabytes: bytes / 1048576, slowest }
}

/**
 * Linear time, measured rather than assumed: the same kind of input at 1× and 8× the size must not
 * take much more than 8× the time (a quadratic step takes 64×). Returns ratio per probe.
 */
export async function scalingProbes(runCli) {
  const dir = mkdtempSync(join(tmpdir(), 'asap-fuzz-scale-'))
  const r = rng(7)
  const probes = {
    'base64url run, no dots (verify)': (n) => ['verify', r.chars(B64URL, n)],
    '"eyJ" repeated (verify)': (n) => ['verify', 'eyJ'.repeat(Math.floor(n / 3))],
    'dots and padding (verify)': (n) => ['verify', `${'a='.repeat(n >> 2)}.${'b'.repeat(n >> 1)}`],
    'text around a token (decode)': (n) => ['decode', `${'word '.repeat(n / 5)}${signToken({ alg: 'HS256' }, { a: 1 }, 'secret-123456')}`],
  }
  const result = {}
  try {
    for (const [name, make] of Object.entries(probes)) {
      const time = async (n) => {
        let best = Infinity
        for (let k = 0; k < 3; k++) {
          const { io } = fakeIO(dir, {})
          const argv = make(n)
          const t = performance.now()
          await runCli(argv, io)
          best = Math.min(best, performance.now() - t)
        }
        return best
      }
      await time(1000)
      const small = await time(20_000)
      const large = await time(160_000)
      result[name] = { smallMs: Math.round(small * 10) / 10, largeMs: Math.round(large * 10) / 10, ratio: Math.round((large / Math.max(small, 0.5)) * 10) / 10 }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  return result
}

/** The counts as the one-line summary `npm run fuzz` and `npm test` print. */
export function summaryLine(result) {
  const c = result.counts
  return `fuzz: ${c.inputs} inputs in ${result.seconds.toFixed(1)} s (${result.megabytes.toFixed(1)} MB): ${c.crashes} crashes, ${c.hangs} hangs, ${c.stackTraces} stack traces, ${c.leaks} leaks, ${c.credentialsLeft} credentials left in redacted copies, ${c.invalidCopies} invalid copies`
}
