import type { TokenEndpointConfig } from '../../config/config.js'
import { InputError } from '../../core/errors.js'
import type { HttpMethod } from '../../net/http-client.js'
import type { CliIO } from '../cli-io.js'
import { optList, optString, type ParsedOptions } from '../common-options.js'

export interface EndpointRequest {
  readonly url: string
  readonly method: HttpMethod
  readonly headers: Record<string, string>
  readonly body?: string
  /** Header values that are credentials (cookies, Authorization), to keep out of every output. */
  readonly secrets: readonly string[]
}

/** The token endpoint request from flags over config; header values from the environment where the config says so. */
export function endpointRequest(
  argument: string | undefined,
  options: ParsedOptions,
  configured: TokenEndpointConfig | undefined,
  io: CliIO,
): EndpointRequest | undefined {
  const url = argument ?? configured?.url
  if (url === undefined) return undefined
  try {
    const parsed = new URL(url)
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new Error('not http')
  } catch {
    throw new InputError('ERR_USAGE', `the token endpoint ${JSON.stringify(url)} is not an http(s) URL`)
  }
  const method = (optString(options, 'method') ?? configured?.method ?? 'GET').toUpperCase()
  if (method !== 'GET' && method !== 'POST') throw new InputError('ERR_USAGE', `--method ${method}: use GET or POST`)
  const headers: Record<string, string> = {}
  const secrets: string[] = []
  for (const [name, value] of Object.entries(configured?.headers ?? {})) {
    if (typeof value === 'string') headers[name] = value
    else {
      const fromEnv = io.env[value.env]
      if (fromEnv === undefined || fromEnv === '')
        throw new InputError('ERR_USAGE', `tokenEndpoint.headers.${name}: the environment variable ${value.env} is not set`)
      headers[name] = fromEnv
      secrets.push(fromEnv)
    }
  }
  for (const header of optList(options, 'header') ?? []) {
    const colon = header.indexOf(':')
    if (colon <= 0) throw new InputError('ERR_USAGE', `--header ${JSON.stringify(header.slice(0, 40))}: write "Name: value"`)
    const value = header.slice(colon + 1).trim()
    headers[header.slice(0, colon).trim()] = value
    secrets.push(value)
  }
  const cookies = optList(options, 'cookie') ?? []
  if (cookies.length > 0) {
    headers.cookie = [headers.cookie, ...cookies].filter((part) => part !== undefined && part !== '').join('; ')
    secrets.push(...cookies.map((cookie) => cookie.slice(cookie.indexOf('=') + 1)))
  }
  const body = optString(options, 'body') ?? configured?.body
  return { url, method, headers, body, secrets: secrets.filter((secret) => secret.length >= 6) }
}
