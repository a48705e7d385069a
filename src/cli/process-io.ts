import { InputError } from '../core/errors.js'
import type { CliIO } from './cli-io.js'
import { MAX_TEXT_INPUT_BYTES } from './io/read-text.js'

/** The real process behind CliIO. The only module (with bin) that touches `process` streams. */
export function processIO(): CliIO {
  // `asap-doctor … | head -1` closes the pipe early: that is the reader's choice, not an error.
  for (const stream of [process.stdout, process.stderr]) stream.on('error', quietOnClosedPipe)
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    readStdin,
    stdinChunks: () => process.stdin,
    // Getters: touching process.stdin builds a stream, which costs start-up time when unused.
    get stdinIsTTY() {
      return process.stdin.isTTY === true
    },
    get stdoutIsTTY() {
      return process.stdout.isTTY === true
    },
    get stderrIsTTY() {
      return process.stderr.isTTY === true
    },
    env: process.env,
    cwd: process.cwd(),
    now: () => Date.now(),
  }
}

function quietOnClosedPipe(error: NodeJS.ErrnoException): void {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0)
  throw error
}

let stdinText: Promise<string> | undefined

/**
 * Reads stdin once; a second reader (token and secret both from stdin) gets the same text. Stops
 * at the token/secret cap instead of buffering a 100 MB paste (1 GB of memory) only to refuse it.
 */
function readStdin(): Promise<string> {
  stdinText ??= (async () => {
    const chunks: Buffer[] = []
    let size = 0
    for await (const chunk of process.stdin) {
      const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk))
      size += bytes.length
      if (size > MAX_TEXT_INPUT_BYTES) {
        process.stdin.destroy()
        throw new InputError('ERR_INPUT', 'the input on stdin is larger than 16 MiB; that is not a token or a secret')
      }
      chunks.push(bytes)
    }
    return Buffer.concat(chunks).toString('utf8')
  })()
  return stdinText
}
