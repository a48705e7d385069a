// Converts Chrome DevTools Protocol network events into a HAR the way DevTools-protocol converters
// (chrome-har and its kin) write it, quirks included, so that the HAR reader keeps being tested on
// that shape and not only on Playwright's:
//   - request headers twice: the provisional set of Network.requestWillBeSent (`Referer`,
//     `User-Agent` capitalised) followed by the raw set of requestWillBeSentExtraInfo (lower case,
//     with the h2 pseudo-headers);
//   - httpVersion is the protocol name ("h2"), `_initiator*` fields, `_initiator_detail` a JSON
//     string with the JavaScript stack, `_resourceType`, `_priority`, `_requestId`;
//   - content.size counts the body twice (received data plus the decoded body);
//   - cookie `expires` is computed in seconds and then read as milliseconds (dates in 1970);
//   - response.cookies stays empty for cross-site responses although their set-cookie header is kept;
//   - timings: `connect` includes `ssl` (so `time` counts the TLS handshake twice).
// Redirects are not followed (the simulation's flows have none).

/** @param {Array<{method: string, params: any}>} events @param {{bodies: Map<string, {body: string, base64Encoded: boolean}>, browserVersion?: string}} opts */
export function cdpToHar(events, { bodies, browserVersion = '' }) {
  const byId = new Map()
  const get = (id) => {
    let r = byId.get(id)
    if (!r) {
      r = { id, dataLength: 0 }
      byId.set(id, r)
    }
    return r
  }
  let firstDoc
  let contentLoad
  let load
  for (const { method, params } of events) {
    switch (method) {
      case 'Network.requestWillBeSent': {
        const r = get(params.requestId)
        r.sent = params
        if (params.type === 'Document' && firstDoc === undefined) firstDoc = params
        break
      }
      case 'Network.requestWillBeSentExtraInfo':
        get(params.requestId).sentExtra = params
        break
      case 'Network.responseReceived':
        get(params.requestId).response = params
        break
      case 'Network.responseReceivedExtraInfo':
        get(params.requestId).responseExtra = params
        break
      case 'Network.dataReceived':
        get(params.requestId).dataLength += params.dataLength
        break
      case 'Network.loadingFinished':
        get(params.requestId).finished = params
        break
      case 'Page.domContentEventFired':
        contentLoad = params.timestamp
        break
      case 'Page.loadEventFired':
        load = params.timestamp
        break
      default:
        break
    }
  }

  const pageStart = firstDoc ? firstDoc.timestamp : 0
  const pages = firstDoc
    ? [
        {
          id: 'page_1',
          startedDateTime: new Date(firstDoc.wallTime * 1000).toISOString(),
          title: firstDoc.request.url,
          pageTimings: { onContentLoad: ms(contentLoad, pageStart), onLoad: ms(load, pageStart) },
        },
      ]
    : []

  const entries = []
  for (const r of byId.values()) {
    if (!r.sent || !r.response || !r.finished) continue
    entries.push(toEntry(r, bodies.get(r.id), firstDoc))
  }
  entries.sort((a, b) => Date.parse(a.startedDateTime) - Date.parse(b.startedDateTime))
  return {
    log: {
      version: '1.2',
      creator: { name: 'chrome-har', version: '1.3.1', comment: 'chrome-har-style conversion by asap-doctor scripts/cdp-to-har.mjs' },
      ...(browserVersion ? { browser: { name: 'Chrome', version: browserVersion } } : {}),
      pages,
      entries,
    },
  }
}

function toEntry(r, body, firstDoc) {
  const { sent, response: received, finished } = r
  const req = sent.request
  const res = received.response
  const url = new URL(req.url)
  const timing = res.timing
  const timings = timing ? toTimings(timing, finished.timestamp, sent.timestamp) : { blocked: -1, dns: -1, connect: -1, send: 0, wait: 0, receive: 0, ssl: -1 }
  const time = ['blocked', 'dns', 'connect', 'send', 'wait', 'receive', 'ssl'].reduce((sum, k) => sum + Math.max(0, timings[k]), 0)
  const rawRequestHeaders = r.sentExtra ? toList(r.sentExtra.headers) : []
  const responseHeaders = toList(r.responseExtra ? r.responseExtra.headers : res.headers)
  const bodyText = body ? body.body : ''
  const bodyLength = body ? (body.base64Encoded ? Buffer.from(body.body, 'base64').length : Buffer.byteLength(body.body)) : 0
  const postData = postDataOf(req)
  const initiator = sent.initiator ?? { type: 'other' }
  const top = initiator.stack?.callFrames?.[0]
  const pageHost = firstDoc ? new URL(firstDoc.request.url).hostname : ''
  const entry = {
    cache: {},
    startedDateTime: new Date(sent.wallTime * 1000).toISOString(),
    _requestId: r.id,
    _initialPriority: req.initialPriority,
    _priority: req.initialPriority,
    pageref: 'page_1',
    request: {
      method: req.method,
      url: req.url,
      queryString: [...url.searchParams].map(([name, value]) => ({ name, value })),
      headersSize: -1,
      bodySize: postData ? Buffer.byteLength(postData.text) : 0,
      cookies: (r.sentExtra?.associatedCookies ?? [])
        .filter((c) => (c.blockedReasons ?? []).length === 0)
        .map((c) => ({ name: c.cookie.name, value: c.cookie.value })),
      // The provisional headers, then the raw ones: both sets, as DevTools converters write them.
      headers: [...toList(req.headers), ...rawRequestHeaders],
      httpVersion: res.protocol ?? 'http/1.1',
      ...(postData ? { postData } : {}),
    },
    time: round(time),
    _initiator_detail: JSON.stringify(initiator),
    _initiator_type: initiator.type,
    _resourceType: String(sent.type ?? received.type ?? 'Other').toLowerCase(),
    ...(initiator.url || top ? { _initiator: initiator.url ?? top.url } : {}),
    ...(top
      ? {
          _initiator_line: top.lineNumber + 1,
          _initiator_column: top.columnNumber + 1,
          _initiator_function_name: top.functionName,
          _initiator_script_id: top.scriptId,
        }
      : initiator.lineNumber !== undefined
        ? { _initiator_line: initiator.lineNumber + 1 }
        : {}),
    response: {
      httpVersion: res.protocol ?? 'http/1.1',
      redirectURL: '',
      status: res.status,
      statusText: res.statusText ?? '',
      content: {
        mimeType: res.mimeType,
        ...(res.charset ? { charset: res.charset } : {}),
        // Received data plus the decoded body: the body counted twice.
        size: r.dataLength + bodyLength,
        ...(body ? { text: bodyText } : {}),
        ...(body?.base64Encoded ? { encoding: 'base64' } : {}),
      },
      headersSize: -1,
      bodySize: finished.encodedDataLength,
      // Cookies parsed only when the response is same-site with the page; set-cookie stays in headers.
      cookies: sameSite(url.hostname, pageHost) ? setCookies(responseHeaders, sent.wallTime) : [],
      headers: responseHeaders,
      _transferSize: finished.encodedDataLength,
      fromDiskCache: Boolean(res.fromDiskCache),
      fromEarlyHints: Boolean(res.fromEarlyHints),
      fromServiceWorker: Boolean(res.fromServiceWorker),
      fromPrefetchCache: Boolean(res.fromPrefetchCache),
    },
    connection: String(res.connectionId ?? ''),
    serverIPAddress: res.remoteIPAddress ?? '',
    timings,
    _requestTime: timing?.requestTime,
  }
  return entry
}

function toTimings(t, finishedAt, queuedAt) {
  const span = (start, end) => (start >= 0 && end >= 0 ? round(end - start) : -1)
  const firstStart = [t.dnsStart, t.connectStart, t.sendStart].find((v) => v >= 0) ?? 0
  return {
    blocked: round(firstStart),
    dns: span(t.dnsStart, t.dnsEnd),
    // connect spans the TLS handshake too, and ssl repeats it.
    connect: span(t.connectStart, t.connectEnd),
    send: round(t.sendEnd - t.sendStart),
    wait: round(t.receiveHeadersEnd - t.sendEnd),
    receive: round(Math.max(0, (finishedAt - t.requestTime) * 1000 - t.receiveHeadersEnd)),
    ssl: span(t.sslStart, t.sslEnd),
    _queued: round((t.requestTime - queuedAt) * 1000),
  }
}

function postDataOf(req) {
  let text = req.postData
  if (text === undefined && Array.isArray(req.postDataEntries)) {
    text = req.postDataEntries.map((e) => (e.bytes ? Buffer.from(e.bytes, 'base64').toString('utf8') : '')).join('')
  }
  if (text === undefined) return undefined
  const type = Object.entries(req.headers ?? {}).find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? ''
  return { mimeType: type, text }
}

function toList(headers) {
  const list = []
  for (const [name, value] of Object.entries(headers ?? {})) {
    // CDP joins repeated headers (set-cookie) with newlines.
    for (const v of String(value).split('\n')) list.push({ name, value: v })
  }
  return list
}

function setCookies(headers, wallTime) {
  return headers
    .filter((h) => h.name.toLowerCase() === 'set-cookie')
    .map((h) => {
      const [pair = '', ...attrs] = h.value.split(';').map((s) => s.trim())
      const eq = pair.indexOf('=')
      const cookie = { name: pair.slice(0, eq), value: pair.slice(eq + 1) }
      for (const attr of attrs) {
        const [k = '', v = ''] = attr.split('=')
        const key = k.toLowerCase()
        if (key === 'path') cookie.path = v
        else if (key === 'domain') cookie.domain = v
        else if (key === 'httponly') cookie.httpOnly = true
        else if (key === 'secure') cookie.secure = true
        else if (key === 'samesite') cookie.sameSite = v
        // Expiry in epoch seconds, then handed to Date as if it were milliseconds: a date in 1970.
        else if (key === 'max-age') cookie.expires = new Date(Math.round(wallTime + Number(v))).toISOString()
        else if (key === 'expires') cookie.expires = new Date(Math.round(Date.parse(v) / 1000)).toISOString()
      }
      return cookie
    })
}

function sameSite(host, pageHost) {
  const site = (h) => h.split('.').slice(-2).join('.')
  return pageHost !== '' && site(host) === site(pageHost)
}

function ms(at, start) {
  return at === undefined ? -1 : round((at - start) * 1000)
}

function round(v) {
  return Math.round(v * 1000) / 1000
}
