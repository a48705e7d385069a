/** One hand-built HAR 1.2 entry (the shape Firefox writes): what a test needs, everything else neutral. */
export interface EntrySpec {
  /** Milliseconds after `t0`. */
  at: number
  method?: string
  url: string
  headers?: Record<string, string>
  body?: { mimeType: string; text?: string; params?: Array<{ name: string; value: string }> }
  status?: number
  response?: string
  mimeType?: string
  time?: number
}

export function harEntry(spec: EntrySpec, t0: number) {
  const url = new URL(spec.url)
  return {
    pageref: 'page_1',
    startedDateTime: new Date(t0 + spec.at).toISOString(),
    time: spec.time ?? 20,
    request: {
      method: spec.method ?? 'GET',
      url: spec.url,
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: Object.entries(spec.headers ?? {}).map(([name, value]) => ({ name, value })),
      queryString: [...url.searchParams].map(([name, value]) => ({ name, value })),
      ...(spec.body === undefined ? {} : { postData: spec.body }),
      headersSize: -1,
      bodySize: -1,
    },
    response: {
      status: spec.status ?? 200,
      statusText: '',
      httpVersion: 'HTTP/1.1',
      cookies: [],
      headers: [],
      content: { size: (spec.response ?? '').length, mimeType: spec.mimeType ?? 'application/json', text: spec.response ?? '' },
      redirectURL: '',
      headersSize: -1,
      bodySize: -1,
    },
    cache: {},
    timings: { send: 0, wait: 10, receive: 0 },
  }
}

/** A whole HAR document of these entries, with one page, as JSON text. */
export function harText(entries: readonly EntrySpec[], t0: number): string {
  const pages = [{ startedDateTime: new Date(t0).toISOString(), id: 'page_1', title: 'Support', pageTimings: {} }]
  return JSON.stringify(
    { log: { version: '1.2', creator: { name: 'Firefox', version: '145.0' }, pages, entries: entries.map((spec) => harEntry(spec, t0)) } },
    null,
    2,
  )
}
