/** `mailto:` links for drafts: the plan's and the reminders' "open in your mail app" links. */

/**
 * Lone surrogates (a cut emoji in a name) become U+FFFD: encodeURIComponent throws a URIError
 * on them, which failed the whole plan.
 */
const wellFormed = (s: string): string =>
  s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');

/** A `mailto:` link that opens the draft addressed, with subject and body (RFC 6068: %-encoded, CRLF breaks). */
export function mailtoLink(to: string, subject: string, body: string): string {
  const address = encodeURIComponent(wellFormed(to)).replace(/%40/g, '@');
  return `mailto:${address}?subject=${encodeURIComponent(wellFormed(subject))}&body=${encodeURIComponent(wellFormed(body).replace(/\r?\n/g, '\r\n'))}`;
}
