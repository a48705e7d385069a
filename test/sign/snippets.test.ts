import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { SIGNING_SNIPPETS, SNIPPET_LANGUAGES } from '../../src/core/signing-snippets/index.js'
import { allChecks } from '../../src/checks/index.js'
import { COMMANDS } from '../../src/cli/options-table.js'
import { runCliInProcess } from '../helpers/run-cli.js'
import { TEST_SECRET } from '../helpers/tokens.js'

const SECRET_FILE = '--secret-file=fixtures/examples/asap-secret.txt'

/** verify --strict on a token a snippet printed, at the real clock (the snippets read it). */
async function verifyAll(token: string) {
  const run = await runCliInProcess(['verify', token, SECRET_FILE, '--now', String(Date.now()), '--format', 'json', '--strict'])
  const checks: Array<{ id: string; status: string; message: string }> = JSON.parse(run.stdout).subjects[0].checks
  return { exitCode: run.exitCode, notPassing: checks.filter((check) => check.status !== 'pass').map((check) => `${check.id}: ${check.message}`) }
}

/** Code lines without comments, to assert what a snippet does rather than what it warns about. */
function codeLines(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(/(\/\/|#(?!\[)).*$/, ''))
    .join('\n')
}

describe('sign --code snippets', () => {
  it('the --code choices are exactly the snippets there are', () => {
    const sign = COMMANDS.find((command) => command.name === 'sign')
    expect(sign?.options.find((option) => option.name === 'code')?.choices).toEqual(SNIPPET_LANGUAGES)
  })

  it('the fixes of the failing token checks point to a signer that exists', () => {
    const hints = allChecks.flatMap((check) => Object.values(check.messages).flatMap((message) => message.hints ?? []))
    const pointers = hints.flatMap((hint) => [...hint.matchAll(/sign --code (\w+)[^(]*\(also ([^)]+)\)/g)])
    expect(pointers.length).toBeGreaterThanOrEqual(5)
    for (const [, first, others] of pointers) expect([first, ...(others ?? '').split(', ')].sort()).toEqual([...SNIPPET_LANGUAGES].sort())
  })

  describe.each(Object.entries(SIGNING_SNIPPETS))('%s', (language, text) => {
    it('is printed as is by asap-doctor sign --code (golden)', async () => {
      const run = await runCliInProcess(['sign', '--code', language])
      expect(run).toMatchObject({ exitCode: 0, stderr: '' })
      expect(run.stdout).toBe(text)
      await expect(run.stdout).toMatchFileSnapshot(`./golden/${language}.txt`)
    })

    it('signs HS256 with the raw secret, in milliseconds, a 5-minute window, email trimmed and lower-cased, no library expiry', () => {
      const code = codeLines(text)
      expect(code).toMatch(/HS256|HmacSha256/)
      expect(code).toMatch(
        /Date\.now\(\)|time\.time\(\) \* 1000|microtime\(true\) \* 1000|currentTimeMillis\(\)|ToUnixTimeMilliseconds\(\)|UnixMilli\(\)|to_f \* 1000/,
      )
      expect(code).toMatch(/300_?000/)
      expect(code).toMatch(/email_verified.{0,6}(true|True)/)
      expect(code).toMatch(/trim|strip/i)
      expect(code).toMatch(/toLowerCase|lower\(\)|strtolower|ToLowerInvariant|ToLower|downcase/)
      expect(code).not.toMatch(
        /expiresIn|setExpirationTime|setIssuedAt|\.expiration\(|\.issuedAt\(|["']exp["']|\bexp:|["']iat["']|SecurityTokenDescriptor|base64/i,
      )
    })
  })

  it('the Node snippet (jose) runs and verify passes every token check on its token', async () => {
    const program = `${SIGNING_SNIPPETS.node}\nprocess.stdout.write(await signAsapToken(process.env.ASAP_JWT_SECRET, '  Jane.Doe@Example.com ', 'Jane', 'Doe'))\n`
    // -e with --input-type=module resolves 'jose' from the repository, where it is a devDependency.
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', program], { encoding: 'utf8', env: { ...process.env, ASAP_JWT_SECRET: TEST_SECRET } })
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    expect(run.stdout).toMatch(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/)
    expect(await verifyAll(run.stdout)).toEqual({ exitCode: 0, notPassing: [] })
  })

  const python = findPythonWithJwt()
  const pythonTitle =
    python === undefined
      ? 'the Python snippet (PyJWT): SKIPPED, no python with PyJWT found (apt-get install python3-jwt)'
      : `the Python snippet (PyJWT) runs under ${python} and verify passes every token check on its token`
  it.skipIf(python === undefined)(pythonTitle, async () => {
    const program = `${SIGNING_SNIPPETS.python}\nimport os, sys\nsys.stdout.write(sign_asap_token(os.environ["ASAP_JWT_SECRET"], "  Jane.Doe@Example.com ", "Jane", "Doe"))\n`
    const run = spawnSync(python ?? 'python3', ['-c', program], { encoding: 'utf8', env: { ...process.env, ASAP_JWT_SECRET: TEST_SECRET } })
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    expect(run.stdout).toMatch(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/)
    expect(await verifyAll(run.stdout)).toEqual({ exitCode: 0, notPassing: [] })
  })
})

/** Debian's python3-jwt lives in /usr/bin/python3; a pyenv python on PATH usually lacks it. */
function findPythonWithJwt(): string | undefined {
  for (const candidate of ['/usr/bin/python3', 'python3', 'python']) {
    const probe = spawnSync(candidate, ['-c', 'import jwt'], { stdio: 'ignore' })
    if (probe.status === 0) return candidate
  }
  return undefined
}
