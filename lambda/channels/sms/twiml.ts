/**
 * TwiML answers to an inbound SMS. Replies go in the webhook's response, not in a second
 * REST call: Twilio delivers each <Message> in order. Built with Twilio's own
 * MessagingResponse (deep import), which escapes the text: user text is data, never markup.
 */
import MessagingResponse from 'twilio/lib/twiml/MessagingResponse.js';

/** `<Response>` with one `<Message>` per text, in order; no messages is an empty response (send nothing). */
export function twimlOf(messages: readonly string[]): string {
  const response = new MessagingResponse();
  for (const text of messages) response.message(text);
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
