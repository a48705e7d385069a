/**
 * HAR 1.2 types (http://www.softwareishard.com/blog/har-12-spec/), as far as asap-doctor reads them.
 *
 * Every object tolerates the tool-specific custom fields HAR allows (names starting with `_`, such as
 * Chrome's `_resourceType` or `_initiator`). Fields the spec marks required are required here; the
 * reader (`readHar`) fills the ones a sloppy exporter leaves out with neutral defaults, so code may
 * rely on these types.
 */

/** Tool-specific fields: HAR 1.2 requires their names to start with an underscore. */
export interface HarCustomFields {
  [custom: `_${string}`]: unknown
}

/** `log.creator` and `log.browser`. */
export interface HarCreator extends HarCustomFields {
  name: string
  version: string
  comment?: string
}

export interface HarPageTimings extends HarCustomFields {
  onContentLoad?: number
  onLoad?: number
  comment?: string
}

/** One page (a top-level navigation) in `log.pages`. */
export interface HarPage extends HarCustomFields {
  startedDateTime: string
  id: string
  title: string
  pageTimings: HarPageTimings
  comment?: string
}

/** A request or response header. Names keep the recorder's case (lower case for HTTP/2). */
export interface HarHeader extends HarCustomFields {
  name: string
  value: string
  comment?: string
}

export interface HarCookie extends HarCustomFields {
  name: string
  value: string
  path?: string
  domain?: string
  expires?: string | null
  httpOnly?: boolean
  secure?: boolean
  sameSite?: string
  comment?: string
}

/** One `request.queryString` item; recorders differ on whether `value` is percent-decoded. */
export interface HarQueryParam extends HarCustomFields {
  name: string
  value: string
  comment?: string
}

/** One `postData.params` item (form fields, multipart parts). */
export interface HarPostParam extends HarCustomFields {
  name: string
  value?: string
  fileName?: string
  contentType?: string
  comment?: string
}

/** `request.postData`: `text` and `params` are alternatives; either may be present. */
export interface HarPostData extends HarCustomFields {
  mimeType: string
  params?: HarPostParam[]
  text?: string
  comment?: string
}

export interface HarRequest extends HarCustomFields {
  method: string
  url: string
  httpVersion: string
  cookies: HarCookie[]
  headers: HarHeader[]
  queryString: HarQueryParam[]
  postData?: HarPostData
  headersSize: number
  bodySize: number
  comment?: string
}

/** `response.content`. With `encoding: 'base64'`, `text` holds base64 of the body bytes. */
export interface HarContent extends HarCustomFields {
  size: number
  compression?: number
  mimeType: string
  text?: string
  encoding?: string
  comment?: string
}

export interface HarResponse extends HarCustomFields {
  status: number
  statusText: string
  httpVersion: string
  cookies: HarCookie[]
  headers: HarHeader[]
  content: HarContent
  redirectURL: string
  headersSize: number
  bodySize: number
  comment?: string
}

export interface HarCacheEntry extends HarCustomFields {
  expires?: string
  lastAccess: string
  eTag: string
  hitCount: number
  comment?: string
}

export interface HarCache extends HarCustomFields {
  beforeRequest?: HarCacheEntry | null
  afterRequest?: HarCacheEntry | null
  comment?: string
}

/** Phase durations in milliseconds; -1 means "does not apply". */
export interface HarTimings extends HarCustomFields {
  blocked?: number
  dns?: number
  connect?: number
  send: number
  wait: number
  receive: number
  ssl?: number
  comment?: string
}

/** One request/response pair of `log.entries`. */
export interface HarEntry extends HarCustomFields {
  pageref?: string
  /** ISO 8601 date of the request start; `''` when the recorder left it out. */
  startedDateTime: string
  time: number
  request: HarRequest
  response: HarResponse
  cache: HarCache
  timings: HarTimings
  serverIPAddress?: string
  connection?: string
  comment?: string
}

export interface HarLog extends HarCustomFields {
  version: string
  creator: HarCreator
  browser?: HarCreator
  pages?: HarPage[]
  entries: HarEntry[]
  comment?: string
}

/** A whole HAR document. Large files must be read with `readHar`, never as one `Har` value. */
export interface Har extends HarCustomFields {
  log: HarLog
}
