import { runCli } from '../../src/cli/main.js'
import type { CliIO } from '../../src/cli/cli-io.js'
import { NOW } from './tokens.js'

export interface CliRun {
  readonly exitCode: number
  readonly stdout: string
  readonly stderr: string
}

export interface FakeProcess {
  readonly stdin?: string
  readonly env?: Record<string, string | undefined>
  readonly stdoutIsTTY?: boolean
  readonly cwd?: string
  /** The clock; the fixed NOW by default, the real one for tests that talk to a live local server. */
  readonly now?: () => number
}

/** Runs the CLI in-process with fake streams; `stdin` undefined means "a terminal, nothing piped". */
export async function runCliInProcess(argv: readonly string[], fake: FakeProcess = {}): Promise<CliRun> {
  let stdout = ''
  let stderr = ''
  const io: CliIO = {
    stdout: (text) => {
      stdout += text
    },
    stderr: (text) => {
      stderr += text
    },
    readStdin: async () => fake.stdin ?? '',
    stdinChunks: async function* () {
      yield Buffer.from(fake.stdin ?? '')
    },
    stdinIsTTY: fake.stdin === undefined,
    stdoutIsTTY: fake.stdoutIsTTY ?? false,
    stderrIsTTY: false,
    env: fake.env ?? { NO_COLOR: '1' },
    cwd: fake.cwd ?? process.cwd(),
    now: fake.now ?? (() => NOW),
  }
  const exitCode = await runCli(argv, io)
  return { exitCode, stdout, stderr }
}
