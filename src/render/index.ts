import type { Report } from '../core/report.js'
import { renderHuman } from './human.js'
import { renderJson } from './json.js'
import type { Style } from './style.js'

export type FormatName = 'human' | 'json'

export interface RenderOptions {
  readonly style?: Style
}

/** One renderer per format, each a pure function of the report. */
export const renderers = {
  human: (report, options) => renderHuman(report, options.style === undefined ? {} : { style: options.style }),
  json: (report) => renderJson(report),
} satisfies Record<FormatName, (report: Report, options: RenderOptions) => string>

export const FORMAT_NAMES = Object.keys(renderers) as FormatName[]
