import { AsyncLocalStorage } from 'node:async_hooks'
import { Buffer } from 'node:buffer'
import type { CliIO } from './cli-io.js'
import { COMMANDS } from './options-table.js'

/**
 * The one place that enforces "no output contains a credential": every byte the CLI writes to
 * stdout, stderr or a file it creates passes through {@link OutputGuard.clean}. Renderers are meant
 * to mask on their own; this is the net under them, so a new message, an echoing usage error or a
 * rendering of a URL cannot print a secret or a token signature by mistake.
 *
 * It does two independent things:
 * - replaces every credential the run has *seen* (secret text and its base64/hex forms, header and
 *   cookie values, values of credential environment variables, the signature of every JWT-shaped
 *   string in argv and the inputs), wherever it appears;
 * - masks whatever *looks* like one even if it was never registered: the third segment of any
 *   `eyJ….eyJ….<sig>`, OAuth `access_token`/`refresh_token`/… values in URLs, and Zoho OAuth
 *   tokens `1000.<hex>.<hex>`.
 * With `--reveal` signatures are shown (that is what the flag is for); secrets never are.
 */
export class OutputGuard {
  private readonly secrets = new Set<string>()
  private readonly signatures = new Set<string>()
  private readonly addMask = new Set<string>()
  private secretList: string[] | undefined
  private signatureList: string[] | undefined

  /**
   * @param reveal `--reveal`: signatures are shown, secrets still are not.
   * @param maskShapes mask JWT-shaped signatures never registered (off for `sign`, whose output is a new token).
   */
  constructor(
    readonly reveal: boolean,
    readonly maskShapes: boolean = !reveal,
  ) {}

  /** A credential value (cookie, header value, env credential): never printed, whatever --reveal says. */
  registerCredential(value: string): void {
    for (const form of textForms(value)) this.addSecret(form)
  }

  /** The secret's bytes: the text itself and the base64, base64url and hex forms a message could show. */
  registerSecretBytes(bytes: Uint8Array): void {
    const buffer = Buffer.from(bytes)
    this.registerCredential(buffer.toString('utf8'))
    this.registerCredential(buffer.toString('latin1'))
    for (const form of binaryForms(buffer)) this.addSecret(form)
    // A secret that is itself base64 may be shown decoded by the "base64-decoded secret" check.
    const text = buffer.toString('utf8').trim()
    if (text.length >= 8 && /^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) {
      const decoded = Buffer.from(text, text.includes('-') || text.includes('_') ? 'base64url' : 'base64')
      if (decoded.length >= 6) for (const form of [...binaryForms(decoded), ...textForms(decoded.toString('utf8'))]) this.addSecret(form)
    }
  }

  /**
   * Registers the signature (and for a five-part JWE every part but the header) of every
   * JWT-shaped run in a text: argv, a token file, stdin, a token a command handled. Linear in the
   * text: runs are found with one greedy pass, never with a backtracking pattern.
   */
  registerTokensIn(text: string): void {
    for (const run of text.matchAll(RUN)) {
      const parts = run[0].split('.')
      // Whatever the rest looks like (a damaged header or payload), a long non-JSON base64url
      // segment after a dot is signature-shaped: HS256 gives 43 characters.
      const last = (parts[parts.length - 1] ?? '').replace(/=+$/, '')
      if (parts.length >= 2 && last.length >= 32 && /^[A-Za-z0-9_-]+$/.test(last) && !/^e[wy]/.test(last)) this.addSignature(last)
      if (parts.length === 2) {
        // `header.<not JSON>`: a token that lost a part (or whose header was cut at `=` padding);
        // what follows a JSON header without itself being JSON is the signature.
        const [head = '', tail = ''] = parts
        if (/e[wy][A-Za-z0-9_-]*={0,2}$/.test(head) && !/^e[wy]/.test(tail)) {
          for (const piece of [tail, tail.replace(/=+$/, '')]) if (piece.length >= 16) this.addSignature(piece)
        }
        continue
      }
      if (parts.length < 3 || parts.slice(0, 3).some((part) => part === '')) continue
      // `eyJ…` (a JSON object) or at least no path: `../fixtures/a.b.c` is a file, not a token.
      const jwtLike = /(?:^|[=/+])e[wy][A-Za-z0-9_-]*={0,2}$/.test(parts[0] ?? '') && /^e[wy]/.test(parts[1] ?? '')
      if (!jwtLike && run[0].includes('/')) continue
      const credentialParts = parts.length >= 5 && jwtLike ? parts.slice(1) : parts.slice(2)
      for (const part of credentialParts) {
        const pieces = jwtLike ? [part, part.replace(/=+$/, ''), ...part.split(/[+/=]+/)] : [part, part.replace(/=+$/, '')]
        for (const piece of pieces) if (piece.length >= MIN_SIGNATURE) this.addSignature(piece)
      }
    }
  }

  /** `::add-mask::VALUE` lines carrying exactly these values stay raw: they exist to hide them. */
  allowAddMask(values: readonly string[]): void {
    for (const value of values) if (value !== '') this.addMask.add(value)
  }

  /** The text with every credential replaced by `***`. */
  clean(text: string): string {
    if (text === '') return text
    return this.cleanLines(text, true)
  }

  /** Cleans a text that continues a stream; `atLineStart` says whether it starts a line. */
  cleanLines(text: string, atLineStart: boolean): string {
    if (!text.includes('::add-mask::')) return this.cleanText(text)
    const lines = text.split('\n')
    return lines.map((line, index) => ((index > 0 || atLineStart) && this.isAllowedAddMask(line) ? line : this.cleanText(line))).join('\n')
  }

  /** Wraps the CLI's streams and environment so nothing written escapes the guard. */
  wrap(io: CliIO): CliIO {
    const guard = this
    // The well-known credential variables are registered up front: an error may come before they are read.
    for (const name of CREDENTIAL_ENV) {
      const value = io.env[name]
      if (value !== undefined && value !== '')
        name === 'ASAP_JWT_SECRET' ? guard.registerSecretBytes(Buffer.from(value, 'utf8')) : guard.registerCredential(value)
    }
    const lineStart = { stdout: true, stderr: true }
    const env = new Proxy(io.env, {
      get(target, name) {
        const value: unknown = Reflect.get(target, name)
        // Every environment value the tool reads, apart from display settings, is a credential
        // (ASAP_JWT_SECRET, the Desk token, header values the config names).
        if (typeof name === 'string' && typeof value === 'string' && !DISPLAY_ENV.has(name)) guard.registerCredential(value)
        return value
      },
    })
    const write = (stream: 'stdout' | 'stderr', sink: (text: string) => void) => (text: string) => {
      const cleaned = guard.cleanLines(text, lineStart[stream])
      if (text !== '') lineStart[stream] = text.endsWith('\n')
      sink(cleaned)
    }
    return {
      stdout: write('stdout', (text) => io.stdout(text)),
      stderr: write('stderr', (text) => io.stderr(text)),
      readStdin: async () => {
        const text = await io.readStdin()
        guard.registerTokensIn(text)
        return text
      },
      stdinChunks: () => io.stdinChunks(),
      get stdinIsTTY() {
        return io.stdinIsTTY
      },
      get stdoutIsTTY() {
        return io.stdoutIsTTY
      },
      get stderrIsTTY() {
        return io.stderrIsTTY
      },
      env,
      cwd: io.cwd,
      now: () => io.now(),
    }
  }

  /**
   * Registers what argv carries: JWT-shaped arguments, `--secret` values (with their encodings),
   * `--header` and `--cookie` values, and the value of an unknown option (a mistyped
   * `--secert=…` is as secret as `--secret`; commander's error would echo it).
   */
  registerArgv(argv: readonly string[]): void {
    const spec = COMMANDS.find((command) => command.name === argv[0])
    const takesValue = new Map<string, boolean>((spec?.options ?? []).map((option) => [option.name, option.value !== undefined]))
    for (let i = 0; i < argv.length; i++) {
      const arg = argv[i] ?? ''
      this.registerTokensIn(arg)
      if (!arg.startsWith('--')) continue
      const eq = arg.indexOf('=')
      const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2)
      const next = argv[i + 1]
      const known = takesValue.get(name)
      const value = eq > 0 ? arg.slice(eq + 1) : known === true || (known === undefined && next !== undefined && !next.startsWith('-')) ? next : undefined
      if (value === undefined) continue
      if (name === 'secret' || (known === undefined && /s\w*c\w*r|pass|key|tok|auth|cred/i.test(name))) this.registerSecretBytes(Buffer.from(value, 'utf8'))
      else if (name === 'header') {
        const headerValue = value.slice(value.indexOf(':') + 1).trim()
        this.registerCredential(headerValue)
        // `Authorization: Bearer X`: X alone is the credential too.
        const scheme = /^[A-Za-z][\w.+-]*\s+(\S.*)$/.exec(headerValue)
        if (scheme?.[1] !== undefined) this.registerCredential(scheme[1])
      } else if (name === 'cookie') {
        this.registerCredential(value.slice(value.indexOf('=') + 1))
        this.registerCredential(value)
      } else if (known === undefined && eq > 0) this.registerCredential(value)
    }
  }

  /** For a redacted copy (latin1 view of its bytes): signatures become `REDACTED`, the redactor's marker. */
  cleanCopyText(text: string): string {
    const masked = maskJwtSignatures(text, 'REDACTED')
    if (this.signatures.size === 0) return masked
    return masked.replace(BASE64URL_RUN, (run) => (this.signatures.has(run) ? 'REDACTED' : run))
  }

  private isAllowedAddMask(line: string): boolean {
    if (!line.startsWith('::add-mask::')) return false
    const value = line.slice('::add-mask::'.length).replaceAll('%0D', '\r').replaceAll('%0A', '\n').replaceAll('%25', '%')
    return this.addMask.has(value)
  }

  private addSecret(value: string): void {
    if (value.length < MIN_SECRET || this.secrets.has(value)) return
    this.secrets.add(value)
    this.secretList = undefined
  }

  private addSignature(value: string): void {
    if (this.reveal || this.signatures.has(value)) return
    this.signatures.add(value)
    this.signatureList = undefined
  }

  private cleanText(text: string): string {
    let result = text
    // Longest first, so a secret that contains another is replaced whole.
    this.secretList ??= [...this.secrets].sort((a, b) => b.length - a.length)
    for (const secret of this.secretList) if (result.includes(secret)) result = result.split(secret).join('***')
    if (this.maskShapes) result = maskJwtSignatures(result)
    if (!this.reveal) {
      if (this.signatures.size > 0) {
        // Exact runs first (any number of signatures, linear), then substrings for a moderate number.
        result = result.replace(BASE64URL_RUN, (run) => (this.signatures.has(run) ? '***' : run))
        this.signatureList ??= [...this.signatures].sort((a, b) => b.length - a.length)
        if (this.signatureList.length <= 512) {
          for (const signature of this.signatureList) if (result.includes(signature)) result = result.split(signature).join('***')
        }
      }
    }
    result = result.replace(URL_CREDENTIAL, (_all, head: string) => `${head}***`)
    result = result.replace(ZOHO_OAUTH_TOKEN, '1000.***')
    return result
  }
}

/** Shorter values are too common to replace without destroying the output (a 3-letter secret is not one). */
const MIN_SECRET = 6
const MIN_SIGNATURE = 8
/** Candidate token runs: base64/base64url characters and dots (greedy, so linear). */
const RUN = /[A-Za-z0-9_\-+/=.]+/g
const BASE64URL_RUN = /[A-Za-z0-9_-]{8,}/g
/** Runs that may hold a JWT, percent-encoded or not (greedy character class: linear). */
const WIRE_RUN = /[A-Za-z0-9_\-+/=.%]{20,}/g
const DOT = /\.|%2[eE]/
const HEADER_LIKE = /^e[wy][A-Za-z0-9_-]*$/

/**
 * Masks the signature of every `eyJ….eyJ….<sig>` in a text, also inside a longer run
 * (`jwt_token=Bearer%20eyJ…`) and with percent-encoded dots. Linear: one pass over greedy runs,
 * then splits; no backtracking pattern sees a long run of base64url characters.
 */
export function maskJwtSignatures(text: string, mask = '***'): string {
  if (!text.includes('e')) return text
  return text.replace(WIRE_RUN, (run) => {
    if (!DOT.test(run)) return run
    const pieces = run.split(/(\.|%2[eE])/)
    // pieces: segment, separator, segment, separator, …
    for (let i = 0; i + 2 < pieces.length; i += 2) {
      const header = lastToken(pieces[i] ?? '')
      const payload = (pieces[i + 2] ?? '').replace(/=+$/, '')
      if (!HEADER_LIKE.test(header)) continue
      if (!HEADER_LIKE.test(payload)) {
        // `eyJ….<not JSON>`: a token missing its payload (or cut at padding); the tail is its signature.
        // The whole rest of the run goes: a damaged separator (`p%sig`) must not leave the signature behind.
        const tail = pieces[i + 2] ?? ''
        if (tail.length >= 16 && /^[A-Za-z0-9_+/-]/.test(tail) && !tail.startsWith(mask) && header.startsWith('eyJ'))
          pieces[i + 2] = /=+$/.test(tail) ? `${mask}${/=+$/.exec(tail)?.[0] ?? ''}` : mask
        continue
      }
      if (i + 4 >= pieces.length) continue
      const signature = pieces[i + 4] ?? ''
      const sig = /^[A-Za-z0-9_+/-]+/.exec(signature)
      if (sig === null || sig[0] === mask) continue
      pieces[i + 4] = `${mask}${signature.slice(sig[0].length)}`
      i += 2
    }
    return pieces.join('')
  })
}

/** The base64url tail of a segment: what follows the last `=`, `+`, `/` or `%XX` (`jwt_token=Bearer%20eyJ…`). */
function lastToken(segment: string): string {
  const trimmed = segment.replace(/=+$/, '')
  const parts = trimmed.split(/[=+/]|%[0-9A-Fa-f]{2}/)
  return parts[parts.length - 1] ?? ''
}

/** OAuth credentials carried in URLs and form bodies (also percent-encoded separators). */
const URL_CREDENTIAL =
  /((?:^|[?&#;\s"']|%3[fF]|%26|%23|\\u0026)(?:access_token|refresh_token|id_token|client_secret|password|api_key|apikey)(?:=|%3[dD]))(?!\*\*\*)[^&#\s"'<>\\,;]+/g
const ZOHO_OAUTH_TOKEN = /\b1000\.[0-9a-fA-F]{16,}\.[0-9a-fA-F]{16,}\b/g
const CREDENTIAL_ENV = ['ASAP_JWT_SECRET', 'ZOHO_DESK_ACCESS_TOKEN', 'ZOHO_CLIENT_SECRET', 'ZOHO_REFRESH_TOKEN']
/** Environment variables the tool reads for display or files, not credentials. */
// ASAP_DOCTOR_BROWSER is a program path (record names it in notes and errors), not a credential.
const DISPLAY_ENV = new Set(['NO_COLOR', 'FORCE_COLOR', 'TERM', 'CI', 'GITHUB_STEP_SUMMARY', 'GITHUB_ACTIONS', 'HOME', 'PATH', 'ASAP_DOCTOR_BROWSER'])

/** A text and the escaped forms a renderer may print it in (JSON string, HTML, percent-encoding). */
function textForms(value: string): string[] {
  const json = JSON.stringify(value).slice(1, -1)
  const html = value.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;')
  let encoded = value
  try {
    encoded = encodeURIComponent(value)
  } catch {
    // A lone surrogate cannot be percent-encoded; the other forms still apply.
  }
  // The HTML report embeds its data as JSON with <, > and & as \u escapes.
  const scriptJson = json.replace(/[<>&\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
  return [value, value.trim(), json, html, encoded, scriptJson]
}

function binaryForms(bytes: Buffer): string[] {
  const base64 = bytes.toString('base64')
  return [base64, base64.replace(/=+$/, ''), bytes.toString('base64url'), bytes.toString('hex'), bytes.toString('hex').toUpperCase()]
}

/** Where a chunk may be cut without splitting a token: after the last character no token contains. */
function safeCut(text: string): number {
  let i = text.length
  while (i > 0 && TOKEN_CHAR.test(text.charAt(i - 1))) i--
  // A run longer than this is a body, not a token: cutting it cannot split a JWT worth masking.
  return text.length - i > MAX_HELD ? text.length : i
}
const TOKEN_CHAR = /[A-Za-z0-9_\-+/=.%]/
const MAX_HELD = 64 * 1024

/**
 * The guard for a file written in chunks (`har --redact`): any JWT signature the redactor left (a
 * token in an encoding it did not know) becomes `REDACTED` too, and so does every signature the
 * run registered. Works on latin1 views of the bytes, so every byte is written back unchanged
 * unless masked; holds back a chunk's trailing token characters so a token split across two
 * chunks is still seen whole.
 */
export function guardedChunkWriter(
  write: (chunk: Uint8Array | string) => Promise<void>,
  guard: OutputGuard | undefined = activeGuard(),
): {
  write: (chunk: Uint8Array | string) => Promise<void>
  end: () => Promise<void>
} {
  let held = ''
  const clean = (text: string): string => (guard === undefined || guard.reveal ? text : guard.cleanCopyText(text))
  return {
    async write(chunk) {
      const text =
        held + (typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)).toString('latin1')
      const cut = safeCut(text)
      held = text.slice(cut)
      if (cut > 0) await write(Buffer.from(clean(text.slice(0, cut)), 'latin1'))
    },
    async end() {
      if (held !== '') await write(Buffer.from(clean(held), 'latin1'))
      held = ''
    },
  }
}

const active = new AsyncLocalStorage<OutputGuard>()

/** Runs `work` with `guard` as the run's guard, so readers deep in the CLI can register what they read. */
export function withGuard<T>(guard: OutputGuard, work: () => Promise<T>): Promise<T> {
  return active.run(guard, work)
}

/** The guard of the CLI run in progress (undefined when a module is used outside `runCli`). */
export function activeGuard(): OutputGuard | undefined {
  return active.getStore()
}

/** Cleans a text bound for a file the CLI writes (--out, GITHUB_STEP_SUMMARY). */
export function guardFileText(text: string): string {
  return activeGuard()?.clean(text) ?? text
}
