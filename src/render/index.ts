import type { Report } from '../core/report.js'
import type { Style } from './style.js'

export type FormatName = 'human' | 'json' | 'github' | 'junit' | 'html' | 'markdown' | 'sarif'

export interface RenderOptions {
  readonly style?: Style
  /** Raw tokens the run handled, for formats that can tell CI to hide them (`github`). */
  readonly masks?: readonly string[]
}

export type Renderer = (report: Report, options: RenderOptions) => string

/**
 * One renderer per format, each a pure function of the report, loaded on demand: a run prints one
 * format, and loading the others would cost start-up time for nothing.
 */
export const renderers = {
  human: async () => {
    const { renderHuman } = await import('./human.js')
    return (report, options) => renderHuman(report, options.style === undefined ? {} : { style: options.style })
  },
  json: async () => (await import('./json.js')).renderJson,
  github: async () => {
    const { renderGithub } = await import('./github.js')
    return (report, options) => renderGithub(report, options.masks === undefined ? {} : { masks: options.masks })
  },
  junit: async () => (await import('./junit.js')).renderJunit,
  html: async () => (await import('./html.js')).renderHtml,
  markdown: async () => (await import('./markdown.js')).renderMarkdown,
  sarif: async () => (await import('./sarif.js')).renderSarif,
} satisfies Record<FormatName, () => Promise<Renderer>>

export function isFormatName(value: string): value is FormatName {
  return Object.hasOwn(renderers, value)
}
