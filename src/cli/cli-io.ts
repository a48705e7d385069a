/**
 * Everything the CLI takes from the process, injected so tests run commands in-process with fake
 * streams, environment and clock, and so `src/core` never sees `process`.
 */
export interface CliIO {
  readonly stdout: (text: string) => void
  readonly stderr: (text: string) => void
  readonly readStdin: () => Promise<string>
  /** Stdin as raw chunks, for inputs too large to hold as one string (a HAR piped in). */
  readonly stdinChunks: () => AsyncIterable<Uint8Array>
  readonly stdinIsTTY: boolean
  readonly stdoutIsTTY: boolean
  readonly stderrIsTTY: boolean
  readonly env: Readonly<Record<string, string | undefined>>
  readonly cwd: string
  readonly now: () => number
}
