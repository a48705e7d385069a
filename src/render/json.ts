import type { Report } from '../core/report.js'

/** The machine-readable report (schemaVersion 1, see docs/json-output.md). */
export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`
}
