/** Zoho data-centre ids, lower-case as Zoho's mobile SDKs spell them (`"us"`, `"eu"`, …). */
export type DataCenterId = 'us' | 'eu' | 'in' | 'au' | 'jp' | 'ca' | 'cn' | 'sa' | 'sg' | 'ae' | 'uk'

/** Which host of a data centre a fact is about. */
export type DataCenterHostRole = 'desk' | 'accounts' | 'portal-accounts'

/** One Zoho data centre: where Desk, OAuth (agents, API clients) and portal sign-in (end users) live. */
export interface DataCenter {
  readonly id: DataCenterId
  readonly name: string
  /** Desk UI, REST API (`/api/v1`) and the ASAP script (`/portal/api/web/asapApp/…`). */
  readonly deskHost: string
  /** OAuth for API clients: `POST https://{accountsHost}/oauth/v2/token`. */
  readonly accountsHost: string
  /** End-user (portal) IAM, where ASAP's `…/oauth/v2/remote/auth` call is expected to go. */
  readonly portalAccountsHost: string
  /** Registrable domains whose hosts belong to this data centre (`desk.zoho.eu` → `zoho.eu`). */
  readonly domains: readonly string[]
  /** Hosts in this entry that no source confirms; inferred from the naming pattern. */
  readonly unconfirmed: readonly DataCenterHostRole[]
}

/** All data centres in a stable order (US first, as Zoho lists them). */
export const DATA_CENTER_IDS: readonly DataCenterId[] = ['us', 'eu', 'in', 'au', 'jp', 'ca', 'cn', 'sa', 'sg', 'ae', 'uk']

/**
 * The data-centre table. Desk and accounts hosts for us…ae come from a live-verified third-party table
 * cross-checked with Zoho's multi-DC OAuth doc (facts §3.2). Portal hosts for us, eu, in, au, jp and cn
 * appear in Zoho's own PhoneBridge client code; the rest follow the `accounts.zohoportal.<tld>` pattern
 * and are listed in `unconfirmed`.
 */
export const DATA_CENTERS: Readonly<Record<DataCenterId, DataCenter>> = {
  us: dc('us', 'United States', 'zoho.com', []),
  eu: dc('eu', 'Europe', 'zoho.eu', []),
  in: dc('in', 'India', 'zoho.in', []),
  au: dc('au', 'Australia', 'zoho.com.au', []),
  jp: dc('jp', 'Japan', 'zoho.jp', []),
  // Canada is the exception: Desk and OAuth live under zohocloud.ca (accounts.zoho.ca does not connect).
  // The portal host is a guess: both accounts.zohoportal.ca and a zohocloud.ca host are plausible.
  ca: {
    id: 'ca',
    name: 'Canada',
    deskHost: 'desk.zohocloud.ca',
    accountsHost: 'accounts.zohocloud.ca',
    portalAccountsHost: 'accounts.zohoportal.ca',
    domains: ['zohocloud.ca', 'zohoportal.ca', 'zohopublic.ca'],
    unconfirmed: ['portal-accounts'],
  },
  cn: dc('cn', 'China', 'zoho.com.cn', []),
  sa: dc('sa', 'Saudi Arabia', 'zoho.sa', ['portal-accounts']),
  sg: dc('sg', 'Singapore', 'zoho.sg', ['portal-accounts']),
  ae: dc('ae', 'United Arab Emirates', 'zoho.ae', ['portal-accounts']),
  // Zoho's multi-DC doc lists a UK accounts server (URL truncated in the source); no Desk host is confirmed.
  uk: dc('uk', 'United Kingdom', 'zoho.uk', ['desk', 'accounts', 'portal-accounts']),
}

function dc(id: DataCenterId, name: string, zohoDomain: string, unconfirmed: readonly DataCenterHostRole[]): DataCenter {
  const tld = zohoDomain.slice('zoho.'.length)
  return {
    id,
    name,
    deskHost: `desk.${zohoDomain}`,
    accountsHost: `accounts.${zohoDomain}`,
    portalAccountsHost: `accounts.zohoportal.${tld}`,
    domains: [zohoDomain, `zohoportal.${tld}`, `zohopublic.${tld}`],
    unconfirmed,
  }
}

/** What a Zoho host is, as far as its name tells. */
export type ZohoHostRole = DataCenterHostRole | 'other'

/** A host recognised as belonging to one data centre. */
export interface ZohoHostInfo {
  readonly dataCenter: DataCenterId
  readonly role: ZohoHostRole
}

/**
 * Classifies a host (`desk.zoho.eu`, `ACCOUNTS.ZOHOPORTAL.COM:443`, `desk.zohocloud.ca`) by data centre
 * and role. Global hosts that serve every data centre (`static.zohocdn.com`, `js.zohostatic.com`),
 * help-center custom domains, `zoho.ca` (not a Desk data centre) and non-Zoho hosts give `undefined`.
 *
 * @example
 * classifyZohoHost('accounts.zohoportal.eu') // { dataCenter: 'eu', role: 'portal-accounts' }
 */
export function classifyZohoHost(host: string): ZohoHostInfo | undefined {
  const name = normalizeHost(host)
  let best: { center: DataCenter; domain: string } | undefined
  for (const id of DATA_CENTER_IDS) {
    const center = DATA_CENTERS[id]
    for (const domain of center.domains) {
      const matches = name === domain || name.endsWith(`.${domain}`)
      // Longest match wins, so desk.zoho.com.au is Australia and not a zoho.com host.
      if (matches && (best === undefined || domain.length > best.domain.length)) best = { center, domain }
    }
  }
  if (best === undefined) return undefined
  const { center } = best
  const role: ZohoHostRole =
    name === center.deskHost ? 'desk' : name === center.accountsHost ? 'accounts' : name === center.portalAccountsHost ? 'portal-accounts' : 'other'
  return { dataCenter: center.id, role }
}

/**
 * The data centre a Zoho host belongs to, or `undefined` for global, custom-domain and non-Zoho hosts.
 *
 * @example
 * dataCenterOfHost('desk.zohocloud.ca') // 'ca'
 * dataCenterOfHost('support.example.com') // undefined
 */
export function dataCenterOfHost(host: string): DataCenterId | undefined {
  return classifyZohoHost(host)?.dataCenter
}

/** Whether a string is one of the data-centre ids (for flag and config validation). */
export function isDataCenterId(value: string): value is DataCenterId {
  return DATA_CENTER_IDS.some((id) => id === value)
}

function normalizeHost(host: string): string {
  let name = host.trim().toLowerCase()
  if (name.includes('://')) {
    try {
      name = new URL(name).hostname
    } catch {
      return name
    }
  }
  name = name.replace(/:\d+$/, '')
  return name.endsWith('.') ? name.slice(0, -1) : name
}
