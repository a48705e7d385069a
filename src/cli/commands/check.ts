import { allChecks, endpointChecks, integrationChecks, tokenChecks, userChecks } from '../../checks/index.js'
import { diagnoseToken, diagnoseWithoutToken } from '../../core/diagnose-token.js'
import { InputError } from '../../core/errors.js'
import { buildReport, type SubjectReport } from '../../core/report.js'
import { extractToken } from '../../core/token/extract-token.js'
import type { CliIO } from '../cli-io.js'
import { optFlag, optList, optString, type ParsedOptions, resolveNow, selectChecks } from '../common-options.js'
import { endpointRequest } from '../io/endpoint-request.js'
import { setUpIntegration } from '../io/integration-setup.js'
import { readTokenInput } from '../io/read-token-input.js'
import { writeReport } from '../output.js'
import { toolVersion } from '../package-root.js'
import { configVerdict } from '../../verdict/verdict.js'
import { diagnoseEndpoint, integrationFacts, isPartial } from './endpoint.js'

/**
 * `asap-doctor check`: the CI smoke check. From the config (and flags): the token endpoint if
 * configured, or a token given with --token-file, then every token check, org, data centre,
 * domains, and the user when a directory is given. One report, one exit code.
 */
export async function checkCommand(options: ParsedOptions, io: CliIO): Promise<number> {
  const tokenFile = optString(options, 'tokenFile')
  const setup = await setUpIntegration(options, io, false)
  try {
    if (setup.configPath === undefined && !SUBJECT_OPTIONS.some((key) => options[key] !== undefined && options[key] !== false)) {
      throw new InputError(
        'ERR_USAGE',
        'nothing to check: no asap-doctor.config.json here, and no flags (pass --config PATH, or e.g. --org-id, --allowed-domain, --page-url, --token-file)',
      )
    }
    const partial = isPartial(options)
    const now = resolveNow(optString(options, 'now'), io)
    const select = (list: Parameters<typeof selectChecks>[0]) => selectChecks(list, optList(options, 'only'), optList(options, 'skip'), allChecks)
    const request = tokenFile === undefined ? endpointRequest(undefined, options, setup.config.tokenEndpoint, io) : undefined
    let subject: SubjectReport
    let masks: string[] = []
    if (request !== undefined) {
      const result = await diagnoseEndpoint(request, setup, select([...endpointChecks, ...tokenChecks, ...integrationChecks, ...userChecks]), options, io)
      subject = result.subject
      masks = result.tokens
    } else if (tokenFile !== undefined) {
      const input = await readTokenInput(undefined, tokenFile, io, false)
      masks = [extractToken(input.text).token]
      subject = await diagnoseToken({
        input: input.text,
        source: input.source,
        checks: select([...tokenChecks, ...integrationChecks, ...userChecks]),
        now,
        leewayMs: setup.leewayMs,
        secrets: setup.secrets,
        reveal: optFlag(options, 'reveal'),
        notes: [...setup.notes, ...input.notes],
        integration: integrationFacts(setup),
        users: setup.users,
        expectEmail: setup.expectEmail,
        partial,
      })
    } else {
      subject = await diagnoseWithoutToken(
        {
          source: { kind: 'config', ref: setup.configPath ?? 'command-line flags' },
          checks: select([...integrationChecks, ...userChecks]),
          now,
          secrets: setup.secrets,
          notes: [...setup.notes, 'No token endpoint and no token: checking the configuration and the user only (set tokenEndpoint, or pass --token-file).'],
          integration: integrationFacts(setup),
          users: setup.users,
          expectEmail: setup.expectEmail,
        },
        (checks) => configVerdict(checks, { partial }),
      )
    }
    // A `record` section in the config adds the page recorded in a real browser (asap-doctor record).
    // Only the report flags carry over: check's --cookie/--header are for the token endpoint, not the page.
    const recordOptions = { only: options.only, skip: options.skip, reveal: options.reveal }
    const recorded =
      setup.config.record?.url === undefined ? undefined : await (await import('./record.js')).recordSubjects(undefined, recordOptions, setup, io)
    const report = buildReport({ toolVersion: toolVersion(), command: 'check', now, subjects: [subject, ...(recorded?.subjects ?? [])], strict: setup.strict })
    return await writeReport(
      report,
      optString(options, 'format') ?? 'human',
      optString(options, 'color'),
      io,
      [...masks, ...(recorded?.masks ?? [])],
      [...(request?.secrets ?? []), ...(recorded?.scrub ?? [])],
    )
  } finally {
    await setup.close()
  }
}

/** Options that give `check` something to check; without one of them and without a config, exit 2. */
const SUBJECT_OPTIONS = ['tokenFile', 'orgId', 'dataCenter', 'allowedDomain', 'appId', 'pageUrl', 'expectEmail', 'users', 'online', 'header', 'cookie'] as const
