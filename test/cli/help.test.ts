import { parseArgs } from 'node:util'
import { describe, expect, it } from 'vitest'
import { closestId } from '../../src/cli/command-help.js'
import { COMMANDS, type CommandSpec } from '../../src/cli/options-table.js'
import { runCliInProcess } from '../helpers/run-cli.js'
import { makeToken, NOW } from '../helpers/tokens.js'

/** Splits an example the way a POSIX shell would for our purposes: quotes kept whole, stops at a redirect or pipe. */
function words(example: string): string[] {
  const result: string[] = []
  for (const match of example.matchAll(/"(?:[^"\\]|\\.)*"|'[^']*'|[^\s]+/g)) {
    const word = match[0]
    if (word === '<' || word === '>' || word === '|') break
    result.push(word.replace(/^["'](.*)["']$/s, '$1'))
  }
  return result
}

function parseWith(spec: CommandSpec, argv: readonly string[]) {
  const options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean }> = {}
  for (const option of spec.options) options[option.name] = { type: option.value === undefined ? 'boolean' : 'string', multiple: option.multiple === true }
  return parseArgs({ args: [...argv], options, allowPositionals: true, strict: true })
}

const has = (spec: CommandSpec, name: string) => spec.options.some((option) => option.name === name)

describe('--help of every command', () => {
  for (const spec of COMMANDS) {
    it(`${spec.name} --help ends with 2–3 examples and names the environment variables it reads`, async () => {
      const run = await runCliInProcess([spec.name, '--help'])
      expect(run.exitCode).toBe(0)
      const help = run.stdout
      const examples = help
        .slice(help.lastIndexOf('\nExamples:\n') + '\nExamples:\n'.length)
        .trimEnd()
        .split('\n')
      expect(help).toContain('\nExamples:\n')
      expect(examples.length).toBeGreaterThanOrEqual(2)
      expect(examples.length).toBeLessThanOrEqual(3)
      for (const line of examples) expect(line).toMatch(new RegExp(`^  \\$ asap-doctor .*\\b${spec.name}\\b`))
      const envBlock = help.slice(help.indexOf('\nEnvironment variables:\n'), help.lastIndexOf('\nExamples:\n'))
      expect(help.indexOf('\nEnvironment variables:\n')).toBeGreaterThan(0)
      for (const variable of spec.env ?? []) expect(envBlock).toContain(`  ${variable.name}  `)
      if ((spec.env ?? []).length === 0) expect(envBlock).toContain('  none')
    })

    it(`${spec.name}: the environment the table declares matches what its options read`, () => {
      const names = (spec.env ?? []).map((variable) => variable.name)
      expect(spec.env, `${spec.name} declares no env (use [] for none)`).toBeDefined()
      expect(names.includes('ASAP_JWT_SECRET')).toBe(has(spec, 'secret-file'))
      expect(names.includes('ZOHO_DESK_ACCESS_TOKEN')).toBe(has(spec, 'online'))
      expect(names.includes('NO_COLOR'), 'NO_COLOR goes with --color').toBe(has(spec, 'color'))
      expect(names.includes('GITHUB_STEP_SUMMARY')).toBe((spec.options.find((option) => option.name === 'format')?.choices ?? []).includes('github'))
    })

    it(`${spec.name}: every example uses only flags the command has`, () => {
      for (const example of spec.examples ?? []) {
        const argv = words(example)
        const command = COMMANDS.find((candidate) => candidate.name === argv[0])
        expect(command, example).toBeDefined()
        if (command === undefined) continue
        const parsed = parseWith(command, argv.slice(1))
        const max = command.argument === undefined ? 0 : command.argument.variadic === true ? Infinity : 1
        expect(parsed.positionals.length, example).toBeLessThanOrEqual(max)
        for (const option of command.options) {
          const value = parsed.values[option.name]
          if (option.choices !== undefined && typeof value === 'string') expect(option.choices, example).toContain(value)
        }
      }
    })
  }
})

describe('asap-doctor --help', () => {
  it('ends with examples of real commands', async () => {
    const run = await runCliInProcess(['--help'])
    expect(run.exitCode).toBe(0)
    const examples = run.stdout
      .slice(run.stdout.lastIndexOf('\nExamples:\n') + '\nExamples:\n'.length)
      .trimEnd()
      .split('\n')
    expect(examples.length).toBeGreaterThanOrEqual(2)
    for (const line of examples) {
      const argv = words(line.replace(/^ {2}\$ asap-doctor /, ''))
      const spec = COMMANDS.find((command) => command.name === argv[0])
      expect(spec, line).toBeDefined()
      if (spec !== undefined) expect(() => parseWith(spec, argv.slice(1)), line).not.toThrow()
    }
  })
})

describe('--json', () => {
  it('is --format json on every command with a JSON output', async () => {
    const token = makeToken()
    const runs: string[][] = [
      ['verify', token, `--now=${NOW}`],
      ['decode', token, `--now=${NOW}`],
      ['checks'],
      ['check', '--org-id', '712340056', '--data-center', 'eu', `--now=${NOW}`],
    ]
    for (const argv of runs) {
      const viaFlag = await runCliInProcess([...argv, '--json'])
      const viaFormat = await runCliInProcess([...argv, '--format', 'json'])
      expect(viaFlag, argv[0]).toEqual(viaFormat)
      expect(() => JSON.parse(viaFlag.stdout)).not.toThrow()
    }
    const spelledOut = await runCliInProcess(['verify', token, `--now=${NOW}`, '--json', '--format=json'])
    expect(JSON.parse(spelledOut.stdout).command).toBe('verify')
  })

  it('goes through commander too (an option only commander parses, --debug after the flag)', async () => {
    const run = await runCliInProcess(['verify', makeToken(), `--now=${NOW}`, '--json', '--debug'])
    expect(JSON.parse(run.stdout).schemaVersion).toBe(1)
  })

  it('contradicting --format is one line and exit 2', async () => {
    const run = await runCliInProcess(['verify', makeToken(), '--json', '--format', 'junit'])
    expect(run).toEqual({ exitCode: 2, stdout: '', stderr: 'asap-doctor: --json contradicts --format junit\n' })
  })

  it('every command whose --format offers json has --json, and no other', () => {
    for (const spec of COMMANDS) {
      const formats = spec.options.find((option) => option.name === 'format')?.choices ?? []
      expect(has(spec, 'json'), spec.name).toBe(formats.includes('json'))
    }
  })
})

describe('unknown check ids suggest the closest one', () => {
  it('explain time-unit suggests time-units, in one line', async () => {
    const run = await runCliInProcess(['explain', 'time-unit'])
    expect(run).toEqual({
      exitCode: 2,
      stdout: '',
      stderr: 'asap-doctor: unknown check or rule id "time-unit"; did you mean time-units? (asap-doctor checks lists them)\n',
    })
  })

  it('explain suggests scan rule ids too', async () => {
    const run = await runCliInProcess(['explain', 'signer-second'])
    expect(run.stderr).toBe('asap-doctor: unknown check or rule id "signer-second"; did you mean signer-seconds? (asap-doctor checks lists them)\n')
  })

  it('nothing close, no suggestion', async () => {
    const run = await runCliInProcess(['explain', 'frobnicate'])
    expect(run.stderr).toBe('asap-doctor: unknown check or rule id "frobnicate" (asap-doctor checks lists them)\n')
  })

  it('--only and --skip suggest too', async () => {
    const run = await runCliInProcess(['verify', makeToken(), '--only', 'signatur'])
    expect(run.stderr).toBe('asap-doctor: unknown check id "signatur"; did you mean signature? (see asap-doctor checks)\n')
  })

  it('closestId', () => {
    const ids = ['time-units', 'time-validity', 'signature', 'algorithm', 'org-id', 'data-center']
    expect(closestId('time-unit', ids)).toBe('time-units')
    expect(closestId('TIME-UNITS', ids)).toBe('time-units')
    expect(closestId('time-valdity', ids)).toBe('time-validity')
    expect(closestId('algoritm', ids)).toBe('algorithm')
    expect(closestId('orgid', ids)).toBe('org-id')
    expect(closestId('id', ids)).toBeUndefined()
    expect(closestId('time', ids)).toBeUndefined()
    expect(closestId('', ids)).toBeUndefined()
  })
})
