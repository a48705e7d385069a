// Types of engine.mjs (plain ESM so scripts/fuzz.mjs runs it on dist/ without a TypeScript step).
export type RunCli = (argv: readonly string[], io: import('../../src/cli/cli-io.js').CliIO) => Promise<number>

export interface Counts {
  inputs: number
  crashes: number
  hangs: number
  stackTraces: number
  leaks: number
  credentialsLeft: number
  invalidCopies: number
}

export interface Example {
  readonly kind: keyof Counts
  readonly family: string
  readonly seed: number
  readonly argv: readonly string[]
  readonly detail: string
}

export interface CampaignResult {
  readonly counts: Counts
  readonly examples: readonly Example[]
  readonly byFamily: Readonly<Record<string, { inputs: number; failures: number; ms: number }>>
  readonly seconds: number
  readonly megabytes: number
  readonly slowest: { ms: number; family: string; seed: number }
}

export function runCampaign(options: {
  runCli: RunCli
  runs: number
  seed?: number
  families?: readonly string[]
  onProgress?: (done: number, counts: Counts) => void
  /** Called for every failure as it happens (a long campaign shows them before it ends). */
  onFailure?: (example: Example) => void
  maxExamples?: number
  /** Multiplies the time budget per input (a loaded CI machine). */
  budgetScale?: number
}): Promise<CampaignResult>

export function scalingProbes(runCli: RunCli): Promise<Record<string, { smallMs: number; largeMs: number; ratio: number }>>
export function summaryLine(result: CampaignResult): string
export function harProblem(bytes: Buffer): string | undefined
export function signToken(header: unknown, payload: unknown, secret: string): string
export function secretForms(secret: string): string[]
export function replayCase(options: { runCli: RunCli; caseSeed: number; families?: readonly string[] }): Promise<{
  argv: string[]
  exitCode: number
  stdout: string
  stderr: string
  forbidden: string[]
  family: string
}>
