import { allChecks, endpointChecks, integrationChecks, tokenChecks, userChecks } from '../../checks/index.js'
import type { Check } from '../../core/define-check.js'
import { diagnoseToken, diagnoseWithoutToken } from '../../core/diagnose-token.js'
import { InputError } from '../../core/errors.js'
import { buildReport, type SubjectReport } from '../../core/report.js'
import { parseDuration } from '../../core/time.js'
import type { EndpointFacts, IntegrationFacts } from '../../core/types.js'
import { probeEndpoint } from '../../endpoint/probe-endpoint.js'
import type { CliIO } from '../cli-io.js'
import { optFlag, optList, optString, type ParsedOptions, selectChecks } from '../common-options.js'
import { endpointRequest, type EndpointRequest } from '../io/endpoint-request.js'
import { setUpIntegration, type IntegrationSetup } from '../io/integration-setup.js'
import { writeReport } from '../output.js'
import { toolVersion } from '../package-root.js'
import { withSpinner } from '../spinner.js'
import { endpointVerdict } from '../../verdict/verdict.js'

/** `asap-doctor endpoint [url]`: call the customer's token endpoint and check what it returns. */
export async function endpointCommand(argument: string | undefined, options: ParsedOptions, io: CliIO): Promise<number> {
  const setup = await setUpIntegration(options, io, false)
  try {
    const request = endpointRequest(argument, options, setup.config.tokenEndpoint, io)
    if (request === undefined) throw new InputError('ERR_USAGE', 'no token endpoint: pass its URL, or set tokenEndpoint.url in asap-doctor.config.json')
    const checks = selectChecks(
      [...endpointChecks, ...tokenChecks, ...integrationChecks, ...userChecks],
      optList(options, 'only'),
      optList(options, 'skip'),
      allChecks,
    )
    const now = io.now()
    const { subject, tokens } = await diagnoseEndpoint(request, setup, checks, options, io)
    const report = buildReport({ toolVersion: toolVersion(), command: 'endpoint', now, subjects: [subject], strict: setup.strict })
    return await writeReport(report, optString(options, 'format') ?? 'human', optString(options, 'color'), io, tokens, request.secrets)
  } finally {
    await setup.close()
  }
}

/** Probes the endpoint and runs the checks on what it returned. Shared with `check`. */
export async function diagnoseEndpoint(
  request: EndpointRequest,
  setup: IntegrationSetup,
  checks: readonly Check[],
  options: ParsedOptions,
  io: CliIO,
): Promise<{ subject: SubjectReport; tokens: string[] }> {
  const timeoutText = optString(options, 'timeout')
  const timeoutMs = timeoutText === undefined ? undefined : parseDuration(timeoutText)
  if (timeoutText !== undefined && timeoutMs === undefined)
    throw new InputError('ERR_USAGE', `--timeout ${JSON.stringify(timeoutText)}: give a duration such as 5s, 500ms or 10000`)
  const { createUndiciHttpClient } = await import('../../net/undici-client.js')
  const http = createUndiciHttpClient()
  let facts: EndpointFacts
  try {
    facts = await withSpinner(io, `Calling ${new URL(request.url).host} twice…`, () =>
      probeEndpoint({ http, url: request.url, method: request.method, headers: request.headers, body: request.body, now: io.now, timeoutMs }),
    )
  } finally {
    await http.close()
  }
  const tokens = facts.calls.flatMap((call) => (call.token === undefined ? [] : [call.token]))
  const source = { kind: 'endpoint' as const, ref: request.url }
  const integration = integrationFacts(setup)
  const common = {
    source,
    checks,
    now: io.now(),
    leewayMs: setup.leewayMs,
    secrets: setup.secrets,
    notes: [...setup.notes, `${request.method} ${request.url} was called ${facts.calls.length} time${facts.calls.length === 1 ? '' : 's'}.`],
    integration,
    endpoint: facts,
    users: setup.users,
    expectEmail: setup.expectEmail,
    partial: isPartial(options),
  }
  const first = tokens[0]
  const subject =
    first === undefined
      ? await diagnoseWithoutToken(common, endpointVerdict)
      : await diagnoseToken({ ...common, input: first, reveal: optFlag(options, 'reveal') })
  return { subject, tokens }
}

/** The configured facts plus the page host of `pageUrl`, for the allowed-domain check. */
export function integrationFacts(setup: IntegrationSetup): IntegrationFacts {
  const page = setup.pageUrl === undefined ? undefined : new URL(setup.pageUrl)
  return {
    ...(page === undefined ? {} : { pageHost: page.hostname, pageOrigin: page.origin }),
    deskApiHost: setup.deskApiHost,
    configured: setup.configured,
  }
}

/** --only/--skip narrowed the checks, so a verdict must not claim more than was checked. */
export function isPartial(options: ParsedOptions): boolean {
  return optList(options, 'only') !== undefined || optList(options, 'skip') !== undefined
}
