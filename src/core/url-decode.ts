/**
 * `decodeURIComponent` that keeps the text when it is not valid percent-encoding: input from pasted
 * text, HAR URLs and query strings is often half-encoded, and that is never a reason to fail.
 */
export function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}
