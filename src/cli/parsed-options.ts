/** Option values as both parsers deliver them, keyed by camelCase name. */
export type ParsedOptions = Readonly<Record<string, string | boolean | readonly string[] | undefined>>

export function optString(options: ParsedOptions, key: string): string | undefined {
  const value = options[key]
  return typeof value === 'string' ? value : undefined
}

export function optFlag(options: ParsedOptions, key: string): boolean {
  return options[key] === true
}

export function optList(options: ParsedOptions, key: string): string[] | undefined {
  const value = options[key]
  if (value === undefined || typeof value === 'boolean') return undefined
  return typeof value === 'string' ? [value] : [...value]
}
