import { existsSync, readFileSync } from 'node:fs'
import { isAbsolute, resolve } from 'node:path'
import { CONFIG_FILE_NAME, parseConfig, type AsapDoctorConfig } from '../../config/config.js'
import { ConfigError, InputError } from '../../core/errors.js'
import { memoizeDirectory } from '../../core/memoize-directory.js'
import type { IntegrationFacts, SecretCandidate, UserDirectory } from '../../core/types.js'
import { DATA_CENTERS, isDataCenterId, type DataCenterId } from '../../desk/data-centers.js'
import type { CliIO } from '../cli-io.js'
import { optFlag, optList, optString, resolveLeeway, type ParsedOptions } from '../common-options.js'
import { readSecrets, secretOptionsFrom } from './read-secrets.js'
import { readTextFile } from './read-text.js'

/** Everything the integration commands (har, check, endpoint) share, flags over config. */
export interface IntegrationSetup {
  readonly config: AsapDoctorConfig
  readonly configPath?: string
  readonly configured: IntegrationFacts['configured']
  readonly pageUrl?: string
  readonly expectEmail?: string
  readonly secrets: readonly SecretCandidate[]
  readonly users?: UserDirectory
  /** Set when the online lookup talks to a Desk host: for the data-center check. */
  readonly deskApiHost?: string
  readonly leewayMs: number
  readonly strict: boolean
  readonly notes: readonly string[]
  /** Releases sockets of the online lookup, if any. */
  close(): Promise<void>
}

export async function setUpIntegration(options: ParsedOptions, io: CliIO, stdinTaken: boolean): Promise<IntegrationSetup> {
  const { config, path: configPath } = loadConfig(optString(options, 'config'), io)
  const notes: string[] = configPath === undefined ? [] : [`Configuration from ${configPath}.`]

  const dataCenterFlag = optString(options, 'dataCenter')
  if (dataCenterFlag !== undefined && !isDataCenterId(dataCenterFlag)) {
    throw new InputError('ERR_USAGE', `--data-center "${dataCenterFlag}" is not a data centre (us, eu, in, au, jp, ca, cn, sa, sg, ae, uk)`)
  }
  const orgIdFlag = optString(options, 'orgId')
  if (orgIdFlag !== undefined && !/^\d{3,24}$/.test(orgIdFlag)) throw new InputError('ERR_USAGE', `--org-id "${orgIdFlag}" is not a numeric org id`)
  const dataCenter: DataCenterId | undefined = dataCenterFlag ?? config.dataCenter
  const orgId = orgIdFlag ?? config.orgId
  const allowedDomains = optList(options, 'allowedDomain') ?? config.allowedDomains
  const appId = optString(options, 'appId') ?? config.appId
  const pageUrl = optString(options, 'pageUrl') ?? config.pageUrl
  const expectEmail = optString(options, 'expectEmail') ?? config.expectEmail
  const leeway = optString(options, 'leeway')
  const leewayMs = leeway === undefined ? (config.leewayMs ?? 0) : resolveLeeway(leeway)

  const secretsRead = await readSecrets(
    secretOptionsFrom(options),
    io,
    stdinTaken,
    config.secret === undefined ? undefined : { ...config.secret, baseDir: configDir(configPath, io) },
  )
  for (const warning of secretsRead.warnings) io.stderr(`asap-doctor: warning: ${warning}\n`)
  notes.push(...secretsRead.notes)

  let users: UserDirectory | undefined
  let deskApiHost: string | undefined
  let close = async (): Promise<void> => {}
  const usersFile = optString(options, 'users') ?? (config.users === undefined ? undefined : resolve(configDir(configPath, io), config.users))
  const online = optFlag(options, 'online') || config.desk?.online === true
  if (usersFile !== undefined && online) throw new InputError('ERR_USAGE', 'give either --users FILE or --online, not both')
  if (usersFile !== undefined) {
    const { createFileUserDirectory } = await import('../../desk/users-file.js')
    users = createFileUserDirectory(await readTextFile(usersFile, io.cwd, 'users file'), usersFile)
  } else if (online) {
    const desk = await onlineDirectory(options, config, io, orgId, dataCenter)
    users = desk.users
    deskApiHost = desk.host
    close = desk.close
    notes.push(`User lookup online: ${desk.users.description}.`)
  }

  return {
    config,
    configPath,
    configured: {
      orgId,
      dataCenter,
      allowedDomains,
      appId,
    },
    pageUrl,
    expectEmail,
    secrets: secretsRead.secrets,
    ...(users === undefined ? {} : { users: memoizeDirectory(users) }),
    deskApiHost,
    leewayMs,
    strict: optFlag(options, 'strict') || config.strict === true,
    notes,
    close,
  }
}

/** Reads `--config PATH`, or `./asap-doctor.config.json` when it exists. Bad config: exit 2 with the path of the bad value. */
export function loadConfig(path: string | undefined, io: CliIO): { config: AsapDoctorConfig; path?: string } {
  const candidate = path ?? (existsSync(resolve(io.cwd, CONFIG_FILE_NAME)) ? CONFIG_FILE_NAME : undefined)
  if (candidate === undefined) return { config: {} }
  const full = isAbsolute(candidate) ? candidate : resolve(io.cwd, candidate)
  let text: string
  try {
    text = readFileSync(full, 'utf8')
  } catch (error) {
    throw new InputError(
      'ERR_FILE',
      `cannot read config ${candidate}: ${error instanceof Error && 'code' in error && error.code === 'ENOENT' ? 'no such file' : 'unreadable'}`,
      { cause: error },
    )
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch (error) {
    throw new ConfigError('', `not valid JSON: ${error instanceof Error ? error.message : String(error)}`, { file: candidate })
  }
  try {
    return { config: parseConfig(parsed), path: candidate }
  } catch (error) {
    if (error instanceof ConfigError) throw new ConfigError(error.path, error.detail, { file: candidate, cause: error })
    throw error
  }
}

async function onlineDirectory(
  options: ParsedOptions,
  config: AsapDoctorConfig,
  io: CliIO,
  orgId: string | undefined,
  dataCenter: DataCenterId | undefined,
): Promise<{ users: UserDirectory; host: string; close: () => Promise<void> }> {
  if (orgId === undefined) throw new InputError('ERR_USAGE', '--online needs the org id: --org-id or "orgId" in the config')
  const center = DATA_CENTERS[dataCenter ?? 'us']
  const deskBaseUrl = optString(options, 'deskBaseUrl') ?? config.desk?.baseUrl ?? `https://${center.deskHost}`
  const accountsBaseUrl = optString(options, 'accountsBaseUrl') ?? config.desk?.accountsBaseUrl ?? `https://${center.accountsHost}`
  const names = {
    accessToken: config.desk?.accessTokenEnv ?? 'ZOHO_DESK_ACCESS_TOKEN',
    clientId: config.desk?.clientIdEnv ?? 'ZOHO_CLIENT_ID',
    clientSecret: config.desk?.clientSecretEnv ?? 'ZOHO_CLIENT_SECRET',
    refreshToken: config.desk?.refreshTokenEnv ?? 'ZOHO_REFRESH_TOKEN',
  }
  const env = (name: string) => {
    const value = io.env[name]
    return value === undefined || value.trim() === '' ? undefined : value.trim()
  }
  const accessToken = env(names.accessToken)
  const clientId = env(names.clientId)
  const clientSecret = env(names.clientSecret)
  const refreshToken = env(names.refreshToken)
  const auth =
    accessToken !== undefined
      ? { kind: 'access-token' as const, accessToken }
      : clientId !== undefined && clientSecret !== undefined && refreshToken !== undefined
        ? { kind: 'refresh-token' as const, accountsBaseUrl, clientId, clientSecret, refreshToken }
        : undefined
  if (auth === undefined) {
    throw new InputError(
      'ERR_USAGE',
      `--online needs Desk API credentials in the environment: ${names.accessToken}, or ${names.clientId}, ${names.clientSecret} and ${names.refreshToken}`,
    )
  }
  const [{ createUndiciHttpClient }, { createDeskUserDirectory }] = await Promise.all([
    import('../../net/undici-client.js'),
    import('../../desk/desk-user-directory.js'),
  ])
  const http = createUndiciHttpClient()
  const users = createDeskUserDirectory({ http, deskBaseUrl, orgId, auth })
  return { users, host: new URL(deskBaseUrl).hostname, close: () => http.close() }
}

function configDir(configPath: string | undefined, io: CliIO): string {
  if (configPath === undefined) return io.cwd
  const full = isAbsolute(configPath) ? configPath : resolve(io.cwd, configPath)
  return resolve(full, '..')
}
