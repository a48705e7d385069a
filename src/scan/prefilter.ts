/**
 * One cheap pass before anything else: a case-insensitive superset of every rule's trigger
 * (measured: ~2x faster than the union of the triggers, which has 29 case-sensitive branches).
 * A rule whose trigger is not covered here would never run; the case tables catch that, since
 * every invalid case goes through this filter. No imports: the filter threads load only this.
 */
export const PREFILTER = /asap|zoho|secret|nonce|hmac|signjwt|\.sign\(|email_verified|not_before|not_after|content-?security-?policy|\/inapp\//i

/**
 * The files a tree scan reads past the filter: what a rule could report on, or a server endpoint
 * answering JSON (which makes a page's `res.text()` wrong). One pass instead of two.
 */
export const READ_FILTER = new RegExp(`${PREFILTER.source}|\\.json\\(|jsonify`, 'i')

/** Whether any rule could report on this text. Works on a latin1 view too: every needle is ASCII. */
export function mayMatch(text: string): boolean {
  return PREFILTER.test(text)
}
