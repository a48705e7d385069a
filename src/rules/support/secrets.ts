/** Shannon entropy in bits per character. */
export function entropy(text: string): number {
  const counts = new Map<string, number>()
  for (const c of text) counts.set(c, (counts.get(c) ?? 0) + 1)
  let bits = 0
  for (const count of counts.values()) {
    const p = count / text.length
    bits -= p * Math.log2(p)
  }
  return bits
}

/**
 * A literal that looks like a real secret: at least 16 characters, no spaces, random-looking
 * (≥ 3.5 bits per character), and not a placeholder such as `your-secret-here` or `changeme`.
 */
export function looksLikeSecret(value: string): boolean {
  if (value.length < 16 || value.length > 512 || /\s/.test(value)) return false
  if (/your|change|example|placeholder|replace|secret|xxxx|\$\{|<|%s|\{\{|process\.env|^https?:/i.test(value)) return false
  // An a.b.c value is a token, not a secret; a path or a dotted name is not random.
  if (/^[\w-]+\.[\w-]+\.[\w-]+$/.test(value) || /^[a-z_./-]+$/i.test(value)) return false
  return entropy(value) >= 3.5
}

/** Names that hold the ASAP secret. */
export const SECRET_NAME = /secret|asap_|zoho_?asap|jwt_?key|signing_?key|hmac_?key/i
