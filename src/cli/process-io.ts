import type { CliIO } from './cli-io.js'

/** The real process behind CliIO. The only module (with bin) that touches `process` streams. */
export function processIO(): CliIO {
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

let stdinText: Promise<string> | undefined

/** Reads stdin once; a second reader (token and secret both from stdin) gets the same text. */
function readStdin(): Promise<string> {
  stdinText ??= (async () => {
    const chunks: Buffer[] = []
    for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)))
    return Buffer.concat(chunks).toString('utf8')
  })()
  return stdinText
}
