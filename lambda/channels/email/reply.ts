/**
 * Replies on the candidate's thread: `In-Reply-To` = their Message-ID, `References` = the
 * thread so far plus it, and a "Re:" subject; and the short, polite answers to mail the
 * service cannot use (too large, unreadable, no invite), which say what to send instead.
 */
import type { Mailer, OutboundEmail } from '../../app/ports.js';
import type { ThreadInfo } from './parse.js';

const REPLY_PREFIX = /^\s*(?:(?:re|aw|sv|antw|vs|r)\s*(?:\[\d+\])?\s*:\s*)+/i;

/** Header values never carry CR/LF (no header injection from a subject). */
const oneLine = (s: string): string => s.replace(/[\r\n]+/g, ' ').trim();

/** "Re: <subject>", without stacking "Re: Re:". */
export function replySubject(subject: string): string {
  const bare = oneLine(subject).replace(REPLY_PREFIX, '').trim();
  return bare ? `Re: ${bare}` : 'Re: your interview';
}

/** The threading headers of a reply to `thread`. */
export function threadHeaders(thread: ThreadInfo): { inReplyTo: string; references: string[] } {
  const references = [...thread.references.filter((r) => r !== thread.messageId), thread.messageId];
  return { inReplyTo: thread.messageId, references };
}

/**
 * A Mailer that answers `thread`: messages sent in reply to it (or with no threading of
 * their own) get its In-Reply-To/References and a "Re:" subject, so the reply lands in the
 * candidate's conversation. Other messages pass through unchanged.
 */
export function threadedMailer(
  mailer: Mailer,
  thread: ThreadInfo | null,
  options: { readonly always?: boolean } = {},
): Mailer {
  if (thread === null) return mailer;
  const headers = threadHeaders(thread);
  return {
    send(message: OutboundEmail) {
      const ours =
        options.always === true ||
        message.inReplyTo === undefined ||
        message.inReplyTo === thread.messageId;
      if (!ours) return mailer.send(message);
      return mailer.send({
        ...message,
        subject: replySubject(thread.subject || message.subject),
        inReplyTo: headers.inReplyTo,
        references:
          options.always !== true && message.references?.length
            ? message.references
            : headers.references,
      });
    },
  };
}

export type ProblemKind = 'too_large' | 'unreadable' | 'missing' | 'no_invite' | 'no_new_time';

const PROBLEM_TEXT: Readonly<Record<ProblemKind, string>> = {
  too_large:
    "Thanks for your message. It was too large for me to read (over 10 MB, usually because of attachments). Could you forward the interview invitation again without attachments, or reply with the company, the interviewer's name and the interview's date, time and time zone, plus a line on why you need to reschedule?",
  missing:
    "Thanks for your message. I couldn't retrieve it on my side. Could you forward the interview invitation again, with a line on why you need to reschedule?",
  unreadable:
    "Thanks for your message. I couldn't read it (its format looks damaged). Could you forward the interview invitation again as a normal email, or reply in plain text with the company, the interviewer's name and the interview's date, time and time zone, plus a line on why you need to reschedule?",
  no_invite:
    "Thanks for your message. I couldn't find the interview in it. When is the interview? Please forward the invitation you received (it has the time and the interviewer), or reply with the date, time and time zone, the company and the interviewer's name.",
  no_new_time:
    'Thanks for the update. I couldn\'t find the new interview time in it. Reply with the new time, for example "moved to Thu 2pm" or "NEW Tuesday 10:00 ET", and I\'ll send a thank-you draft and a reminder before the interview.',
};

/** The polite answer to mail the service cannot use, on the sender's thread. */
export function problemReply(
  kind: ProblemKind,
  to: string,
  thread: ThreadInfo | null,
  subject: string,
): OutboundEmail {
  const text = `Hello,\n\n${PROBLEM_TEXT[kind]}\n\nReschedule assistant`;
  return {
    to,
    subject: replySubject(thread?.subject || subject || 'your interview'),
    text,
    ...(thread ? threadHeaders(thread) : {}),
  };
}

/** The text of a reply above the quoted earlier mail ("On ... wrote:", "> ", "-----Original Message-----"). */
export function replyText(text: string): string {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (/^\s*>/.test(line)) break;
    if (/^\s*-{2,}\s*original message\s*-{2,}\s*$/i.test(line)) break;
    if (/^\s*_{10,}\s*$/.test(line)) break;
    if (/^On .{4,200}wrote:\s*$/i.test(line)) break;
    if (/^On .{4,200}$/i.test(line) && /wrote:\s*$/i.test(lines[i + 1] ?? '')) break;
    if (/^\s*From:\s.+/i.test(line) && /^\s*(?:Sent|Date):\s.+/i.test(lines[i + 1] ?? '')) break;
    out.push(line);
  }
  return out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
