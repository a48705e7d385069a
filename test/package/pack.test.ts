import { execFileSync, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

// The package as a user gets it: `npm pack`, installed into an empty project, used from there. No
// network: the project's lockfile pins the versions this repository's lockfile tested, with their
// integrity, so npm needs only the tarballs `npm ci`/`npm install` left in its cache, never a
// registry's package index. `npm test` builds dist/ first; the pack skips prepack (a second build)
// for speed, and `.ci/run` packs once more with prepack for publint and attw.
const REPO = resolve('.')
const TSC = join(REPO, 'node_modules/typescript/bin/tsc')
const VITEST = join(REPO, 'node_modules/vitest/vitest.mjs')
let dir = ''
let project = ''
let tarball = ''

interface Run {
  readonly status: number | null
  readonly stdout: string
  readonly stderr: string
}

function run(command: string, args: readonly string[], cwd: string, env: Record<string, string> = {}): Run {
  // npm_config_* from a surrounding `npm test` (e.g. a workspace prefix) must not steer the inner npm.
  const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_')))
  const result = spawnSync(command, [...args], { cwd, encoding: 'utf8', env: { ...clean, NO_COLOR: '1', ...env }, timeout: 120_000 })
  return { status: result.status, stdout: result.stdout, stderr: result.stderr }
}

function ok(result: Run, what: string): Run {
  if (result.status !== 0) throw new Error(`${what} failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`)
  return result
}

interface LockEntry {
  readonly version?: string
  readonly resolved?: string
  readonly integrity?: string
  readonly dev?: boolean
  readonly name?: string
}

/** The lockfile of the empty project: asap-doctor from the tarball, its dependencies as the repository locked them. */
function projectLock(tarballName: string): object {
  const lock: { packages: Record<string, LockEntry> } = JSON.parse(readFileSync(join(REPO, 'package-lock.json'), 'utf8'))
  const manifest: { version: string; license: string; dependencies: Record<string, string>; bin: Record<string, string>; engines: Record<string, string> } =
    JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'))
  const registry = execFileSync('npm', ['config', 'get', 'registry'], { encoding: 'utf8' }).trim().replace(/\/$/, '')
  const spec = `file:../${tarballName}`
  const packages: Record<string, object> = {
    '': { name: 'pack-test', dependencies: { 'asap-doctor': spec } },
    'node_modules/asap-doctor': {
      version: manifest.version,
      resolved: spec,
      integrity: `sha512-${createHash('sha512')
        .update(readFileSync(join(dir, tarballName)))
        .digest('base64')}`,
      license: manifest.license,
      dependencies: manifest.dependencies,
      bin: manifest.bin,
      engines: manifest.engines,
    },
  }
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (path === '' || entry.dev === true) continue
    // The repository's lockfile may omit `resolved` (omit-lockfile-registry-resolved); without it npm
    // would ask the registry for the package index, so spell out the tarball URL npm would use.
    const name = entry.name ?? path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length)
    packages[path] = { ...entry, resolved: entry.resolved ?? `${registry}/${name}/-/${name.split('/').at(-1)}-${entry.version}.tgz` }
  }
  return { name: 'pack-test', lockfileVersion: 3, requires: true, packages }
}

/** The TypeScript blocks of docs/api.md: each a complete program. */
function docExamples(): string[] {
  const docs = readFileSync(join(REPO, 'docs/api.md'), 'utf8')
  return [...docs.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1] ?? '').filter((code) => code.includes("from 'asap-doctor'") && code.includes('\n'))
}

beforeAll(() => {
  if (!existsSync(join(REPO, 'dist/index.js')) || !existsSync(join(REPO, 'dist/index.d.ts')))
    throw new Error('dist/ is not built: run `npm run build` (npm test does)')
  dir = mkdtempSync(join(tmpdir(), 'asap-doctor-pack-'))
  const packed: Array<{ filename: string; files: Array<{ path: string }> }> = JSON.parse(
    ok(run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], REPO), 'npm pack').stdout,
  )
  const first = packed[0]
  if (first === undefined) throw new Error('npm pack printed no file')
  tarball = first.filename
  project = join(dir, 'project')
  mkdirSync(project)
  writeFileSync(
    join(project, 'package.json'),
    JSON.stringify({ name: 'pack-test', private: true, type: 'module', dependencies: { 'asap-doctor': `file:../${tarball}` } }, null, 2),
  )
  writeFileSync(join(project, 'package-lock.json'), JSON.stringify(projectLock(tarball), null, 2))
  ok(
    run('npm', ['ci', '--offline', '--no-audit', '--no-fund'], project),
    'npm ci --offline of the packed tarball (are the dependencies in the npm cache? `npm ci` in the repository puts them there)',
  )
  // The test runner and the types come from the repository, as a user's project has its own.
  mkdirSync(join(project, 'node_modules/@types'), { recursive: true })
  symlinkSync(join(REPO, 'node_modules/vitest'), join(project, 'node_modules/vitest'))
  symlinkSync(join(REPO, 'node_modules/@types/node'), join(project, 'node_modules/@types/node'))
}, 240_000)

afterAll(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true })
})

describe('the packed tarball, installed into an empty project', () => {
  it('holds the built library, its declarations and the docs, and no install script', () => {
    const listing = ok(run('tar', ['tzf', join(dir, tarball)], dir), 'tar').stdout.split('\n')
    for (const file of [
      'dist/index.js',
      'dist/index.d.ts',
      'dist/cli/main.js',
      'bin/asap-doctor.js',
      'LICENSE',
      'CHANGELOG.md',
      'README.md',
      'docs/api.md',
      'schema/report.schema.json',
      'fixtures/examples/token-in-seconds.txt',
    ]) {
      expect(listing, file).toContain(`package/${file}`)
    }
    expect(listing.filter((file) => /^package\/(src|test|bench|\.ci)\//.test(file))).toEqual([])
    const installed: { scripts?: Record<string, string> } = JSON.parse(readFileSync(join(project, 'node_modules/asap-doctor/package.json'), 'utf8'))
    for (const script of ['preinstall', 'install', 'postinstall', 'prepare']) expect(installed.scripts?.[script], script).toBeUndefined()
  })

  it('npx asap-doctor verify runs on the bundled example', () => {
    const examples = 'node_modules/asap-doctor/fixtures/examples'
    const result = run(
      'npx',
      [
        '--no-install',
        'asap-doctor',
        'verify',
        '--token-file',
        `${examples}/token-in-seconds.txt`,
        '--secret-file',
        `${examples}/asap-secret.txt`,
        '--now',
        '2026-11-21T06:00:00Z',
      ],
      project,
    )
    expect(result.stderr).toBe('')
    expect(result.status).toBe(1)
    expect(result.stdout).toContain('✗ time-units')
    expect(result.stdout).toContain('Zoho would reject this token: the time claims are in seconds')
    const version = run('npx', ['--no-install', 'asap-doctor', '--version'], project)
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).version)
  }, 60_000)

  it('imports by name, and exports only the documented entry points', () => {
    const names = ok(
      run('node', ['--input-type=module', '-e', "const m = await import('asap-doctor'); console.log(Object.keys(m).sort().join(' '))"], project),
      'import',
    )
      .stdout.trim()
      .split(' ')
    expect(names).toEqual(
      expect.arrayContaining(['AsapTokenError', 'assertAsapToken', 'checks', 'diagnoseHar', 'diagnoseToken', 'renderReport', 'usersFromContactsExport']),
    )
    const deep = run('node', ['--input-type=module', '-e', "await import('asap-doctor/dist/core/report.js')"], project)
    expect(deep.stderr).toContain('ERR_PACKAGE_PATH_NOT_EXPORTED')
    const schema = ok(
      run(
        'node',
        [
          '--input-type=module',
          '-e',
          "import { createRequire } from 'node:module'; console.log(createRequire(import.meta.url)('asap-doctor/schema/report.schema.json').title)",
        ],
        project,
      ),
      'schema',
    ).stdout
    expect(schema).toContain('schemaVersion 1')
  }, 60_000)

  it('every example of docs/api.md type-checks against the declarations and runs; assertAsapToken fails tests in vitest and node:test', () => {
    const examples = docExamples()
    expect(examples.length).toBeGreaterThanOrEqual(6)
    mkdirSync(join(project, 'examples'), { recursive: true })
    const files = examples.map((code, index) => {
      const kind = code.includes("from 'vitest'") ? 'vitest' : code.includes("from 'node:test'") ? 'node-test' : 'script'
      const file = `examples/example-${index}${kind === 'vitest' ? '.test' : kind === 'node-test' ? '.node-test' : ''}.ts`
      writeFileSync(join(project, file), code)
      return { file, kind, code }
    })
    expect(files.map((example) => example.kind)).toEqual(expect.arrayContaining(['script', 'vitest', 'node-test']))
    // Beside the documented (passing) tests, one that must fail: a rejected token fails the test with
    // the verdict and the failing checks as its message.
    const failing = [
      "import { readFileSync } from 'node:fs'",
      "import { assertAsapToken } from 'asap-doctor'",
      "const examples = 'node_modules/asap-doctor/fixtures/examples'",
      "const secret = readFileSync(`${examples}/asap-secret.txt`, 'utf8').replace(/\\n$/, '')",
      "const token = readFileSync(`${examples}/token-in-seconds.txt`, 'utf8').trim()",
      "test('a rejected token fails the test', async () => {",
      "  await assertAsapToken(token, { secret, now: '2026-11-21T06:00:00Z' })",
      '})',
      '',
    ]
    writeFileSync(join(project, 'examples/failing.test.ts'), [...failing.slice(0, 2), "import { test } from 'vitest'", ...failing.slice(2)].join('\n'))
    writeFileSync(join(project, 'examples/failing.node-test.ts'), [...failing.slice(0, 2), "import { test } from 'node:test'", ...failing.slice(2)].join('\n'))
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        // skipLibCheck: checking all of @types/node takes half a minute; attw (.ci/run) checks the declarations themselves.
        compilerOptions: {
          target: 'ES2023',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noUncheckedIndexedAccess: true,
          types: ['node'],
          outDir: 'out',
          rootDir: 'examples',
          skipLibCheck: true,
        },
        include: ['examples'],
      }),
    )
    ok(run('node', [TSC, '-p', 'tsconfig.json'], project), 'tsc on the docs/api.md examples')

    for (const { file, code } of files.filter((example) => example.kind === 'script')) {
      const result = run('node', [join('out', file.replace(/^examples\//, '').replace(/\.ts$/, '.js'))], project)
      expect(result.status, `${file} exited ${result.status}\n${code}\n${result.stdout}\n${result.stderr}`).toBe(0)
      expect(result.stderr, file).toBe('')
    }

    const vitest = run('node', [VITEST, 'run', '--root', project, '--reporter=json', '--outputFile=vitest.json', 'examples/'], project)
    const report: { testResults: Array<{ name: string; assertionResults: Array<{ title: string; status: string; failureMessages: string[] }> }> } = JSON.parse(
      readFileSync(join(project, 'vitest.json'), 'utf8'),
    )
    const outcomes = report.testResults.flatMap((result) => result.assertionResults.map((test) => ({ file: result.name, ...test })))
    expect(vitest.status).toBe(1)
    expect(outcomes.filter((test) => test.status === 'passed').map((test) => test.file.replace(/^.*\//, ''))).toEqual(
      files.filter((example) => example.kind === 'vitest').map((example) => example.file.replace(/^.*\//, '')),
    )
    const failed = outcomes.filter((test) => test.status === 'failed')
    expect(failed.map((test) => test.title)).toEqual(['a rejected token fails the test'])
    expect(failed[0]?.failureMessages.join('\n')).toContain('AsapTokenError: Zoho would reject this token: the time claims are in seconds')
    expect(failed[0]?.failureMessages.join('\n')).toContain('✗ time-units (fail, seconds-in-ms-claim)')

    const nodeTests = [...files.filter((example) => example.kind === 'node-test').map((example) => example.file), 'examples/failing.node-test.ts'].map((file) =>
      join('out', file.replace(/^examples\//, '').replace(/\.ts$/, '.js')),
    )
    const tap = run('node', ['--test', '--test-reporter=tap', ...nodeTests], project)
    expect(tap.status).toBe(1)
    expect(tap.stdout).toMatch(/^# pass 1$/m)
    expect(tap.stdout).toMatch(/^# fail 1$/m)
    expect(tap.stdout).toMatch(/^\s*not ok \d+ - a rejected token fails the test$/m)
    expect(tap.stdout).toContain('Zoho would reject this token: the time claims are in seconds')
  }, 180_000)
})
