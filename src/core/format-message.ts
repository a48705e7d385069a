import type { DataValue, FindingData } from './types.js'

/**
 * Fills `{{name}}` placeholders from a finding's data. This is the one place where findings become
 * sentences; an unknown placeholder stays visible so a missing datum is noticed in tests.
 */
export function formatMessage(template: string, data: FindingData): string {
  return template.replace(/\{\{\s*([\w.-]+)\s*\}\}/g, (whole, name: string) => {
    if (!Object.hasOwn(data, name)) return whole
    return formatValue(data[name] ?? null)
  })
}

function formatValue(value: DataValue): string {
  if (value === null) return 'null'
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return value.join(', ')
}
