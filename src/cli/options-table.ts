/**
 * The CLI's commands and options as data. One table feeds commander (help, errors, every command)
 * and the start-up fast path (`fast-parse.ts`), so the two can never disagree about a flag.
 */
export interface OptionSpec {
  /** Long name without dashes, kebab-case: `secret-file`. */
  readonly name: string
  /** Value placeholder for options that take one: `path`. Absent for booleans. */
  readonly value?: string
  readonly description: string
  readonly multiple?: boolean
  readonly choices?: readonly string[]
  readonly defaultValue?: string
}

export interface CommandSpec {
  readonly name: CommandName
  readonly description: string
  readonly argument?: { readonly name: string; readonly required: boolean; readonly variadic?: boolean; readonly description: string }
  readonly options: readonly OptionSpec[]
  /** Shown last in `--help`: 2–3 invocations, without the leading `asap-doctor `. */
  readonly examples?: readonly string[]
  /** The environment variables the command reads, named in `--help`. */
  readonly env?: readonly EnvSpec[]
}

export interface EnvSpec {
  readonly name: string
  readonly description: string
}

const secretEnv: EnvSpec = { name: 'ASAP_JWT_SECRET', description: 'the ASAP JWT secret, when none of --secret-file, --secret-stdin, --secret is given' }
const colorEnv: readonly EnvSpec[] = [
  { name: 'NO_COLOR', description: 'set and not empty: no colour (unless --color always)' },
  { name: 'FORCE_COLOR', description: 'colour even when stdout is not a terminal; 0: never' },
]
const githubEnv: EnvSpec = { name: 'GITHUB_STEP_SUMMARY', description: 'with --format github: a Markdown summary is appended to this file' }
const spinnerEnv: EnvSpec = { name: 'CI', description: 'set: no progress spinner on stderr' }
const onlineEnv: readonly EnvSpec[] = [
  { name: 'ZOHO_DESK_ACCESS_TOKEN', description: 'with --online: a Desk API access token (or the three below)' },
  { name: 'ZOHO_CLIENT_ID', description: 'with --online: OAuth client id, with ZOHO_CLIENT_SECRET and ZOHO_REFRESH_TOKEN' },
  { name: 'ZOHO_CLIENT_SECRET', description: 'with --online: OAuth client secret' },
  { name: 'ZOHO_REFRESH_TOKEN', description: 'with --online: OAuth refresh token (the config may rename all four)' },
]

/** `--json`, for the commands whose `--format` offers json. */
const jsonFlag: OptionSpec = { name: 'json', description: 'the same as --format json' }

export type CommandName = 'verify' | 'decode' | 'har' | 'record' | 'check' | 'endpoint' | 'checks' | 'explain' | 'sign' | 'scan'

const format = (formats: readonly string[]): OptionSpec => ({
  name: 'format',
  value: 'format',
  description: 'output format',
  choices: formats,
  defaultValue: 'human',
})

const reportOptions: readonly OptionSpec[] = [
  { name: 'strict', description: 'warnings fail too (exit 1)' },
  { name: 'only', value: 'ids', description: 'run only these check ids (comma-separated, repeatable)', multiple: true },
  { name: 'skip', value: 'ids', description: 'skip these check ids (comma-separated, repeatable)', multiple: true },
  { name: 'reveal', description: 'show token signatures (masked by default)' },
  { name: 'color', value: 'when', description: 'colour the human output', choices: ['auto', 'always', 'never'], defaultValue: 'auto' },
  { name: 'out', value: 'file', description: 'write the report to this file instead of stdout (e.g. with --format html)' },
]

const tokenInputOptions: readonly OptionSpec[] = [{ name: 'token-file', value: 'path', description: 'read the token from a file' }]

const secretOptions: readonly OptionSpec[] = [
  { name: 'secret-file', value: 'path', description: 'the ASAP JWT secret (one trailing newline is stripped)' },
  { name: 'secret-stdin', description: 'read the secret from stdin' },
  { name: 'secret', value: 'value', description: 'the secret itself (discouraged: shell history, process list)' },
  { name: 'alt-secret-file', value: 'path', description: 'a second candidate secret (Help Center secret, old secret)' },
]

const timeOptions: readonly OptionSpec[] = [
  { name: 'now', value: 'instant', description: 'evaluate time checks at this ISO-8601 instant or epoch ms' },
  { name: 'leeway', value: 'ms', description: 'clock tolerance for time checks, in ms (default 0)' },
]

const integrationOptions: readonly OptionSpec[] = [
  { name: 'config', value: 'path', description: 'the config file (default: ./asap-doctor.config.json when present)' },
  { name: 'org-id', value: 'id', description: 'the Desk orgId (as in the widget script src ?orgId=)' },
  { name: 'data-center', value: 'dc', description: 'us, eu, in, au, jp, ca, cn, sa, sg, ae or uk' },
  { name: 'allowed-domain', value: 'host', description: 'an allowed domain of the ASAP JWT settings (repeatable, at most five)', multiple: true },
  { name: 'app-id', value: 'id', description: 'the ASAP app id (as in the widget script src /asapApp/<id>)' },
  { name: 'page-url', value: 'url', description: 'a page where the widget runs, tested against the allowed domains' },
  { name: 'expect-email', value: 'address', description: 'the Help Center user the token should log in' },
  { name: 'users', value: 'file', description: 'a Zoho Desk contacts export (CSV or JSON) to check the user offline' },
  { name: 'online', description: 'look the user up with the Zoho Desk API (credentials from the environment)' },
  { name: 'desk-base-url', value: 'url', description: "Desk API base URL (default: the data centre's desk host; e.g. a proxy)" },
  { name: 'accounts-base-url', value: 'url', description: "Zoho accounts base URL for minting an access token (default: the data centre's)" },
]

const reportFormats = ['human', 'json', 'github', 'junit', 'html', 'markdown']

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'verify',
    description: 'decode, verify and explain one ASAP login token',
    argument: { name: 'token', required: false, description: 'the token, or - to read stdin (pasted junk around it is removed)' },
    options: [
      ...tokenInputOptions,
      ...secretOptions,
      ...timeOptions,
      { name: 'expect-email', value: 'address', description: 'the Help Center user the token should log in' },
      { name: 'exact', description: 'the input is the exact string handed to successCallback: any wrapping fails' },
      { name: 'batch', value: 'file', description: 'diagnose many tokens: one per line, or JSON Lines with --field (- for stdin); prints the causes counted' },
      { name: 'field', value: 'path', description: 'with --batch: the JSON Lines field holding the token (dotted path, e.g. req.jwt)' },
      { name: 'time-field', value: 'path', description: "with --batch --field: evaluate time checks at each record's timestamp (ISO-8601 or epoch ms)" },
      format([...reportFormats, 'jsonl']),
      jsonFlag,
      ...reportOptions,
    ],
    env: [secretEnv, ...colorEnv, githubEnv],
    examples: [
      'verify --token-file token.txt --secret-file asap-secret.txt',
      'verify - --exact --expect-email jane@example.com < token.txt',
      'verify "$TOKEN" --now 2026-11-21T09:30:00Z --json',
    ],
  },
  {
    name: 'har',
    description: 'find every ASAP login attempt in HAR files and say why each fell back to guest',
    argument: { name: 'file', required: true, variadic: true, description: 'HAR files exported from the browser (- for stdin)' },
    options: [
      ...secretOptions,
      { name: 'leeway', value: 'ms', description: 'clock tolerance for time checks, in ms (default 0)' },
      ...integrationOptions,
      { name: 'redact', value: 'out', description: 'write a copy safe to attach to a ticket (signatures, cookies, tokens removed)' },
      { name: 'redact-emails', description: 'with --redact: replace e-mail addresses by stable pseudonyms' },
      { name: 'tokens-only', description: 'only list the JWTs in the file (raw scan, fastest)' },
      format(reportFormats),
      jsonFlag,
      ...reportOptions,
    ],
    env: [secretEnv, ...onlineEnv, ...colorEnv, githubEnv, spinnerEnv],
    examples: [
      'har session.har --org-id 712340056 --data-center us --allowed-domain app.example.com --secret-file asap-secret.txt',
      'har session.har --users contacts-export.csv --format junit > asap-doctor.xml',
      'har session.har --redact session-safe.har',
    ],
  },
  {
    name: 'record',
    description: 'open the page in a real browser (Chromium), record the login, and diagnose it like har',
    argument: { name: 'url', required: false, description: 'the page that embeds the widget (default: record.url of the config)' },
    options: [
      { name: 'har-out', value: 'file', description: 'also write the recording as a HAR (redacted unless --no-redact)' },
      { name: 'no-redact', description: 'with --har-out: keep cookies, tokens and credentials in the HAR' },
      { name: 'timeout', value: 'duration', description: 'per page load, e.g. 30s (default), 1500ms, 2m' },
      { name: 'browser', value: 'path', description: 'Chromium or Chrome to drive (default: ASAP_DOCTOR_BROWSER, then the usual install paths)' },
      {
        name: 'browser-arg',
        value: 'arg',
        description: 'a browser flag, passed as it is (repeatable): --host-resolver-rules=…, --proxy-server=…',
        multiple: true,
      },
      { name: 'headed', description: 'show the browser window' },
      { name: 'cookie', value: 'NAME=ENV_VAR', description: "a cookie for the page's origin, its value read from ENV_VAR (repeatable)", multiple: true },
      { name: 'header', value: 'header', description: 'a header for requests to the page\'s origin only, "Name: value" (repeatable)', multiple: true },
      { name: 'storage-state', value: 'file', description: 'start from a Playwright storage-state file (cookies, localStorage)' },
      { name: 'repeat', value: 'n', description: 'load the page n times in one session (catches a token reused across loads)' },
      { name: 'wait-for-login', description: "wait for Zoho's remote/auth answer (up to --timeout), not for the network to go quiet" },
      { name: 'linger', value: 'duration', description: 'keep recording this long after the page settled, e.g. 3s (for a login the page starts later)' },
      ...secretOptions,
      { name: 'leeway', value: 'ms', description: 'clock tolerance for time checks, in ms (default 0)' },
      ...integrationOptions,
      format(reportFormats),
      jsonFlag,
      ...reportOptions,
    ],
    env: [
      secretEnv,
      { name: 'ASAP_DOCTOR_BROWSER', description: 'the Chromium or Chrome to drive, when --browser is not given' },
      { name: '<ENV_VAR>', description: 'each variable a --cookie NAME=ENV_VAR names (the cookie value)' },
      ...onlineEnv,
      ...colorEnv,
      githubEnv,
      spinnerEnv,
    ],
    examples: [
      'record https://app.example.com/help --cookie session=APP_SESSION --org-id 712340056 --allowed-domain app.example.com',
      'record https://app.example.com/help --har-out login.har --wait-for-login --secret-file asap-secret.txt',
      'record --config asap-doctor.config.json --repeat 2 --format junit',
    ],
  },
  {
    name: 'check',
    description: 'the CI smoke check: token endpoint, token, org, data centre, domains and user, from the config',
    options: [
      ...tokenInputOptions,
      ...secretOptions,
      ...timeOptions,
      ...integrationOptions,
      { name: 'header', value: 'header', description: 'a header for the token endpoint, "Name: value" (repeatable)', multiple: true },
      { name: 'cookie', value: 'cookie', description: 'a cookie for the token endpoint, "name=value" (repeatable)', multiple: true },
      { name: 'timeout', value: 'duration', description: 'deadline per call of the token endpoint (e.g. 5s; default 10s)' },
      format(reportFormats),
      jsonFlag,
      ...reportOptions,
    ],
    env: [
      secretEnv,
      ...onlineEnv,
      { name: '<NAME>', description: 'each variable the config names in tokenEndpoint.headers ({ "env": "<NAME>" })' },
      ...colorEnv,
      githubEnv,
    ],
    examples: [
      'check --config asap-doctor.config.json --format github',
      'check --org-id 712340056 --data-center eu --allowed-domain app.example.com --page-url https://app.example.com/',
      'check --token-file token.txt --secret-file asap-secret.txt --users contacts-export.csv --strict',
    ],
  },
  {
    name: 'endpoint',
    description: 'call your token endpoint (twice) and check what it returns',
    argument: { name: 'url', required: false, description: 'the endpoint getJwtTokenCallback fetches (default: tokenEndpoint.url of the config)' },
    options: [
      { name: 'method', value: 'method', description: 'GET or POST (default: the config, else GET)' },
      { name: 'header', value: 'header', description: 'a request header, "Name: value" (repeatable)', multiple: true },
      { name: 'cookie', value: 'cookie', description: 'a cookie, "name=value" (repeatable)', multiple: true },
      { name: 'body', value: 'body', description: 'a request body (with POST)' },
      { name: 'timeout', value: 'duration', description: 'deadline per call of the token endpoint (e.g. 5s; default 10s)' },
      ...secretOptions,
      ...timeOptions,
      ...integrationOptions,
      format(reportFormats),
      jsonFlag,
      ...reportOptions,
    ],
    env: [
      secretEnv,
      { name: '<NAME>', description: 'each variable the config names in tokenEndpoint.headers ({ "env": "<NAME>" })' },
      ...onlineEnv,
      ...colorEnv,
      githubEnv,
      spinnerEnv,
    ],
    examples: [
      'endpoint https://app.example.com/api/zoho-token --cookie "session=…" --secret-file asap-secret.txt',
      'endpoint --config asap-doctor.config.json --json',
    ],
  },
  {
    name: 'sign',
    description: 'print a known-good ASAP token (or, with --code, a signing function for your backend)',
    options: [
      { name: 'email', value: 'address', description: 'the Help Center user (trimmed and lower-cased unless --keep-email-as-is)' },
      { name: 'first-name', value: 'name', description: 'first_name claim' },
      { name: 'last-name', value: 'name', description: 'last_name claim' },
      { name: 'window', value: 'ms', description: 'validity window in ms (default 300000, at most 600000)' },
      { name: 'not-before', value: 'instant', description: 'start of the window, ISO-8601 or epoch ms (default: now)' },
      { name: 'now', value: 'instant', description: 'the current time, ISO-8601 or epoch ms' },
      { name: 'keep-email-as-is', description: 'write the email exactly as given' },
      ...secretOptions.filter((option) => option.name !== 'alt-secret-file'),
      { name: 'code', value: 'language', description: 'print a signing function instead', choices: ['node', 'python', 'php', 'java', 'csharp', 'go', 'ruby'] },
    ],
    env: [secretEnv],
    examples: [
      'sign --email jane@example.com --secret-file asap-secret.txt',
      'verify "$(asap-doctor sign --email jane@example.com --secret-file asap-secret.txt)" --secret-file asap-secret.txt',
      'sign --code python',
    ],
  },
  {
    name: 'decode',
    description: 'show header and payload with readable times (no verdict)',
    argument: { name: 'token', required: false, description: 'the token, or - to read stdin' },
    options: [
      ...tokenInputOptions,
      { name: 'now', value: 'instant', description: 'relative times against this ISO-8601 instant or epoch ms' },
      { name: 'reveal', description: 'show the signature' },
      format(['human', 'json', 'html', 'markdown']),
      jsonFlag,
      { name: 'out', value: 'file', description: 'write the output to this file instead of stdout' },
    ],
    env: [],
    examples: ['decode --token-file token.txt', 'decode "$TOKEN" --now 2026-11-21T09:30:00Z --json'],
  },
  {
    name: 'checks',
    description: 'list every check and scan rule with its id, severity and title',
    options: [format(['human', 'json']), jsonFlag],
    env: [],
    examples: ['checks', 'checks --json'],
  },
  {
    name: 'explain',
    description: "print a check's documentation",
    argument: { name: 'check-id', required: true, description: 'a check id, as listed by asap-doctor checks' },
    options: [],
    env: [],
    examples: ['explain time-units', 'explain signature | less'],
  },
  {
    name: 'scan',
    description: "find the integration's mistakes in source code: the page that calls the widget and the code that signs the token",
    argument: { name: 'paths', required: false, variadic: true, description: 'files or directories to scan (default: .)' },
    options: [
      { name: 'include', value: 'glob', description: 'scan only paths matching this glob (repeatable)', multiple: true },
      { name: 'exclude', value: 'glob', description: 'skip paths matching this glob (repeatable)', multiple: true },
      {
        name: 'config',
        value: 'path',
        description: 'the config file whose orgId, dataCenter and appId the snippet must match (default: ./asap-doctor.config.json when present)',
      },
      { name: 'org-id', value: 'id', description: 'the Desk orgId, compared with the widget snippet' },
      { name: 'data-center', value: 'dc', description: 'the data centre (us, eu, in, …), compared with the widget snippet' },
      { name: 'app-id', value: 'id', description: 'the ASAP app id, compared with the widget snippet' },
      { name: 'url', value: 'url', description: 'online: fetch this page and the scripts it loads from its own origin, and scan them (with its CSP header)' },
      { name: 'timeout', value: 'duration', description: 'with --url: deadline per request (e.g. 5s; default 10s)' },
      format(['human', 'json', 'github', 'sarif', 'html', 'markdown']),
      jsonFlag,
      { name: 'out', value: 'file', description: 'write the report to this file instead of stdout (e.g. with --format html)' },
      { name: 'strict', description: 'warnings fail too (exit 1)' },
      { name: 'only', value: 'ids', description: 'run only these rule ids (comma-separated, repeatable)', multiple: true },
      { name: 'skip', value: 'ids', description: 'skip these rule ids (comma-separated, repeatable)', multiple: true },
      { name: 'color', value: 'when', description: 'colour the human output', choices: ['auto', 'always', 'never'], defaultValue: 'auto' },
    ],
    env: [...colorEnv, githubEnv],
    examples: [
      'scan src public --format sarif > asap.sarif',
      'scan --exclude "**/*.test.ts" --strict',
      'scan --url https://www.example.com/help --format html --out scan.html',
    ],
  },
]

/** `secret-file` → `secretFile`, the key commander and the fast path both use. */
export function optionKey(name: string): string {
  return name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase())
}
