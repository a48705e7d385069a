import type { FindingData } from '../core/types.js'
import { endpointPath } from './json-endpoints.js'

/**
 * A rule that cannot decide a finding from its own file defers it to the tree with a flag in the
 * finding's data; the report keeps it only when the tree confirms it. The flags, their meaning and
 * their removal from the shown data live here, in one place.
 * - `ifWidgetUsed`: some file of the tree uses the widget (a CSP "blocks the widget" only then: in a tree
 *   without the widget a CSP is none of ASAP's business, as in playwright-core's trace viewer);
 * - `unlessNoncePassed`: no file hands the CSP nonce to the snippet;
 * - `ifJsonEndpoint`: the tree answers that endpoint with JSON (a page reading it as text is wrong).
 */
export interface TreeFacts {
  readonly widgetUsed: boolean
  readonly noncePassed: boolean
  /** Paths of the endpoints the tree answers with JSON, as `endpointPath` gives them. */
  readonly jsonPaths: ReadonlySet<string>
}

export function isDeferred(data: FindingData): boolean {
  return data.unlessNoncePassed === true || data.ifWidgetUsed === true || typeof data.ifJsonEndpoint === 'string'
}

export function standsInTree(data: FindingData, tree: TreeFacts): boolean {
  const endpoint = data.ifJsonEndpoint
  if (typeof endpoint === 'string') return tree.jsonPaths.has(endpointPath(endpoint))
  return (data.ifWidgetUsed !== true || tree.widgetUsed) && (data.unlessNoncePassed !== true || !tree.noncePassed)
}

/** The finding's data as the report shows it: without the deferral flags. */
export function withoutDeferral(data: FindingData): FindingData {
  const { unlessNoncePassed: _nonce, ifWidgetUsed: _widget, ifJsonEndpoint: _endpoint, ...shown } = data
  return shown
}
