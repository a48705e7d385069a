import type { Report } from '../core/report.js'
import { renderGithub } from './github.js'
import { renderHuman } from './human.js'
import { renderJson } from './json.js'
import { renderJunit } from './junit.js'
import type { Style } from './style.js'

export type FormatName = 'human' | 'json' | 'github' | 'junit'

export interface RenderOptions {
  readonly style?: Style
  /** Raw tokens the run handled, for formats that can tell CI to hide them (`github`). */
  readonly masks?: readonly string[]
}

/** One renderer per format, each a pure function of the report. */
export const renderers = {
  human: (report, options) => renderHuman(report, options.style === undefined ? {} : { style: options.style }),
  json: (report) => renderJson(report),
  github: (report, options) => renderGithub(report, options.masks === undefined ? {} : { masks: options.masks }),
  junit: (report) => renderJunit(report),
} satisfies Record<FormatName, (report: Report, options: RenderOptions) => string>

export function isFormatName(value: string): value is FormatName {
  return Object.hasOwn(renderers, value)
}
