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
}

export type CommandName = 'verify' | 'decode' | 'har' | 'check' | 'endpoint' | 'checks' | 'explain' | 'sign'

const format = (formats: readonly string[]): OptionSpec => ({ name: 'format', value: 'format', description: 'output format', choices: formats, defaultValue: 'human' })

const reportOptions: readonly OptionSpec[] = [
  { name: 'strict', description: 'warnings fail too (exit 1)' },
  { name: 'only', value: 'ids', description: 'run only these check ids (comma-separated, repeatable)', multiple: true },
  { name: 'skip', value: 'ids', description: 'skip these check ids (comma-separated, repeatable)', multiple: true },
  { name: 'reveal', description: 'show token signatures (masked by default)' },
  { name: 'color', value: 'when', description: 'colour the human output', choices: ['auto', 'always', 'never'], defaultValue: 'auto' },
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
  { name: 'desk-base-url', value: 'url', description: 'Desk API base URL (default: the data centre\'s desk host; e.g. a proxy)' },
  { name: 'accounts-base-url', value: 'url', description: 'Zoho accounts base URL for minting an access token (default: the data centre\'s)' },
]

const reportFormats = ['human', 'json', 'github', 'junit']

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
      ...reportOptions,
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
      ...reportOptions,
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
      ...reportOptions,
    ],
  },
  {
    name: 'endpoint',
    description: "call your token endpoint (twice) and check what it returns",
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
      ...reportOptions,
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
  },
  {
    name: 'decode',
    description: 'show header and payload with readable times (no verdict)',
    argument: { name: 'token', required: false, description: 'the token, or - to read stdin' },
    options: [
      ...tokenInputOptions,
      { name: 'now', value: 'instant', description: 'relative times against this ISO-8601 instant or epoch ms' },
      { name: 'reveal', description: 'show the signature' },
      format(['human', 'json']),
    ],
  },
  { name: 'checks', description: 'list every check with its id, severity and title', options: [format(['human', 'json'])] },
  {
    name: 'explain',
    description: "print a check's documentation",
    argument: { name: 'check-id', required: true, description: 'a check id, as listed by asap-doctor checks' },
    options: [],
  },
]

/** `secret-file` → `secretFile`, the key commander and the fast path both use. */
export function optionKey(name: string): string {
  return name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase())
}
