/** Types for scripts/cdp-to-har.mjs (used by its tests). */
export interface CdpEvent {
  method: string
  params: Record<string, unknown>
}
export interface CdpBody {
  body: string
  base64Encoded: boolean
}
interface NameValue {
  name: string
  value: string
}
export interface ConvertedEntry {
  startedDateTime: string
  time: number
  request: { method: string; url: string; httpVersion: string; headers: NameValue[]; queryString: NameValue[]; cookies: NameValue[] }
  response: {
    status: number
    httpVersion: string
    headers: NameValue[]
    cookies: Array<Record<string, unknown>>
    content: { mimeType: string; size: number; text?: string; encoding?: string }
  }
  timings: Record<string, number>
  _initiator?: string
  _initiator_detail: string
  _initiator_type: string
  _initiator_function_name?: string
  _resourceType: string
}
export function cdpToHar(
  events: readonly CdpEvent[],
  opts: { bodies: Map<string, CdpBody>; browserVersion?: string },
): { log: { version: string; creator: Record<string, unknown>; pages: Array<Record<string, unknown>>; entries: ConvertedEntry[] } }
