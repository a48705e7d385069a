import type { CliIO } from './cli-io.js'

/**
 * Runs `work` with a spinner on stderr, only on an interactive terminal (never in CI logs or when
 * stderr is piped). ora is imported only then: it is not needed anywhere else.
 */
export async function withSpinner<T>(io: CliIO, text: string, work: () => Promise<T>): Promise<T> {
  if (!io.stderrIsTTY || io.env.CI !== undefined) return work()
  const { default: ora } = await import('ora')
  const spinner = ora({ text, stream: process.stderr }).start()
  try {
    const result = await work()
    spinner.stop()
    return result
  } catch (error) {
    spinner.stop()
    throw error
  }
}
