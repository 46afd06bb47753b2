/**
 * TwiML answers to an inbound SMS. Replies go in the webhook's response, not in a second
 * REST call: Twilio delivers each <Message> in order. Built with Twilio's own
 * MessagingResponse (deep import), which escapes the text: user text is data, never markup.
 */
import MessagingResponse from 'twilio/lib/twiml/MessagingResponse.js';

/**
 * Characters XML 1.0 cannot carry (C0 controls but tab, LF and CR; lone surrogates; U+FFFE and
 * U+FFFF): dropped, or the XML builder throws on user text quoted back ("NEW <NUL>") and the
 * webhook answers 500.
 */
const NOT_XML =
  // eslint-disable-next-line no-control-regex -- these control characters are what it removes
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** `<Response>` with one `<Message>` per text, in order; no messages is an empty response (send nothing). */
export function twimlOf(messages: readonly string[]): string {
  const response = new MessagingResponse();
  for (const text of messages) response.message(text.replace(NOT_XML, ''));
  return response.toString();
}

/** The `<Message>` bodies in a TwiML document (for replaying and tests). */
export function messagesOf(twiml: string): string[] {
  const out: string[] = [];
  // Message text is escaped (no "<" inside), so [^<]* is exact and linear on any input (ReDoS).
  for (const match of twiml.matchAll(/<Message>([^<]*)<\/Message>/g)) {
    out.push(
      (match[1] ?? '')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'")
        .replace(/&amp;/g, '&'),
    );
  }
  return out;
}
